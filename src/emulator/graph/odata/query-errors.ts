import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { graphError, type GraphErrorDetail } from '../respond.js';

/**
 * A request Graph refuses, as data: parsers return it, handlers turn it into the Graph error
 * envelope with {@link queryErrorResponse}. Wording is Microsoft's where known (fact sheet §2.1,
 * aad-advanced-queries.md, ODataLib and ASP.NET OData's query validator); the few invented ones are
 * marked [K] in graph-directory.md.
 */
export interface QueryError {
  status: number;
  code: string;
  message: string;
  details?: GraphErrorDetail[];
}

export const isQueryError = (value: unknown): value is QueryError =>
  typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'message' in value;

export function queryErrorResponse(req: EmuRequest, error: QueryError): EmuResponse {
  return graphError(req, error.status, error.code, error.message, error.details);
}

const ADVANCED_HINT =
  'Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';

const bad = (code: string, message: string, status = 400): QueryError => ({ status, code, message });

/** ASP.NET OData's EnableQuery wraps its validator's messages in this sentence. */
const invalidUri = (message: string): QueryError =>
  bad('BadRequest', `The query specified in the URI is not valid. ${message}`);

/** Where ODataLib's validator messages point the service developer. */
const SETTINGS = 'property on EnableQueryAttribute or QueryValidationSettings.';

export const queryErrors = {
  unknownProperty: (property: string, typeName: string) =>
    bad('BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.${typeName}'.`),
  unsupportedFilterProperty: (property: string, label: string) =>
    bad(
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${label}'.`,
    ),
  advancedOperator: (operator: string) =>
    bad(
      'Request_UnsupportedQuery',
      `Operator '${operator}' is not supported because the required parameters might be missing. ${ADVANCED_HINT}`,
    ),
  invalidFilter: (detail: string) => bad('BadRequest', `Invalid filter clause: ${detail}`),
  invalidSearch: (search: string) =>
    bad('Request_UnsupportedQuery', `Syntax error: invalid $search query '${search}'.`),
  countNotSupported: () => bad('Request_BadRequest', '$count is not currently supported.'),
  searchNeedsHeader: () =>
    bad(
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    ),
  invalidPageSize: (value: string, max: number) =>
    bad(
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${value}'. Must be between 1 and ${max} inclusive.`,
    ),
  topLimitExceeded: (max: number, value: number) =>
    invalidUri(
      `The limit of '${max}' for Top query has been exceeded. The value from the incoming request is '${value}'.`,
    ),
  /** `kind` as ODataLib names it: `Or`, `Not`, `NotEqual`, `GreaterThan`… */
  logicalOperatorNotAllowed: (kind: string) =>
    invalidUri(
      `Logical operator '${kind}' is not allowed. To allow it, set the 'AllowedLogicalOperators' ${SETTINGS}`,
    ),
  functionNotAllowed: (fn: string) =>
    invalidUri(`Function '${fn}' is not allowed. To allow it, set the 'AllowedFunctions' ${SETTINGS}`),
  propertyNotFilterable: (property: string) =>
    invalidUri(`The property '${property}' cannot be used in the $filter query option.`),
  orderByNotAllowed: (property: string) =>
    invalidUri(
      `Order by '${property}' is not allowed. To allow it, set the 'AllowedOrderByProperties' ${SETTINGS}`,
    ),
  invalidTop: (value: string) =>
    bad(
      'BadRequest',
      `Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`,
    ),
  invalidCount: (value: string) =>
    bad(
      'BadRequest',
      `Invalid value '${value}' for $count query option found. Valid values are 'true' and 'false'.`,
    ),
  sortingNotSupported: () => bad('Request_UnsupportedQuery', 'Sorting not supported for current query.'),
  expiredPageToken: () =>
    bad(
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    ),
  invalidPageToken: () => bad('Request_BadRequest', 'The specified page token value is not valid.'),
  referenceFilterNotSupported: () =>
    bad(
      'Request_UnsupportedQuery',
      'The specified filter to the reference property query is currently not supported.',
    ),
  unsupportedQueryOption: (name: string) =>
    bad('BadRequest', `The query parameter '${name}' is not supported.`),
  skipNotSupported: () => bad('Request_BadRequest', "'$skip' is not supported by the service."),
  expandWithAdvanced: () =>
    bad('Request_UnsupportedQuery', '$expand is not currently supported with advanced queries.'),
  singleOnlyProperty: (property: string) =>
    bad(
      'NotImplemented',
      `The property '${property}' is available only when retrieving a single user: GET /users/{id}.`,
      501,
    ),
};

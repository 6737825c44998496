import { z } from 'zod';
import { graph, pc, type ErrorCase } from './error-inputs.js';

const DUPLICATE_UPN = 'Another object with the same value for property userPrincipalName already exists.';

/** Graph failures (concepts/errors.md, captures quoted in the fact sheet §2–§7). */
export const graphErrorCases: ErrorCase[] = [
  ['consent missing (app-only)', graph(403, 'Authorization_RequestDenied'), 'Authorization_RequestDenied'],
  [
    'token rejected',
    graph(401, 'InvalidAuthenticationToken', 'token is expired.'),
    'InvalidAuthenticationToken',
  ],
  [
    'object not found',
    graph(404, 'Request_ResourceNotFound', "Resource 'abc' does not exist"),
    'Request_ResourceNotFound',
  ],
  [
    'no manager',
    graph(404, 'Request_ResourceNotFound', "Resource 'manager' does not exist"),
    'Request_ResourceNotFound.NoManager',
  ],
  [
    'generic bad request',
    graph(400, 'Request_BadRequest', 'Invalid value for displayName.'),
    'Request_BadRequest',
  ],
  [
    'duplicate UPN (detail)',
    graph(400, 'Request_BadRequest', 'One or more properties are invalid.', [
      { code: 'ObjectConflict', target: 'userPrincipalName' },
    ]),
    'Request_BadRequest.DuplicateUserPrincipalName',
  ],
  [
    'duplicate UPN (message)',
    graph(400, 'Request_BadRequest', DUPLICATE_UPN),
    'Request_BadRequest.DuplicateUserPrincipalName',
  ],
  [
    'duplicate proxy address',
    graph(
      400,
      'Request_BadRequest',
      'Another object with the same value for property proxyAddresses already exists.',
    ),
    'Request_BadRequest.DuplicateProxyAddress',
  ],
  [
    'unverified domain',
    graph(400, 'Request_BadRequest', 'The domain portion of the userPrincipalName property is invalid.', [
      { code: 'InvalidValue', target: 'userPrincipalName' },
    ]),
    'Request_BadRequest.UnverifiedDomain',
  ],
  [
    'weak password',
    graph(
      400,
      'Request_BadRequest',
      'The specified password does not comply with password complexity requirements.',
    ),
    'Request_BadRequest.WeakPassword',
  ],
  [
    'no licences',
    graph(400, 'Request_BadRequest', 'Subscription with SKU 0000 does not have any available licenses.'),
    'Request_BadRequest.NoAvailableLicenses',
  ],
  [
    'usage location',
    graph(
      400,
      'Request_BadRequest',
      'License assignment cannot be done for user with invalid usage location.',
    ),
    'Request_BadRequest.UsageLocationMissing',
  ],
  [
    'unknown sku',
    graph(400, 'Request_BadRequest', 'License 0000 does not correspond to a valid company License.'),
    'Request_BadRequest.UnknownSku',
  ],
  [
    'licence inherited from a group',
    graph(
      400,
      'Request_BadRequest',
      'User license is inherited from group membership and cannot be removed directly from the user.',
    ),
    'Request_BadRequest.LicenceInheritedFromGroup',
  ],
  [
    'licence not held',
    graph(400, 'Request_BadRequest', 'User does not have a corresponding license.'),
    'Request_BadRequest.LicenceNotHeld',
  ],
  [
    'already a member',
    graph(
      400,
      'Request_BadRequest',
      "One or more added object references already exist for the following modified properties: 'members'.",
    ),
    'Request_BadRequest.AlreadyMember',
  ],
  [
    'mail-enabled group',
    graph(
      400,
      'Request_BadRequest',
      'Cannot Update a mail-enabled security groups and or distribution list.',
    ),
    'Request_BadRequest.MailEnabledGroupNotWritable',
  ],
  [
    'dynamic group (emulator default body)',
    graph(
      400,
      'Request_BadRequest',
      'Insufficient privileges to complete the operation. Dynamic group membership is managed by its membership rule.',
    ),
    'Request_BadRequest.DynamicGroupNotWritable',
  ],
  [
    'dynamic group (as a permission refusal)',
    graph(403, 'Authorization_RequestDenied', 'Cannot modify members of a group with dynamic membership.'),
    'Request_BadRequest.DynamicGroupNotWritable',
  ],
  [
    'invalid usage location',
    graph(
      400,
      'Request_BadRequest',
      "Invalid value specified for property 'usageLocation' of resource 'User'.",
      [{ code: 'InvalidValue', target: 'usageLocation' }],
    ),
    'Request_BadRequest.InvalidUsageLocation',
  ],
  [
    'on-prem mastered',
    graph(
      400,
      'Request_BadRequest',
      'Unable to update the specified properties for on-premises mastered Directory Sync objects.',
    ),
    'Request_BadRequest.OnPremisesMastered',
  ],
  [
    'bad mailNickname',
    graph(400, 'Request_BadRequest', "Invalid value specified for property 'mailNickname'.", [
      { code: 'InvalidValue', target: 'mailNickname' },
    ]),
    'Request_BadRequest.InvalidMailNickname',
  ],
  [
    'unsupported query',
    graph(400, 'Request_UnsupportedQuery', "Operator 'endsWith' is not supported."),
    'Request_UnsupportedQuery',
  ],
  ['unknown segment', graph(400, 'BadRequest', "Resource not found for the segment 'foo'."), 'BadRequest'],
  ['expired page token', graph(400, 'Directory_ExpiredPageToken'), 'Directory_ExpiredPageToken'],
  ['delta token expired', graph(410, 'syncStateNotFound'), 'syncStateNotFound'],
  ['delta token expired (Outlook casing)', graph(410, 'SyncStateNotFound'), 'syncStateNotFound'],
  ['resync required', graph(400, 'resyncRequired'), 'resyncRequired'],
  ['graph throttled', graph(429, 'TooManyRequests', 'Please retry again later.'), 'TooManyRequests'],
  [
    'non-premium sign-in activity',
    graph(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'),
    'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
  ],
  ['graph unavailable', graph(503, 'serviceNotAvailable'), 'serviceNotAvailable'],
  ['graph 500', graph(500, 'generalException'), 'generalException'],
  ['graph 504', graph(504, 'gatewayTimeout'), 'gatewayTimeout'],
  ['graph 502', graph(502, 'badGateway'), 'badGateway'],
  ['unknown graph code 400', graph(400, 'SomethingNew'), 'Http.400'],
  ['unknown graph code 401', graph(401, 'SomethingNew'), 'Http.401'],
  ['unknown graph code 403', graph(403, 'SomethingNew'), 'Http.403'],
  ['unknown graph code 404', graph(404, 'SomethingNew'), 'Http.404'],
  ['unknown graph code 409', graph(409, 'SomethingNew'), 'Http.409'],
  ['unknown graph code 410', graph(410, 'SomethingNew'), 'Http.410'],
  ['unknown graph code 412', graph(412, 'SomethingNew'), 'Http.412'],
  ['batch failed dependency', graph(424, 'SomethingNew'), 'Http.424'],
  ['unknown graph code 429', graph(429, 'SomethingNew'), 'Http.429'],
  ['unknown graph code 507', graph(507, 'insufficientStorage'), 'Http.5xx'],
  ['unknown graph code 418', graph(418, 'teapot'), 'Http.other'],
];

/** Partner Center failures (error-codes.md, api-throttling-guidance.md). */
export const partnerCenterErrorCases: ErrorCase[] = [
  ['pc throttled', pc(429, 429), 'PartnerCenter.Throttled'],
  [
    'pc no licences',
    pc(400, 60012, "You've run out of licenses", ['LicenseQuotaExceededException']),
    'PartnerCenter.60012',
  ],
  ['pc access denied 401', pc(401, 400, 'Access denied'), 'PartnerCenter.400'],
  ['pc access denied 403', pc(403, '2032', 'Access denied'), 'PartnerCenter.2032'],
  ['pc forbidden (no role)', pc(403, 403, 'Forbidden'), 'PartnerCenter.403'],
  ['pc forbidden with another code', pc(403, '900123', 'Forbidden'), 'PartnerCenter.403'],
  ['pc no relationship', pc(403, 20002, 'no commerce relationship'), 'PartnerCenter.20002'],
  ['pc subscription not found', pc(404, 20003, 'Subscription not found'), 'PartnerCenter.20003'],
  ['pc not found', pc(404, 1000, 'Not found'), 'PartnerCenter.1000'],
  ['pc invalid property', pc(400, 3000, 'Invalid property'), 'PartnerCenter.3000'],
  ['pc invalid input', pc(400, 400056, 'Invalid input'), 'PartnerCenter.400056'],
  ['pc quantity range', pc(400, 2002, 'quantity is not within minimum and maximum'), 'PartnerCenter.2002'],
  ['pc etag', pc(412, 2055, 'Etag is no longer valid'), 'PartnerCenter.2055'],
  ['pc pending adjustment', pc(409, 800014, 'There is a pending adjustment'), 'PartnerCenter.800014'],
  [
    'pc decrease window',
    pc(400, 800090, 'quantity cannot be decreased', ['within 7 days']),
    'PartnerCenter.800090',
  ],
  [
    'pc suspended',
    pc(400, 2001, 'quantity cannot be increased or decreased while suspended'),
    'PartnerCenter.2001',
  ],
  ['pc deleted', pc(400, 2011, 'deleted status cannot be updated'), 'PartnerCenter.2011'],
  ['pc unknown code → status', pc(409, 999999), 'Http.409'],
];

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Failures where Microsoft gave no usable answer. */
export const clientErrorCases: ErrorCase[] = [
  ['socket reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'Client.NetworkError'],
  ['fetch failed', new TypeError('fetch failed'), 'Client.NetworkError'],
  ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'Client.Timeout'],
  ['cut-off JSON', thrown(() => JSON.parse('{"value":[')), 'Client.MalformedResponse'],
  ['unexpected shape', z.object({ id: z.string() }).safeParse({}).error, 'Client.InvalidResponse'],
  [
    'long-running operation',
    { service: 'client', clientCode: 'OperationTimedOut' },
    'Client.OperationTimedOut',
  ],
  ['html gateway page', { service: 'graph', status: 502 }, 'Http.5xx'],
  ['anything else', 'boom', 'Client.Unknown'],
];

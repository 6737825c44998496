import { badRequest } from './scim-error.js';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from './scim-user-schema.js';

/** The attributes a list may be filtered on. */
export const SCIM_FILTER_ATTRIBUTES = ['userName', 'externalId', 'id', 'employeeNumber'] as const;
export type ScimFilterAttribute = (typeof SCIM_FILTER_ATTRIBUTES)[number];

/** `attribute eq "value"`: the one filter form Rollcall answers (what provisioning clients send). */
export interface ScimFilter {
  attribute: ScimFilterAttribute;
  value: string;
}

const FILTER = /^\s*(\S+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

const NAMES: Record<string, ScimFilterAttribute> = {
  username: 'userName',
  externalid: 'externalId',
  id: 'id',
  [`${SCIM_ENTERPRISE_USER}:employeeNumber`.toLowerCase()]: 'employeeNumber',
};

function attributeOf(name: string): ScimFilterAttribute | undefined {
  const lower = name.toLowerCase();
  const core = `${SCIM_CORE_USER.toLowerCase()}:`;
  return NAMES[lower.startsWith(core) ? lower.slice(core.length) : lower];
}

/** Parses `?filter=`; anything but `eq` on a supported attribute is a 400 invalidFilter. */
export function parseScimFilter(text: string): ScimFilter {
  const match = FILTER.exec(text);
  const attribute = match ? attributeOf(match[1]!) : undefined;
  const value = match ? stringOf(match[2]!) : undefined;
  if (!attribute || value === undefined) {
    throw badRequest(
      'invalidFilter',
      `Unsupported filter "${text}": use 'attribute eq "value"' with userName, externalId, id or ` +
        `${SCIM_ENTERPRISE_USER}:employeeNumber.`,
    );
  }
  return { attribute, value };
}

function stringOf(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import { guid } from '../../ids.js';
import type { GroupKind } from '../../state/types.js';
import type { GraphHandler } from '../auth.js';
import { readEntityBody } from '../odata/entity-body.js';
import { GROUP_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { graphJson, odataContext } from '../respond.js';
import { directoryTimestamp } from '../users/directory-time.js';
import { isValidMailNickname, proxyOwner, userErrors } from '../users/user-validation.js';
import { kindProps, viewGroup } from './group-view.js';
import { GROUP_CREATABLE, groupErrors } from './group-writable.js';
import { resolveBind } from './member-refs.js';

const REQUIRED = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'];
/** group.md: displayName has at most 256 characters. */
const DISPLAY_NAME_MAX = 256;

/** Windows-style SID Entra derives from a cloud object id (S-1-12-1-…). */
function securityIdentifier(id: string): string {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const parts = [0, 4, 8, 12].map((offset) => bytes.readUInt32LE(offset));
  return `S-1-12-1-${parts.join('-')}`;
}

/**
 * `POST /groups`: Microsoft 365 groups (`groupTypes: ["Unified"]`) and security groups, static
 * or dynamic; Graph cannot create mail-enabled security groups or distribution lists.
 */
export function createGroup(ctx: EmulatorContext): GraphHandler {
  return (req, _params, caller) => {
    const { tenant } = caller;
    const body = readEntityBody(readJson(req), GROUP_CREATABLE, GROUP_PROPERTIES, 'group');
    if (isQueryError(body)) return queryErrorResponse(req, body);
    const p = body.props;
    const missing = REQUIRED.find((name) => p[name] === undefined || p[name] === null);
    if (missing) return queryErrorResponse(req, groupErrors.required(missing));
    const name = String(p.displayName);
    if (name.trim() === '' || name.length > DISPLAY_NAME_MAX) {
      return queryErrorResponse(req, groupErrors.invalidValue('displayName'));
    }
    if (!isValidMailNickname(p.mailNickname))
      return queryErrorResponse(req, groupErrors.invalidValue('mailNickname'));
    const types = ((p.groupTypes as string[] | undefined) ?? []).map((t) => t.toLowerCase());
    const unified = types.includes('unified');
    const dynamic = types.includes('dynamicmembership');
    let kind: GroupKind;
    if (unified) {
      if (p.mailEnabled !== true) return queryErrorResponse(req, groupErrors.invalidValue('mailEnabled'));
      kind = 'm365';
    } else if (p.mailEnabled === true) {
      return queryErrorResponse(req, groupErrors.mailEnabledNotSupported());
    } else if (p.securityEnabled !== true) {
      return queryErrorResponse(req, groupErrors.invalidValue('securityEnabled'));
    } else {
      kind = 'security';
    }
    if (dynamic && typeof p.membershipRule !== 'string') {
      return queryErrorResponse(req, groupErrors.required('membershipRule'));
    }
    const defaultDomain = tenant.domains.find((d) => d.isDefault)?.id ?? tenant.initialDomain;
    const mail = unified ? `${p.mailNickname}@${defaultDomain}` : null;
    if (mail) {
      const holder = proxyOwner(tenant, mail, null);
      if (holder) return queryErrorResponse(req, userErrors.proxyConflict(holder));
    }
    const members = resolveBind(req, tenant, null, body.annotations['members@odata.bind'] ?? []);
    if (!Array.isArray(members)) return members;
    const owners = resolveBind(req, tenant, null, body.annotations['owners@odata.bind'] ?? []);
    if (!Array.isArray(owners)) return owners;

    const id = guid();
    const now = directoryTimestamp(ctx.clock);
    const group = ctx.estate.addGroup(
      tenant,
      {
        id,
        createdDateTime: now,
        renewedDateTime: now,
        description: null,
        classification: null,
        mail,
        proxyAddresses: mail ? [`SMTP:${mail}`] : [],
        visibility: unified ? 'Public' : null,
        isAssignableToRole: null,
        securityIdentifier: securityIdentifier(id),
        onPremisesSyncEnabled: null,
        membershipRuleProcessingState: dynamic ? 'On' : null,
        ...p,
        ...kindProps(kind, dynamic),
        securityEnabled: p.securityEnabled,
      },
      { kind, dynamic },
    );
    for (const entry of members) ctx.estate.addMember(tenant, id, entry.id, entry.type);
    return graphJson(201, {
      '@odata.context': odataContext(req, 'groups/$entity'),
      ...viewGroup(group, null),
    });
  };
}

import type { EmulatorContext } from '../context.js';
import type { EmuResponse } from '../http/types.js';
import { PARTNER_API_APP_ID, PARTNER_API_RESOURCE } from '../state/types.js';
import { APP_USER_ONLY } from './auth.js';
import { PRICE_MARKETS, priceListCsv, type PriceMarket } from './price-list.js';
import { pcError } from './respond.js';
import { zipSync } from 'fflate';

/** `pricesheets(Market='GB',PricesheetView='updatedlicensebased')`, keys in either order. */
const KEY = /^pricesheets\((.*)\)$/i;
const PAIR = /^\s*(\w+)\s*=\s*'((?:[^']|'')*)'\s*$/;

function sheetKey(segment: string): Record<string, string> | null {
  const inner = KEY.exec(decodeURIComponent(segment))?.[1];
  if (inner === undefined) return null;
  const out: Record<string, string> = {};
  for (const part of inner.split(',')) {
    const m = PAIR.exec(part);
    if (!m) return null;
    out[m[1]!.toLowerCase()] = m[2]!.replace(/''/g, "'");
  }
  return out;
}

/** Roles get-a-price-sheet.md names: Admin agent or Sales agent (Helpdesk agents are refused). */
const PRICE_SHEET_ROLES = ['AdminAgent', 'SalesAgent'];

function unauthorized(reason: string): EmuResponse {
  return pcError(401, 401, 'Unauthorized', [reason]);
}

/**
 * Partner API `GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value`
 * (get-a-price-sheet.md), served under `/partnerapi`: the `updatedlicensebased` view for the
 * markets the emulator prices. App + user tokens for `https://api.partner.microsoft.com` only; a
 * zip of the CSV when asked with `Accept-Encoding: deflate`.
 */
export function registerPriceSheetRoutes(ctx: EmulatorContext): void {
  ctx.router.on(
    'GET',
    '/partnerapi/v1.0/sales/:sheet/$value',
    { service: 'partnercenter', name: 'GET /v1.0/sales/pricesheets/$value' },
    async (req, params) => {
      const verified = await ctx.issuer.verifyAccess(req.headers.authorization, [
        PARTNER_API_RESOURCE,
        PARTNER_API_APP_ID,
      ]);
      if (!verified.ok) {
        return unauthorized(
          verified.reason === 'audience'
            ? `The bearer token audience is not ${PARTNER_API_RESOURCE}.`
            : `The bearer token is not valid (${verified.reason}).`,
        );
      }
      const partner = ctx.estate.tenant(verified.claims.tid);
      if (!partner?.partnerCenter || partner.id !== ctx.estate.partnerTenantId) {
        return unauthorized('The bearer token was not issued in a partner tenant.');
      }
      if (verified.claims.idtyp !== 'user') {
        return unauthorized(APP_USER_ONLY);
      }
      const roles = partner.partnerCenter.userRoles.get(verified.claims.oid.toLowerCase());
      if (roles !== undefined && !roles.some((r) => PRICE_SHEET_ROLES.includes(r))) {
        return pcError(403, 403, 'Forbidden', ['Price sheets need the Admin agent or Sales agent role.']);
      }
      const key = sheetKey(params.sheet ?? '');
      if (!key?.market || !key.pricesheetview) {
        return pcError(400, 400, 'Bad Request', [
          "The key must name Market='{market}' and PricesheetView='{view}'.",
        ]);
      }
      if (key.pricesheetview.toLowerCase() !== 'updatedlicensebased') {
        return pcError(404, 404, 'Not Found', [`The emulator serves the updatedlicensebased view only.`]);
      }
      const market = key.market.toUpperCase();
      if (!Object.hasOwn(PRICE_MARKETS, market)) {
        return pcError(404, 404, 'Not Found', [`No price sheet for market '${key.market}'.`]);
      }
      const timeline = (req.url.searchParams.get('timeline') ?? 'current').toLowerCase();
      if (timeline !== 'current') {
        return pcError(400, 400, 'Bad Request', ['The emulator serves timeline=current only.']);
      }
      const now = ctx.clock.now();
      const changes = partner.partnerCenter.priceChanges;
      const csv = Buffer.from(priceListCsv(market as PriceMarket, now, changes), 'utf8');
      const compressed = /deflate/i.test(req.headers['accept-encoding'] ?? '');
      return {
        status: 200,
        body: compressed ? zipOneFile('sheets.csv', csv, new Date(now)) : csv,
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename=${compressed ? 'sheets.zip' : 'sheets.csv'}`,
          'cache-control': 'private',
        },
      };
    },
  );
}

/** A zip archive of one deflated file: how Partner Center sends a price sheet asked for compressed. */
export function zipOneFile(name: string, content: Buffer, at: Date): Buffer {
  return Buffer.from(zipSync({ [name]: [content, { level: 6, mtime: at }] }));
}

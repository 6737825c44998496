import type { InsightSummaryView, RenewalView, SkuInsightView } from '../../contracts/api/licence-insight.js';

/**
 * The licence insight report as an e-mail: a subject that says the headline numbers, and the same
 * content as plain text and HTML (totals, the licences wasting most seats, renewals soon, monthly
 * money per currency when priced, the customers wasting most). Pure: the caller reads the figures.
 */

/** Most licences and renewals an e-mail lists (the attachment and the console have them all). */
export const REPORT_EMAIL_LIST_LIMIT = 10;

export interface InsightReportEmailInput {
  summary: InsightSummaryView;
  /** Current licences with their figures; the most wasted are picked from them. */
  licences: readonly SkuInsightView[];
  /** The first renewals within the window, soonest first. */
  renewals: readonly RenewalView[];
  /** Where the console's licence insight page is, when the server's publicUrl is known. */
  pageUrl?: string | undefined;
}

export interface InsightReportEmail {
  subject: string;
  text: string;
  html: string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const num = (n: number) => n.toLocaleString('en-GB');

/** The licences wasting most seats (wasted > 0), most first, then by customer and product. */
export function mostWastedLicences(
  licences: readonly SkuInsightView[],
  limit = REPORT_EMAIL_LIST_LIMIT,
): SkuInsightView[] {
  return licences
    .filter((l) => l.wasted > 0)
    .sort(
      (a, b) =>
        b.wasted - a.wasted ||
        a.customerName.localeCompare(b.customerName) ||
        a.friendlyName.localeCompare(b.friendlyName),
    )
    .slice(0, limit);
}

/** `Rollcall licence insight: 13 unassigned seats, 3 licences held by disabled users, …`. */
export function reportEmailSubject(summary: InsightSummaryView): string {
  const { totals, renewals } = summary;
  return (
    `Rollcall licence insight: ${plural(totals.unassigned, 'unassigned seat')}, ` +
    `${plural(totals.heldByDisabled, 'licence')} held by disabled users, ` +
    `${num(totals.heldByInactive)} by inactive users, ` +
    `${plural(renewals.count, 'renewal')} within ${plural(summary.renewingWithinDays, 'day')}`
  );
}

export function formatMoney(amount: number | null, currency: string): string {
  if (amount === null) return 'not known';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** `2026-12-07 07:05 UTC`. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function licenceName(l: SkuInsightView): string {
  return `${l.customerName} · ${l.friendlyName || l.skuPartNumber}`;
}

function wastedDetail(l: SkuInsightView): string {
  const parts = [
    l.unassigned ? `${num(l.unassigned)} unassigned` : null,
    l.heldByDisabled ? `${num(l.heldByDisabled)} held by disabled users` : null,
    l.heldByInactive ? `${num(l.heldByInactive)} held by inactive users` : null,
  ].filter(Boolean);
  return `${num(l.wasted)} wasted of ${num(l.paid)} paid (${parts.join(', ')})`;
}

function renewalLine(r: RenewalView): string {
  const money =
    r.currency && (r.monthlyCost !== null || r.monthlyPrice !== null)
      ? `; ${[
          r.monthlyCost !== null ? `cost ${formatMoney(r.monthlyCost, r.currency)}` : null,
          r.monthlyPrice !== null ? `price ${formatMoney(r.monthlyPrice, r.currency)}` : null,
        ]
          .filter(Boolean)
          .join(', ')} a month`
      : '';
  const days = r.daysUntil === 0 ? 'today' : `in ${plural(r.daysUntil, 'day')}`;
  return (
    `${r.commitmentEndDate} (${days}): ${r.customerName} · ${r.friendlyName || r.offerName} ×${num(r.quantity)}` +
    `${r.autoRenew ? '' : ', will not renew by itself'}${money}`
  );
}

interface Section {
  title: string;
  /** Label and value rows (a table), or lines (a list). */
  rows?: [string, string][];
  lines?: string[];
  note?: string;
}

function sections(input: InsightReportEmailInput): Section[] {
  const { summary } = input;
  const t = summary.totals;
  const out: Section[] = [
    {
      title: 'Seats',
      rows: [
        ['Licences', num(t.licences)],
        ['Paid', num(t.paid)],
        ['Assigned', num(t.assigned)],
        [`Used (signed in within ${plural(summary.inactiveDays, 'day')})`, num(t.used)],
        ['Unassigned', num(t.unassigned)],
        ['Held by disabled users', num(t.heldByDisabled)],
        [
          `Held by inactive users (no sign-in for ${plural(summary.inactiveDays, 'day')})`,
          num(t.heldByInactive),
        ],
        ['Held by users never seen signing in', num(t.heldByUnknown)],
        ['Wasted (unassigned + disabled + inactive)', num(t.wasted)],
      ],
    },
  ];
  const worst = mostWastedLicences(input.licences);
  out.push({
    title: 'Licences wasting most seats',
    lines: worst.map((l) => `${licenceName(l)}: ${wastedDetail(l)}`),
    note: worst.length === 0 ? 'No licence wastes a seat.' : undefined,
  });
  const shown = input.renewals.slice(0, REPORT_EMAIL_LIST_LIMIT);
  const r = summary.renewals;
  out.push({
    title: `Renewals within ${plural(summary.renewingWithinDays, 'day')}`,
    lines: shown.map(renewalLine),
    note:
      r.count === 0
        ? 'No subscription renews in this window.'
        : `${plural(r.count, 'subscription')}, ${num(r.autoRenewOff)} of which will not renew by ${r.autoRenewOff === 1 ? 'itself' : 'themselves'}` +
          (r.count > shown.length ? `; the first ${num(shown.length)} are listed.` : '.'),
  });
  const money = summary.money;
  if (money.byCurrency.length > 0) {
    out.push({
      title: 'Monthly money of current subscriptions',
      rows: money.byCurrency.map((c) => [
        c.currency,
        `cost ${formatMoney(c.monthlyCost, c.currency)}, price ${formatMoney(c.monthlyPrice, c.currency)}`,
      ]),
      note: `${plural(money.priced, 'subscription')} priced${money.unpriced ? `, ${num(money.unpriced)} without a price yet` : ''}.`,
    });
  } else if (money.unpriced > 0) {
    out.push({
      title: 'Monthly money of current subscriptions',
      note: `No price yet for ${plural(money.unpriced, 'subscription')}.`,
    });
  }
  if (summary.topCustomers.length > 0) {
    out.push({
      title: 'Customers wasting most seats',
      lines: summary.topCustomers
        .filter((c) => c.wasted > 0)
        .slice(0, REPORT_EMAIL_LIST_LIMIT)
        .map((c) => `${c.customerName}: ${num(c.wasted)} wasted of ${num(c.paid)} paid`),
    });
  }
  return out;
}

function intro(summary: InsightSummaryView): string {
  return `Licence insight across ${plural(summary.customers, 'customer')}, ${when(summary.generatedAt)}.`;
}

const FOOTER = 'The full summary is attached as JSON (the same body the report’s webhooks receive).';

function renderText(input: InsightReportEmailInput, parts: Section[]): string {
  const lines = [intro(input.summary), ''];
  for (const section of parts) {
    lines.push(section.title, '-'.repeat(section.title.length));
    const width = Math.max(0, ...(section.rows ?? []).map(([label]) => label.length));
    for (const [label, value] of section.rows ?? []) lines.push(`${label.padEnd(width)}  ${value}`);
    for (const line of section.lines ?? []) lines.push(`- ${line}`);
    if (section.note) lines.push(section.note);
    lines.push('');
  }
  if (input.pageUrl) lines.push(`Open licence insight: ${input.pageUrl}`);
  lines.push(FOOTER, '');
  return lines.join('\n');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function renderHtml(input: InsightReportEmailInput, parts: Section[]): string {
  const out = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>Rollcall licence insight</title></head>',
    '<body style="font-family: Segoe UI, Helvetica, Arial, sans-serif; font-size: 14px; color: #1f2328">',
    `<p>${escapeHtml(intro(input.summary))}</p>`,
  ];
  for (const section of parts) {
    out.push(`<h2 style="font-size: 16px; margin: 20px 0 6px">${escapeHtml(section.title)}</h2>`);
    if (section.rows?.length) {
      out.push('<table style="border-collapse: collapse">');
      for (const [label, value] of section.rows) {
        out.push(
          `<tr><td style="padding: 2px 16px 2px 0">${escapeHtml(label)}</td>` +
            `<td style="padding: 2px 0; text-align: right">${escapeHtml(value)}</td></tr>`,
        );
      }
      out.push('</table>');
    }
    if (section.lines?.length) {
      out.push('<ul style="margin: 0; padding-left: 20px">');
      for (const line of section.lines) out.push(`<li>${escapeHtml(line)}</li>`);
      out.push('</ul>');
    }
    if (section.note) out.push(`<p style="margin: 6px 0">${escapeHtml(section.note)}</p>`);
  }
  if (input.pageUrl) {
    const href = escapeHtml(input.pageUrl);
    out.push(`<p><a href="${href}">Open licence insight</a></p>`);
  }
  out.push(`<p style="color: #59636e">${escapeHtml(FOOTER)}</p>`, '</body></html>', '');
  return out.join('\n');
}

/** The report e-mail's subject, plain text and HTML (every value escaped). */
export function composeInsightReportEmail(input: InsightReportEmailInput): InsightReportEmail {
  const parts = sections(input);
  return {
    subject: reportEmailSubject(input.summary),
    text: renderText(input, parts),
    html: renderHtml(input, parts),
  };
}

import { describe, expect, it } from 'vitest';
import type { InsightSummaryView, SkuInsightView } from '../../contracts/api/licence-insight.js';
import { composeInsightReportEmail, mostWastedLicences, reportEmailSubject } from './insight-report-email.js';

const figures = {
  paid: 0,
  assigned: 0,
  used: 0,
  unassigned: 0,
  holders: 0,
  untracked: 0,
  heldByDisabled: 0,
  heldByInactive: 0,
  heldByUnknown: 0,
  wasted: 0,
};

const summary = (more: Partial<InsightSummaryView> = {}): InsightSummaryView => ({
  generatedAt: '2026-12-07T07:05:12.000Z',
  customerId: null,
  inactiveDays: 90,
  renewingWithinDays: 1,
  customers: 1,
  totals: { ...figures, licences: 1, paid: 5, assigned: 4, unassigned: 1, heldByDisabled: 1, wasted: 2 },
  renewals: { count: 1, autoRenewOff: 0 },
  money: { priced: 0, unpriced: 0, byCurrency: [] },
  topCustomers: [],
  ...more,
});

const licence = (name: string, customerName: string, wasted: number): SkuInsightView => ({
  ...figures,
  paid: 10,
  unassigned: wasted,
  wasted,
  licenceId: name,
  customerId: customerName,
  customerName,
  tenantId: 't',
  tenantName: null,
  skuId: name,
  skuPartNumber: name.toUpperCase(),
  friendlyName: name,
  capabilityStatus: 'Enabled',
  source: 'graph',
});

describe('the licence insight report e-mail', () => {
  it('says the headline numbers in the subject, in the singular where one', () => {
    expect(reportEmailSubject(summary())).toBe(
      'Rollcall licence insight: 1 unassigned seat, 1 licence held by disabled users, 0 by inactive users, 1 renewal within 1 day',
    );
  });

  it('lists the most wasted licences first and leaves out those wasting nothing', () => {
    const rows = [
      licence('b', 'Beta', 3),
      licence('a', 'Alpha', 3),
      licence('z', 'Zed', 9),
      licence('n', 'Nil', 0),
    ];
    expect(mostWastedLicences(rows).map((l) => l.licenceId)).toEqual(['z', 'a', 'b']);
    expect(mostWastedLicences(rows, 1).map((l) => l.licenceId)).toEqual(['z']);
  });

  it('escapes every name in the HTML and says when there is nothing to list', () => {
    const email = composeInsightReportEmail({
      summary: summary({
        renewals: { count: 0, autoRenewOff: 0 },
        money: { priced: 0, unpriced: 2, byCurrency: [] },
      }),
      licences: [licence('<script>x</script>', 'A & B "Ltd"', 2)],
      renewals: [],
    });
    expect(email.html).toContain(
      'A &amp; B &quot;Ltd&quot; · &lt;script&gt;x&lt;/script&gt;: 2 wasted of 10 paid',
    );
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('A & B "Ltd" · <script>x</script>: 2 wasted of 10 paid (2 unassigned)');
    expect(email.text).toContain('No subscription renews in this window.');
    expect(email.text).toContain('No price yet for 2 subscriptions.');
    expect(email.text).toContain('Licence insight across 1 customer, 2026-12-07 07:05 UTC.');
    expect(email.text).not.toContain('Open licence insight');
    const none = composeInsightReportEmail({ summary: summary(), licences: [], renewals: [] });
    expect(none.text).toContain('No licence wastes a seat.');
  });
});

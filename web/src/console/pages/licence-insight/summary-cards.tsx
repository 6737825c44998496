import type { InsightSummaryView } from '../../../../../src/contracts/api/licence-insight.js';

const money = (amount: number | null, currency: string) =>
  amount === null
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
        amount,
      );

/** What the monthly money line says: per currency, or "no price yet" (never an invented figure). */
function MoneyCard({ summary }: { summary: InsightSummaryView }) {
  const { money: m } = summary;
  if (m.priced === 0) {
    return (
      <div className="stat">
        <dt>
          Monthly cost
          <br />
          <small>
            {m.unpriced} subscription{m.unpriced === 1 ? '' : 's'} without pricing
          </small>
        </dt>
        <dd>No price yet</dd>
      </div>
    );
  }
  return (
    <div className="stat">
      <dt>
        Monthly cost / price
        {m.unpriced > 0 ? (
          <>
            <br />
            <small>
              plus {m.unpriced} subscription{m.unpriced === 1 ? '' : 's'} with no price yet
            </small>
          </>
        ) : null}
      </dt>
      {m.byCurrency.map((c) => (
        <dd key={c.currency}>
          {money(c.monthlyCost, c.currency)} / {money(c.monthlyPrice, c.currency)}
        </dd>
      ))}
    </div>
  );
}

/** The headline seat figures: paid, assigned, used, the seats nobody gets value from, renewals, money. */
export function InsightSummaryCards({ summary, label }: { summary: InsightSummaryView; label: string }) {
  const t = summary.totals;
  const cards: { label: string; value: number; hint?: string }[] = [
    { label: 'Seats paid', value: t.paid },
    { label: 'Assigned', value: t.assigned },
    { label: 'Used', value: t.used, hint: `signed in within ${summary.inactiveDays} days` },
    { label: 'Unassigned', value: t.unassigned },
    { label: 'Held by disabled users', value: t.heldByDisabled },
    {
      label: 'Held by inactive users',
      value: t.heldByInactive,
      hint: `no sign-in for ${summary.inactiveDays}+ days`,
    },
    { label: 'Sign-in unknown', value: t.heldByUnknown, hint: 'not counted as inactive' },
    { label: 'Wasted seats', value: t.wasted, hint: 'unassigned + disabled + inactive' },
    {
      label: `Renewing in ${summary.renewingWithinDays} days`,
      value: summary.renewals.count,
      hint: `${summary.renewals.autoRenewOff} with auto-renew off`,
    },
  ];
  return (
    <dl className="stat-grid" aria-label={label}>
      {cards.map((c) => (
        <div className="stat" key={c.label}>
          <dt>
            {c.label}
            {c.hint ? (
              <>
                <br />
                <small>{c.hint}</small>
              </>
            ) : null}
          </dt>
          <dd>{c.value}</dd>
        </div>
      ))}
      <MoneyCard summary={summary} />
    </dl>
  );
}

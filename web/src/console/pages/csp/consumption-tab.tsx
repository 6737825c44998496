import { useState } from 'react';
import {
  ANY_OTHER_CATEGORY,
  getConsumptionConfig,
  listConsumptionUsage,
  saveConsumptionConfig,
  saveConsumptionConfigSchema,
  type ConsumptionCategoryView,
  type ConsumptionConfig,
  type ConsumptionConfigView,
  type ConsumptionMapping,
} from '../../../../../src/contracts/api/consumption.js';
import { listCspTenants } from '../../../../../src/contracts/api/csp-tenants.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { Loading } from '../../../ui/loading.js';
import { Pager } from '../../../ui/pager.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';

type Notice = { tone: 'success' | 'error'; text: string } | null;

const ACTIONS = [
  { id: 'bill', label: 'Bill', description: 'A line on the recurring invoice at cost plus markup' },
  { id: 'exclude', label: 'Exclude', description: 'Not billed' },
];

const money = (amount: number | null, currency: string | null) =>
  amount === null
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'currency', currency: currency ?? 'GBP' }).format(amount);

const newRow = (meterCategory = ''): ConsumptionMapping => ({
  meterCategory,
  action: 'bill',
  description: '',
  markupPercent: 0,
});

/** The meter category mappings of a connection: one editable row per category, `*` for any other. */
function MappingsEditor({
  view,
  onSaved,
  notice,
  setNotice,
}: {
  view: ConsumptionConfigView;
  onSaved: () => void;
  /** Kept by the tab: a save reloads the mappings, and the editor with them. */
  notice: Notice;
  setNotice: (notice: Notice) => void;
}) {
  const call = useApi();
  const [draft, setDraft] = useState<ConsumptionConfig>(view.config);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(view.config);
  const setRow = (index: number, change: Partial<ConsumptionMapping>) =>
    setDraft((d) => ({ ...d, mappings: d.mappings.map((m, i) => (i === index ? { ...m, ...change } : m)) }));
  const unmapped = view.knownCategories.filter(
    (c) => !draft.mappings.some((m) => m.meterCategory.toLowerCase() === c.toLowerCase()),
  );

  async function save() {
    setNotice(null);
    const checked = validate(saveConsumptionConfigSchema, { expectedVersion: view.version, config: draft });
    if (!checked.ok) {
      setErrors(checked.errors);
      setNotice({ tone: 'error', text: 'Some rows are not valid; see the fields marked.' });
      return;
    }
    setSaving(true);
    try {
      await call(saveConsumptionConfig, { params: { id: view.connectionId }, body: checked.value });
      setErrors({});
      setNotice({ tone: 'success', text: 'Saved. The next consumption run bills with these mappings.' });
      onSaved();
    } catch (cause) {
      const failure = describeFailure(cause);
      setErrors(failure.fieldErrors);
      setNotice({ tone: 'error', text: failure.message });
    }
    setSaving(false);
  }

  return (
    <section className="card stack" aria-labelledby="consumption-mappings-title">
      <h2 id="consumption-mappings-title">Meter category mappings</h2>
      <p className="muted">
        Each customer’s Azure usage is summed by meter category and billed on its newest monthly recurring
        invoice: a category’s own row applies, else the {ANY_OTHER_CATEGORY} row; a category with neither is
        not billed. Markup is added to Microsoft’s cost (−100% bills nothing).
      </p>
      <TextField
        label="Billing currency"
        description="The currency Microsoft prices the partner's usage in (three letters, e.g. GBP)"
        value={draft.currencyCode}
        onChange={(v) => setDraft((d) => ({ ...d, currencyCode: v }))}
        errorMessage={errors['config.currencyCode']}
      />
      {draft.mappings.length === 0 ? <p className="muted">No mappings yet: nothing is billed.</p> : null}
      {draft.mappings.map((row, index) => {
        const field = (name: string) => errors[`config.mappings.${index}.${name}`];
        return (
          <fieldset key={index} className="row" aria-label={`Mapping ${index + 1}`}>
            <TextField
              label="Meter category"
              description={index === 0 ? `Exact name, or ${ANY_OTHER_CATEGORY} for any other` : undefined}
              value={row.meterCategory}
              onChange={(v) => setRow(index, { meterCategory: v })}
              errorMessage={field('meterCategory')}
            />
            <SelectField
              label="Action"
              options={ACTIONS}
              value={row.action}
              onChange={(v) => setRow(index, { action: v as ConsumptionMapping['action'] })}
            />
            <TextField
              label="Invoice line description"
              placeholder={`Azure usage: ${row.meterCategory || 'category'}`}
              value={row.description}
              onChange={(v) => setRow(index, { description: v })}
              errorMessage={field('description')}
              isDisabled={row.action === 'exclude'}
            />
            <TextField
              label="Markup %"
              value={String(row.markupPercent)}
              onChange={(v) => setRow(index, { markupPercent: v.trim() === '' ? 0 : Number(v) })}
              errorMessage={field('markupPercent')}
              isDisabled={row.action === 'exclude'}
            />
            <Button
              variant="quiet"
              onPress={() => setDraft((d) => ({ ...d, mappings: d.mappings.filter((_, i) => i !== index) }))}
            >
              Remove
            </Button>
          </fieldset>
        );
      })}
      <div className="toolbar">
        <Button onPress={() => setDraft((d) => ({ ...d, mappings: [...d.mappings, newRow()] }))}>
          Add mapping
        </Button>
        {!draft.mappings.some((m) => m.meterCategory === ANY_OTHER_CATEGORY) ? (
          <Button
            variant="quiet"
            onPress={() => setDraft((d) => ({ ...d, mappings: [...d.mappings, newRow(ANY_OTHER_CATEGORY)] }))}
          >
            Add “any other category”
          </Button>
        ) : null}
      </div>
      {unmapped.length ? (
        <p className="muted">
          Categories seen in imported usage without their own row: {unmapped.join(', ')}.
        </p>
      ) : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <div className="toolbar">
        <Button variant="primary" isDisabled={!changed} isPending={saving} onPress={() => void save()}>
          Save mappings
        </Button>
        <Button variant="quiet" isDisabled={!changed || saving} onPress={() => setDraft(view.config)}>
          Discard changes
        </Button>
      </div>
    </section>
  );
}

const PAGE_SIZE = 25;

const COLUMNS: TableColumn<ConsumptionCategoryView & { id: string }>[] = [
  { id: 'meterCategory', name: 'Meter category', isRowHeader: true, render: (c) => c.meterCategory },
  { id: 'meters', name: 'Meters', render: (c) => c.meters },
  { id: 'cost', name: 'Cost', render: (c) => money(c.cost, c.currency) },
  {
    id: 'billed',
    name: 'Billed as',
    render: (c) =>
      c.action === 'bill'
        ? `${c.description} (${c.mappedBy === ANY_OTHER_CATEGORY ? 'any other' : 'own row'})`
        : c.action === 'exclude'
          ? 'Excluded'
          : 'Not mapped: not billed',
  },
  { id: 'charge', name: 'Charge', render: (c) => money(c.charge, c.currency) },
];

/** One customer's usage for a period by meter category, with the charge the mappings give it. */
function CustomerUsage({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const tenants = useQuery(`consumption-customers:${connectionId}`, (signal) =>
    call(listCspTenants, { params: { id: connectionId }, query: { limit: 200 }, signal }),
  );
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const usage = useQuery(
    `consumption-usage:${connectionId}:${customerId}:${period}:${cursor ?? ''}`,
    (signal) =>
      customerId
        ? call(listConsumptionUsage, {
            params: { id: connectionId },
            query: {
              customerId,
              limit: PAGE_SIZE,
              ...(period ? { period } : {}),
              ...(cursor ? { cursor } : {}),
            },
            signal,
          })
        : Promise.resolve(null),
  );
  const customers = new Map<string, string>();
  for (const t of tenants.data?.items ?? []) {
    if (t.mapping?.customerId && !t.mapping.doNotImport) {
      customers.set(t.mapping.customerId, t.mapping.customerName ?? t.name);
    }
  }
  const page = usage.data;
  return (
    <section className="card stack" aria-labelledby="consumption-usage-title">
      <h2 id="consumption-usage-title">Customer usage</h2>
      <div className="row">
        <SelectField
          label="Customer"
          placeholder="Choose a mapped customer"
          options={[...customers].map(([id, label]) => ({ id, label }))}
          value={customerId}
          onChange={(id) => {
            setCustomerId(id);
            setPeriod(null);
            setCursors([undefined]);
          }}
        />
        {page && page.periods.length > 1 ? (
          <SelectField
            label="Period"
            options={page.periods.map((p) => ({ id: p, label: p }))}
            value={page.period}
            onChange={(p) => {
              setPeriod(p);
              setCursors([undefined]);
            }}
          />
        ) : null}
      </div>
      {usage.error ? <Alert>{describeFailure(usage.error).message}</Alert> : null}
      {!customerId ? <p className="muted">Choose a customer to see its imported Azure usage.</p> : null}
      {customerId && !page && !usage.error ? <Loading label="Loading usage" /> : null}
      {page ? (
        <>
          <p>
            {page.period
              ? `Period ${page.period}: cost ${money(page.totals.cost, page.totals.currency)}, charged ${money(page.totals.charge, page.totals.currency)}.`
              : 'No Azure usage imported for this customer yet.'}
            {page.importedAt ? ` Imported ${new Date(page.importedAt).toLocaleString()}.` : ''}
          </p>
          <DataTable
            label="Usage by meter category"
            columns={COLUMNS}
            items={page.items.map((c) => ({ ...c, id: c.meterCategory }))}
            empty="No usage in this period."
            busy={usage.loading}
          />
          <Pager
            pageIndex={cursors.length - 1}
            pageSize={PAGE_SIZE}
            shown={page.items.length}
            total={page.total}
            hasPrevious={cursors.length > 1}
            hasNext={page.nextCursor !== null}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => setCursors((c) => [...c, page.nextCursor ?? undefined])}
          />
        </>
      ) : null}
    </section>
  );
}

/**
 * A CSP connection's Consumption tab (guide 002 "Consumption Billing"): how imported Azure usage
 * is billed by meter category, and each customer's usage. The integrator's consumption module
 * imports it (Integrator tab).
 */
export function CspConsumptionTab({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const config = useQuery(`consumption-config:${connectionId}`, (signal) =>
    call(getConsumptionConfig, { params: { id: connectionId }, signal }),
  );
  const [notice, setNotice] = useState<Notice>(null);
  if (config.error) return <Alert>{describeFailure(config.error).message}</Alert>;
  if (!config.data) return <Loading label="Loading consumption billing" />;
  return (
    <div className="stack">
      <Alert tone="info">
        Consumption billing reads Azure usage with the GDAP app, which needs the PartnerBilling.Read.All
        application permission. Turn on the Consumption module on the Integrator tab to import it.
      </Alert>
      <MappingsEditor
        key={config.data.version}
        view={config.data}
        onSaved={config.reload}
        notice={notice}
        setNotice={setNotice}
      />
      <CustomerUsage connectionId={connectionId} />
    </div>
  );
}

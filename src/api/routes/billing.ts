import type { FastifyInstance } from 'fastify';
import {
  addManualInvoiceLine,
  addSubscriptionToInvoice,
  createRecurringInvoice,
  deleteInvoiceLine,
  getBillingSettings,
  getProduct,
  getRecurringInvoice,
  listCustomerRecurringInvoices,
  listProducts,
  putBillingSettings,
  updateInvoiceLine,
  updateProduct,
  updateRecurringInvoice,
  type BillingSettingsView,
  type InvoiceLineView,
  type ProductView,
  type RecurringInvoiceDetail,
  type RecurringInvoiceView,
} from '../../contracts/api/billing.js';
import { anchorFrom, addDays, periodContaining } from '../../domain/billing/billing-period.js';
import { planAddToInvoice, type AdditionRefusal } from '../../domain/billing/plan-subscription-billing.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  createRecurringInvoiceRepository,
  createSubscriptionBillingRepository,
  type ConnectionSummary,
  type StoredInvoice,
  type StoredLine,
  type StoredProduct,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import {
  billingDay,
  billingSettingsOf,
  IMPORT_PRODUCTS_SETTING,
  INVOICE_LINES_FROM_SETTING,
  reconcileConnectionBilling,
  reconcileSubscriptionBilling,
} from '../integrations/billing/subscription-billing.js';
import { cspSettings } from '../integrations/csp/connection-settings.js';
import { endpointRegistrar, iso, notFound, toApiPage } from './resource-helpers.js';

export function productView({ connectionId: _connection, ...product }: StoredProduct): ProductView {
  return { ...product, createdAt: iso(product.createdAt), updatedAt: iso(product.updatedAt) };
}

export function lineView(line: StoredLine): InvoiceLineView {
  return {
    ...line,
    oneOff: line.kind === 'proRata' || line.kind === 'adjustment' || line.kind === 'consumption',
    createdAt: iso(line.createdAt),
  };
}

function invoiceView(invoice: StoredInvoice, now: Date): RecurringInvoiceView {
  const current = periodContaining(anchorFrom(invoice.cycle, invoice.anchorDate), billingDay(now));
  return {
    ...invoice,
    currentPeriod: { start: current.start, end: current.end },
    nextInvoiceDate: addDays(current.end, 1),
    createdAt: iso(invoice.createdAt),
  };
}

function settingsView(connection: ConnectionSummary): BillingSettingsView {
  const settings = billingSettingsOf(connection);
  return {
    importProducts: settings.mode,
    invoiceLinesFrom: settings.linesFrom,
    subscriptionsImported: cspSettings(connection).licenceImportType !== 'skus',
  };
}

/**
 * Products and recurring invoices (docs/billing.md): reading needs billing.read, changing
 * billing.manage; the CSP connection's setting needs integrations.csp.configure. Saving the
 * setting queues `billing.reconcile`, which creates the products of the subscriptions already
 * imported.
 */
export function registerBillingRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'jobs' | 'now'>,
): void {
  const on = endpointRegistrar(app, deps);
  const now = () => deps.now();
  const invoices = createRecurringInvoiceRepository(deps.db);

  const cspConnection = async (id: string) => {
    const connection = await createConnectionRepository(deps.db, deps.secrets).findById(id);
    if (!connection || connection.kind !== 'csp') throw notFound('CSP connection');
    return connection;
  };
  const detail = async (id: string): Promise<RecurringInvoiceDetail> => {
    const invoice = await invoices.find(id);
    if (!invoice) throw notFound('recurring invoice');
    return { ...invoiceView(invoice, now()), lines: (await invoices.lines(id)).map(lineView) };
  };
  const storedProduct = async (id: string) => {
    const found = await invoices.findProduct(id);
    if (!found) throw notFound('product');
    return found;
  };
  const product = async (id: string) => productView(await storedProduct(id));

  on(getBillingSettings, async ({ params }) => settingsView(await cspConnection(params.id)));

  on(putBillingSettings, async ({ params, body, principal, request }) => {
    const before = await cspConnection(params.id);
    const was = billingSettingsOf(before);
    if (body.importProducts !== 'none' && cspSettings(before).licenceImportType === 'skus') {
      throw new ApiHttpError(
        'validation_failed',
        'Products are created from CSP subscriptions, which this connection does not import.',
        [
          {
            field: 'importProducts',
            message:
              "set the connection's licence import type to 'subscriptions' or 'both' first (direct / Tier 1 partners only)",
          },
        ],
      );
    }
    const linesFrom =
      body.importProducts === 'productsAndInvoiceLines'
        ? was.mode === 'productsAndInvoiceLines' && was.linesFrom
          ? was.linesFrom
          : billingDay(now())
        : null;
    const after = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      const updated = await createConnectionRepository(tx, deps.secrets).update(before.id, {
        settings: { [IMPORT_PRODUCTS_SETTING]: body.importProducts, [INVOICE_LINES_FROM_SETTING]: linesFrom },
      });
      if (!updated) throw notFound('CSP connection');
      if (was.mode !== body.importProducts) {
        await record({
          action: 'connection.billing',
          target: { type: 'connection', id: before.id },
          before: { importProducts: was.mode },
          after: { importProducts: body.importProducts, invoiceLinesFrom: linesFrom },
        });
      }
      return updated;
    });
    // Products for the subscriptions already imported: by a worker, or here when this process has none.
    if (body.importProducts !== 'none') {
      if (deps.jobs) await deps.jobs.enqueue('billing.reconcile', { connectionId: before.id });
      else await reconcileConnectionBilling(deps.db, after, now());
    }
    return settingsView(after);
  });

  on(listProducts, async ({ query }) => toApiPage(await invoices.listProducts(query), productView));

  on(getProduct, async ({ params }) => product(params.id));

  on(updateProduct, async ({ params, body, principal, request }) => {
    const before = await storedProduct(params.id);
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createRecurringInvoiceRepository(tx).updateProduct(params.id, body);
      await record({
        action: 'product.update',
        target: { type: 'product', id: params.id },
        before: {
          name: before.name,
          unitPrice: before.unitPrice,
          unitCost: before.unitCost,
          currency: before.currency,
        },
        after: body,
      });
    });
    // Its recurring line, if it was added without a price, takes the new one at once.
    const connection = before.connectionId
      ? await createConnectionRepository(deps.db, deps.secrets).findById(before.connectionId)
      : undefined;
    if (connection && before.subscription) {
      await reconcileSubscriptionBilling(deps.db, connection, [before.subscription.id], now());
    }
    return product(params.id);
  });

  on(listCustomerRecurringInvoices, async ({ params }) => {
    if (!(await createCustomerRepository(deps.db).findById(params.id))) throw notFound('customer');
    return { items: (await invoices.listForCustomer(params.id)).map((inv) => invoiceView(inv, now())) };
  });

  on(createRecurringInvoice, async ({ params, body, principal, request }) => {
    if (!(await createCustomerRepository(deps.db).findById(params.id))) throw notFound('customer');
    const id = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      const created = await createRecurringInvoiceRepository(tx).create({ customerId: params.id, ...body });
      await record({
        action: 'recurring-invoice.create',
        target: { type: 'recurring-invoice', id: created },
        after: { customerId: params.id, ...body },
      });
      return created;
    });
    return detail(id);
  });

  on(getRecurringInvoice, async ({ params }) => detail(params.id));

  on(updateRecurringInvoice, async ({ params, body, principal, request }) => {
    const before = await detail(params.id);
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createRecurringInvoiceRepository(tx).update(params.id, body);
      await record({
        action: 'recurring-invoice.update',
        target: { type: 'recurring-invoice', id: params.id },
        before: { reference: before.reference, active: before.active },
        after: body,
      });
    });
    return detail(params.id);
  });

  on(addManualInvoiceLine, async ({ params, body, principal, request }) => {
    const invoice = await detail(params.id);
    if (body.productId && !(await invoices.findProduct(body.productId))) {
      throw new ApiHttpError('validation_failed', 'No such product.', [
        { field: 'productId', message: 'must be the id of a product (GET /api/products)' },
      ]);
    }
    const line = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      const added = await createRecurringInvoiceRepository(tx).addLine(params.id, {
        kind: 'manual',
        description: body.description,
        productId: body.productId ?? null,
        subscriptionId: null,
        quantity: body.quantity,
        unitPrice: body.unitPrice,
        currency: invoice.currency,
        sourceKey: null,
      });
      await record({
        action: 'recurring-invoice.line-add',
        target: { type: 'recurring-invoice', id: params.id },
        after: { ...body },
      });
      return added!;
    });
    return lineView(line);
  });

  on(updateInvoiceLine, async ({ params, body, principal, request }) => {
    const before = await invoices.line(params.id, params.lineId);
    if (!before) throw notFound('invoice line');
    const after = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      const changed = await createRecurringInvoiceRepository(tx).updateLine(params.id, params.lineId, body);
      await record({
        action: 'recurring-invoice.line-update',
        target: { type: 'recurring-invoice', id: params.id },
        before: {
          lineId: before.id,
          description: before.description,
          quantity: before.quantity,
          unitPrice: before.unitPrice,
        },
        after: { lineId: before.id, ...body },
      });
      return changed!;
    });
    return lineView(after);
  });

  on(deleteInvoiceLine, async ({ params, principal, request }) => {
    const before = await invoices.line(params.id, params.lineId);
    if (!before) throw notFound('invoice line');
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createRecurringInvoiceRepository(tx).deleteLine(params.id, params.lineId);
      await record({
        action: 'recurring-invoice.line-delete',
        target: { type: 'recurring-invoice', id: params.id },
        before: {
          lineId: before.id,
          kind: before.kind,
          description: before.description,
          amount: before.amount,
        },
      });
    });
    return null;
  });

  on(addSubscriptionToInvoice, async ({ params, body, principal, request }) => {
    if (!(await invoices.subscriptionExists(params.id))) throw notFound('CSP subscription');
    const today = billingDay(now());
    const line = await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      let refused: AdditionRefusal | null = null;
      await createSubscriptionBillingRepository(tx).reconcile([params.id], (state) => {
        const planned = planAddToInvoice({ ...state, today }, body.invoiceId ?? null);
        if ('refused' in planned) {
          refused = planned.refused;
          return [];
        }
        return planned.steps;
      });
      if (refused) throw additionRefused(refused);
      const added = await createRecurringInvoiceRepository(tx).recurringLineOf(params.id);
      if (!added) throw notFound('CSP subscription');
      await record({
        action: 'recurring-invoice.line-add',
        target: { type: 'recurring-invoice', id: added.invoiceId },
        after: {
          subscriptionId: params.id,
          lineId: added.id,
          quantity: added.quantity,
          unitPrice: added.unitPrice,
        },
      });
      return added;
    });
    return lineView(line);
  });
}

function additionRefused(refusal: AdditionRefusal): ApiHttpError {
  if (refusal.code === 'alreadyOnInvoice') return new ApiHttpError('conflict', refusal.message);
  return new ApiHttpError('validation_failed', refusal.message, [
    {
      field: refusal.code === 'invoiceOfAnotherCustomer' || refusal.code === 'noInvoice' ? 'invoiceId' : 'id',
      message: refusal.message,
    },
  ]);
}

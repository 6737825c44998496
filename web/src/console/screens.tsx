import { lazy, type ComponentType } from 'react';
import type { SessionView } from '../../../src/contracts/api/auth.js';
import type { Permission } from '../../../src/contracts/permissions.js';
import { can, canOpenEntra } from '../lib/permissions.js';
import { AgentDetailPage } from './pages/agent-detail.js';
import { AgentsPage } from './pages/agents.js';
import { CspPage } from './pages/csp.js';
import { CustomerDetailPage } from './pages/customer-detail.js';
import { CustomersPage } from './pages/customers.js';
import { LogsPage } from './pages/logs.js';
import { SettingsPage } from './pages/settings.js';
import { UserDetailPage } from './pages/user-detail.js';
import { UsersPage } from './pages/users.js';

// The Entra screens are big and used by few agents: they load on first visit, outside the first load.
const EntraConnectionsPage = lazy(() =>
  import('./pages/entra/connections-page.js').then((m) => ({ default: m.EntraConnectionsPage })),
);
const NewEntraConnectionPage = lazy(() =>
  import('./pages/entra/new-connection-page.js').then((m) => ({ default: m.NewEntraConnectionPage })),
);
const EntraConnectionPage = lazy(() =>
  import('./pages/entra/connection-page.js').then((m) => ({ default: m.EntraConnectionPage })),
);
const EntraPreviewPage = lazy(() =>
  import('./pages/entra/preview-page.js').then((m) => ({ default: m.EntraPreviewPage })),
);

const NewCspConnectionPage = lazy(() =>
  import('./pages/csp/new-connection-page.js').then((m) => ({ default: m.NewCspConnectionPage })),
);
const CspConnectionPage = lazy(() =>
  import('./pages/csp/connection-page.js').then((m) => ({ default: m.CspConnectionPage })),
);

// The asset screens load on first visit, outside the first load.
const AssetsPage = lazy(() =>
  import('./pages/assets/assets-page.js').then((m) => ({ default: m.AssetsPage })),
);
const AssetDetailPage = lazy(() =>
  import('./pages/assets/asset-detail.js').then((m) => ({ default: m.AssetDetailPage })),
);

// Licence insight loads on first visit, outside the first load.
const LicenceInsightPage = lazy(() =>
  import('./pages/licence-insight/index.js').then((m) => ({ default: m.LicenceInsightPage })),
);

// Products and recurring invoices load on first visit, outside the first load.
const ProductsPage = lazy(() =>
  import('./pages/billing/products-page.js').then((m) => ({ default: m.ProductsPage })),
);
const ProductPage = lazy(() =>
  import('./pages/billing/product-page.js').then((m) => ({ default: m.ProductPage })),
);
const RecurringInvoicePage = lazy(() =>
  import('./pages/billing/invoice-page.js').then((m) => ({ default: m.RecurringInvoicePage })),
);

// Requests load on first visit, outside the first load.
const RequestsPage = lazy(() =>
  import('./pages/requests/requests-page.js').then((m) => ({ default: m.RequestsPage })),
);
const RequestPage = lazy(() =>
  import('./pages/requests/request-page.js').then((m) => ({ default: m.RequestPage })),
);
const RaiseRequestPage = lazy(() =>
  import('./pages/requests/raise-request-page.js').then((m) => ({ default: m.RaiseRequestPage })),
);

// HR lifecycle loads on first visit, outside the first load.
const HrSourcesPage = lazy(() =>
  import('./pages/hr/sources-page.js').then((m) => ({ default: m.HrSourcesPage })),
);
const NewHrSourcePage = lazy(() =>
  import('./pages/hr/source-form/source-form-page.js').then((m) => ({ default: m.NewHrSourcePage })),
);
const EditHrSourcePage = lazy(() =>
  import('./pages/hr/source-form/source-form-page.js').then((m) => ({ default: m.EditHrSourcePage })),
);
const HrSourcePage = lazy(() =>
  import('./pages/hr/source-page.js').then((m) => ({ default: m.HrSourcePage })),
);
const HrPersonPage = lazy(() =>
  import('./pages/hr/person-page.js').then((m) => ({ default: m.HrPersonPage })),
);

const ENTRA_ACCESS: ConsoleScreen['allow'] = {
  rule: canOpenEntra,
  otherwise: 'or access to one of its connections (Access control on the connection)',
};

export type NavGroup = 'Integrations' | 'Service desk' | 'Administration';

/** One console screen: where it lives, what it needs, and its place in the navigation. */
export interface ConsoleScreen {
  path: string;
  /** Null: every signed-in agent may open it. */
  permission: Permission | null;
  /**
   * A wider rule than the permission (an Entra connection grant also opens the Entra screens);
   * when it refuses, the forbidden page names `permission` and says what else would do.
   */
  allow?: { rule: (me: SessionView) => boolean; otherwise: string };
  nav?: { label: string; group: NavGroup };
  Component: ComponentType;
}

/**
 * Every console screen, as data: the navigation shows the ones the principal may open, and the
 * router puts the same permission in front of each, so a deep link to a forbidden screen explains
 * what is missing instead of failing on its API calls.
 */
export const CONSOLE_SCREENS: ConsoleScreen[] = [
  {
    path: 'integrations/entra',
    permission: 'integrations.entra.configure',
    allow: ENTRA_ACCESS,
    nav: { label: 'Microsoft Entra ID', group: 'Integrations' },
    Component: EntraConnectionsPage,
  },
  {
    path: 'integrations/entra/new',
    permission: 'integrations.entra.configure',
    Component: NewEntraConnectionPage,
  },
  {
    path: 'integrations/entra/:connectionId',
    permission: 'integrations.entra.configure',
    allow: ENTRA_ACCESS,
    Component: EntraConnectionPage,
  },
  {
    path: 'integrations/entra/:connectionId/preview',
    permission: 'integrations.entra.configure',
    allow: ENTRA_ACCESS,
    Component: EntraPreviewPage,
  },
  {
    path: 'integrations/csp',
    permission: 'integrations.csp.configure',
    nav: { label: 'Microsoft CSP', group: 'Integrations' },
    Component: CspPage,
  },
  { path: 'integrations/csp/new', permission: 'integrations.csp.configure', Component: NewCspConnectionPage },
  {
    path: 'integrations/csp/:connectionId',
    permission: 'integrations.csp.configure',
    Component: CspConnectionPage,
  },
  {
    path: 'customers',
    permission: 'customers.read',
    nav: { label: 'Customers', group: 'Service desk' },
    Component: CustomersPage,
  },
  { path: 'customers/:customerId', permission: 'customers.read', Component: CustomerDetailPage },
  { path: 'customers/:customerId/requests/new', permission: 'customers.write', Component: RaiseRequestPage },
  {
    path: 'users',
    permission: 'customers.read',
    nav: { label: 'Users', group: 'Service desk' },
    Component: UsersPage,
  },
  { path: 'users/:userId', permission: 'customers.read', Component: UserDetailPage },
  {
    path: 'assets',
    permission: 'customers.read',
    nav: { label: 'Assets', group: 'Service desk' },
    Component: AssetsPage,
  },
  { path: 'assets/:assetId', permission: 'customers.read', Component: AssetDetailPage },
  {
    path: 'licence-insight',
    permission: 'customers.read',
    nav: { label: 'Licence insight', group: 'Service desk' },
    Component: LicenceInsightPage,
  },
  {
    path: 'products',
    permission: 'billing.read',
    nav: { label: 'Products', group: 'Service desk' },
    Component: ProductsPage,
  },
  { path: 'products/:productId', permission: 'billing.read', Component: ProductPage },
  { path: 'recurring-invoices/:invoiceId', permission: 'billing.read', Component: RecurringInvoicePage },
  {
    path: 'hr',
    permission: 'hr.read',
    nav: { label: 'HR lifecycle', group: 'Service desk' },
    Component: HrSourcesPage,
  },
  { path: 'hr/new', permission: 'hr.manage', Component: NewHrSourcePage },
  { path: 'hr/:sourceId', permission: 'hr.read', Component: HrSourcePage },
  { path: 'hr/:sourceId/edit', permission: 'hr.manage', Component: EditHrSourcePage },
  { path: 'hr/:sourceId/persons/:employeeId', permission: 'hr.read', Component: HrPersonPage },
  {
    path: 'agents',
    permission: 'agents.read',
    nav: { label: 'Agents', group: 'Service desk' },
    Component: AgentsPage,
  },
  { path: 'agents/:agentId', permission: 'agents.read', Component: AgentDetailPage },
  {
    path: 'tickets',
    permission: 'customers.read',
    nav: { label: 'Requests', group: 'Service desk' },
    Component: RequestsPage,
  },
  { path: 'tickets/:requestId', permission: 'customers.read', Component: RequestPage },
  {
    path: 'logs',
    permission: 'logs.view',
    nav: { label: 'Logs', group: 'Administration' },
    Component: LogsPage,
  },
  {
    path: 'settings',
    permission: 'settings.manage',
    nav: { label: 'Settings', group: 'Administration' },
    Component: SettingsPage,
  },
];

export const NAV_GROUPS: NavGroup[] = ['Integrations', 'Service desk', 'Administration'];

/** Whether `me` may open `screen` (the navigation shows it, the router lets it through). */
export function mayOpen(me: SessionView, screen: ConsoleScreen): boolean {
  if (screen.allow) return screen.allow.rule(me);
  return !screen.permission || can(me, screen.permission);
}

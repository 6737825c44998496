import type { ComponentType } from 'react';
import type { Permission } from '../../../src/contracts/permissions.js';
import { AgentDetailPage } from './pages/agent-detail.js';
import { AgentsPage } from './pages/agents.js';
import { CspPage } from './pages/csp.js';
import { CustomerDetailPage } from './pages/customer-detail.js';
import { CustomersPage } from './pages/customers.js';
import { EntraPage } from './pages/entra.js';
import { LogsPage } from './pages/logs.js';
import { SettingsPage } from './pages/settings.js';
import { TicketsPage } from './pages/tickets.js';
import { UserDetailPage } from './pages/user-detail.js';
import { UsersPage } from './pages/users.js';

export type NavGroup = 'Integrations' | 'Service desk' | 'Administration';

/** One console screen: where it lives, what it needs, and its place in the navigation. */
export interface ConsoleScreen {
  path: string;
  /** Null: every signed-in agent may open it. */
  permission: Permission | null;
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
    nav: { label: 'Microsoft Entra ID', group: 'Integrations' },
    Component: EntraPage,
  },
  {
    path: 'integrations/csp',
    permission: 'integrations.csp.configure',
    nav: { label: 'Microsoft CSP', group: 'Integrations' },
    Component: CspPage,
  },
  {
    path: 'customers',
    permission: 'customers.read',
    nav: { label: 'Customers', group: 'Service desk' },
    Component: CustomersPage,
  },
  { path: 'customers/:customerId', permission: 'customers.read', Component: CustomerDetailPage },
  {
    path: 'users',
    permission: 'customers.read',
    nav: { label: 'Users', group: 'Service desk' },
    Component: UsersPage,
  },
  { path: 'users/:userId', permission: 'customers.read', Component: UserDetailPage },
  {
    path: 'agents',
    permission: 'agents.read',
    nav: { label: 'Agents', group: 'Service desk' },
    Component: AgentsPage,
  },
  { path: 'agents/:agentId', permission: 'agents.read', Component: AgentDetailPage },
  {
    path: 'tickets',
    permission: null,
    nav: { label: 'Tickets', group: 'Service desk' },
    Component: TicketsPage,
  },
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

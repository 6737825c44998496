import { CSP_LOGS } from '../entra/connection-log-kinds.js';
import { InboundTab } from '../entra/inbound-tab.js';
import { OutboundTab } from '../entra/outbound-tab.js';
import { RunsTab } from '../entra/runs-tab.js';

/**
 * A CSP connection's logs (guide 002): Runs of the tenants, licences and users modules, Inbound
 * Requests (changes from Microsoft to the desk) and Outbound Requests (changes sent to Microsoft),
 * each filterable by tenant. The Entra tabs, told they show a CSP connection.
 */
export function CspRunsTab(props: { connectionId: string; showInbound: (runId: string) => void }) {
  return <RunsTab {...props} logs={CSP_LOGS} />;
}

export function CspInboundTab(props: {
  connectionId: string;
  runId: string | null;
  setRunId: (id: string | null) => void;
}) {
  return <InboundTab {...props} logs={CSP_LOGS} />;
}

export function CspOutboundTab(props: { connectionId: string }) {
  return <OutboundTab {...props} logs={CSP_LOGS} />;
}

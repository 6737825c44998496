import { useState } from 'react';
import {
  generateCspMappings,
  type GenerateCspMappingsResponse,
} from '../../../../../src/contracts/api/csp-users.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';

/**
 * The Users tab of a CSP connection (guide 002 "Users"): "Generate Mappings" makes one site
 * mapping per mapped tenant (every user to the customer's main site). Users are imported by the
 * integrator's users module, tenant by tenant, with the GDAP app in each customer tenant.
 */
export function CspUsersTab({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<GenerateCspMappingsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function generate() {
    setPending(true);
    setError(null);
    try {
      setResult(await call(generateCspMappings, { params: { id: connectionId }, body: {} }));
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setPending(false);
  }

  return (
    <section className="card stack" aria-labelledby="csp-users-title">
      <h2 id="csp-users-title">Users</h2>
      <p>
        Every customer tenant mapped to a customer on the Tenants tab is imported with the GDAP app&apos;s own
        token in that tenant. <strong>Generate mappings</strong> adds one site mapping per mapped tenant that
        has none yet, importing all its users to the customer&apos;s main site; tenants you mapped by hand are
        left alone. Run the import from the Integrator tab (module &quot;Users&quot;).
      </p>
      <div className="toolbar">
        <Button variant="primary" isPending={pending} onPress={() => void generate()}>
          Generate mappings
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {result ? (
        result.added.length ? (
          <Alert tone="success">
            Added {result.added.length} mapping{result.added.length === 1 ? '' : 's'}:{' '}
            {result.added.map((a) => a.description).join('; ')}.
          </Alert>
        ) : (
          <Alert tone="info">Every mapped tenant already has a site mapping; nothing was added.</Alert>
        )
      ) : null}
    </section>
  );
}

import { createContext, useContext, useState, type ReactNode } from 'react';
import {
  generateCspMappings,
  type GenerateCspMappingsResponse,
} from '../../../../../src/contracts/api/csp-users.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { useConfigEditor } from '../entra/config/config-editor.js';

type Outcome = GenerateCspMappingsResponse | null;

/** The last generation's outcome, kept above the configuration editor, which reloads after it. */
const OutcomeContext = createContext<[Outcome, (outcome: Outcome) => void] | null>(null);

export function GenerateMappingsOutcomeProvider({ children }: { children: ReactNode }) {
  const state = useState<Outcome>(null);
  return <OutcomeContext.Provider value={state}>{children}</OutcomeContext.Provider>;
}

/**
 * "Generate Mappings" (guide 002 "Users"): one site mapping per mapped tenant that has none yet,
 * every user to the customer's main site. It saves at once (over the version on screen), so it
 * waits for unsaved changes to be saved or discarded, then shows the configuration it made.
 */
export function GenerateMappings() {
  const editor = useConfigEditor();
  const call = useApi();
  const [pending, setPending] = useState(false);
  const local = useState<Outcome>(null);
  const [result, setResult] = useContext(OutcomeContext) ?? local;
  const [error, setError] = useState<string | null>(null);
  if (editor.readOnly) return null;

  async function generate() {
    setPending(true);
    setError(null);
    try {
      const generated = await call(generateCspMappings, {
        params: { id: editor.connectionId },
        body: { expectedVersion: editor.version },
      });
      setResult(generated);
      if (generated.added.length) editor.reload();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setPending(false);
  }

  return (
    <section className="card stack" aria-labelledby="generate-mappings-title">
      <h2 id="generate-mappings-title">Generate mappings</h2>
      <p>
        Adds one site mapping per tenant mapped to a customer on the Tenants tab that no mapping names yet,
        importing all its users to the customer&apos;s main site. Mappings you made are left alone; edit the
        generated ones like any other.
      </p>
      {editor.dirty ? (
        <Alert tone="warning">Save or discard your changes first: generating saves the configuration.</Alert>
      ) : null}
      <div className="toolbar">
        <Button
          variant="primary"
          isPending={pending}
          isDisabled={editor.dirty}
          onPress={() => void generate()}
        >
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

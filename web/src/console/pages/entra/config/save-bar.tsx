import type { ConfigProblem } from '../../../../../../src/contracts/api/entra-import.js';
import { formatDateTime } from '../../../../lib/format.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Loading } from '../../../../ui/loading.js';
import { useConfigEditor, type Config } from './config-editor.js';
import { downloadJson } from './json-transfer.js';
import { describeField, setTextAt, tabOf, TAB_LABELS, valueAt, type ConfigTab } from './problems.js';

function siteMappingName(config: Config, field: string): string {
  const match = /^siteMappings\.(\d+)/.exec(field);
  if (!match) return describeField(field);
  const mapping = valueAt(config, `siteMappings.${match[1]}`) as Config['siteMappings'][number] | undefined;
  const name = mapping
    ? `Site mapping ${mapping.description ? `“${mapping.description}” ` : ''}(sequence ${mapping.sequence})`
    : 'Site mapping';
  const rest = field.slice(match[0].length).replace(/^\./, '');
  return rest ? `${name} › ${describeField(rest)}` : name;
}

function ProblemItem({
  problem,
  onShowTab,
}: {
  problem: ConfigProblem;
  onShowTab: (tab: ConfigTab) => void;
}) {
  const editor = useConfigEditor();
  const tab = tabOf(problem.field);
  const canApply = !editor.readOnly && typeof valueAt(editor.config, problem.field) === 'string';
  return (
    <li>
      <strong>{siteMappingName(editor.config, problem.field)}</strong>{' '}
      <span className="code">{problem.field}</span>: {problem.message}{' '}
      {problem.suggestions.length > 0 ? (
        <span>
          Did you mean{' '}
          {problem.suggestions.map((s) =>
            canApply ? (
              <Button
                key={s}
                variant="quiet"
                aria-label={`Use “${s}” for ${problem.field}`}
                onPress={() => editor.update((draft) => void setTextAt(draft, problem.field, s))}
              >
                {`“${s}”`}
              </Button>
            ) : (
              <span key={s}>“{s}” </span>
            ),
          )}
          ?
        </span>
      ) : null}{' '}
      <Button variant="quiet" onPress={() => onShowTab(tab)}>
        {`Show in ${TAB_LABELS[tab]}`}
      </Button>
    </li>
  );
}

function Problems({
  problems,
  onShowTab,
}: {
  problems: ConfigProblem[];
  onShowTab: (tab: ConfigTab) => void;
}) {
  return (
    <ul className="problem-list">
      {problems.map((p, i) => (
        <ProblemItem key={`${p.field}:${i}`} problem={p} onShowTab={onShowTab} />
      ))}
    </ul>
  );
}

/**
 * The configuration's save bar, above every configuration tab: whether there are unsaved changes,
 * Save (validated first: errors named by field, warnings with suggestions and "Save anyway"), and
 * what to do when someone else saved meanwhile.
 */
export function SaveBar({
  onShowTab,
  connectionName,
}: {
  onShowTab: (tab: ConfigTab) => void;
  connectionName: string;
}) {
  const editor = useConfigEditor();
  const { saveState, problems } = editor;
  if (editor.readOnly) {
    return (
      <Alert tone="info" title="Read-only">
        You have read access to this connection: its configuration is shown but cannot be changed here.
      </Alert>
    );
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const busy = saveState.step === 'checking' || saveState.step === 'saving';
  const status = editor.dirty
    ? 'Unsaved changes'
    : editor.version === 0
      ? 'Defaults of a new connection — not saved yet'
      : `Saved (version ${editor.version}, ${formatDateTime(editor.updatedAt)})`;
  return (
    <section className="save-bar" aria-label="Save the configuration">
      <div className="save-bar-row">
        <span aria-live="polite">{status}</span>
        {editor.dirty ? (
          <Button variant="quiet" onPress={editor.discard} isDisabled={busy}>
            Discard changes
          </Button>
        ) : null}
        <Button
          variant="primary"
          isPending={busy}
          isDisabled={!editor.dirty && editor.version > 0}
          onPress={() => void editor.save()}
        >
          Save configuration
        </Button>
      </div>
      {saveState.step === 'checking' ? (
        <Loading
          label={`Checking the configuration against the desk and ${editor.kind === 'csp' ? 'each mapped tenant it applies to' : 'the tenant'}…`}
        />
      ) : null}
      {saveState.step === 'saving' ? <Loading label="Saving…" /> : null}
      {saveState.step === 'invalid' ? (
        <Alert title="Not saved: fix these first">
          <Problems problems={errors} onShowTab={onShowTab} />
        </Alert>
      ) : null}
      {saveState.step === 'warnings' ? (
        <Alert tone="warning" title="Check these warnings before saving">
          <Problems problems={warnings} onShowTab={onShowTab} />
          <div className="toolbar">
            <Button variant="primary" onPress={() => void editor.save(true)}>
              Save anyway
            </Button>
            <Button variant="quiet" onPress={editor.dismissWarnings}>
              Keep editing
            </Button>
          </div>
        </Alert>
      ) : null}
      {saveState.step === 'saved' ? (
        <Alert tone="success" title="Saved">
          The next import uses this configuration.
          {warnings.length > 0 ? <Problems problems={warnings} onShowTab={onShowTab} /> : null}
        </Alert>
      ) : null}
      {saveState.step === 'conflict' ? (
        <Alert title="Someone else saved this configuration since you opened it">
          <p>
            Your changes are not saved. Reload to see theirs; download yours first to compare or import them
            again.
          </p>
          <div className="toolbar">
            <Button variant="primary" onPress={editor.reload}>
              Reload the saved configuration
            </Button>
            <Button onPress={() => downloadJson(editor.config, `${connectionName} (my changes)`)}>
              Download my changes (JSON)
            </Button>
          </div>
        </Alert>
      ) : null}
      {saveState.step === 'failed' ? <Alert>{saveState.message}</Alert> : null}
    </section>
  );
}

import { useRef, useState } from 'react';
import { entraImportConfigSchema } from '../../../../../../src/contracts/entra/index.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { useConfigEditor, type Config } from './config-editor.js';
import { describeField } from './problems.js';

/** The file a configuration is exported as: the configuration itself, with what it belongs to. */
interface ExportedConfig {
  rollcall: 'entra-import-config';
  connection: string;
  exportedAt: string;
  config: Config;
}

/** Saves `config` as a JSON file named after the connection. */
export function downloadJson(config: Config, connectionName: string): void {
  const file: ExportedConfig = {
    rollcall: 'entra-import-config',
    connection: connectionName,
    exportedAt: new Date().toISOString(),
    config,
  };
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${connectionName.replace(/[^\w.-]+/g, '-')}-entra-import.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** A file's configuration: an export of this screen, or a bare configuration object. */
function configOf(parsed: unknown): unknown {
  if (parsed && typeof parsed === 'object' && 'config' in parsed)
    return (parsed as { config: unknown }).config;
  return parsed;
}

/**
 * Export / Import JSON of the configuration. An imported file replaces the draft (checked with
 * the contract first); nothing is saved until "Save configuration".
 */
export function JsonTransfer({ connectionName }: { connectionName: string }) {
  const editor = useConfigEditor();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string; details?: string[] } | null>(null);

  async function importFile(file: File) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setResult({ ok: false, text: `${file.name} is not JSON.` });
    }
    const checked = entraImportConfigSchema.safeParse(configOf(parsed));
    if (!checked.success) {
      return setResult({
        ok: false,
        text: `${file.name} is not a configuration Rollcall can use:`,
        details: checked.error.issues.map(
          (i) => `${describeField(i.path.map(String).join('.'))}: ${i.message}`,
        ),
      });
    }
    editor.replace(checked.data);
    setResult({
      ok: true,
      text: `${file.name} loaded. Review the tabs, then save the configuration to use it.`,
    });
  }

  return (
    <section className="card stack" aria-labelledby="config-json">
      <h2 id="config-json">Export or import the configuration</h2>
      <p>
        A JSON file of every mapping and setting: keep it as a record, or copy a configuration to another
        connection. {editor.dirty ? 'Export includes your unsaved changes.' : ''}
      </p>
      <div className="toolbar">
        <Button onPress={() => downloadJson(editor.config, connectionName)}>Export JSON</Button>
        {!editor.readOnly ? (
          <>
            <Button onPress={() => input.current?.click()}>Import JSON</Button>
            <input
              ref={input}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              aria-label="Configuration file to import"
              tabIndex={-1}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void importFile(file);
              }}
            />
          </>
        ) : null}
      </div>
      {result ? (
        <Alert tone={result.ok ? 'success' : 'error'}>
          {result.text}
          {result.details ? (
            <ul className="problem-list">
              {result.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </section>
  );
}

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  getCspImportConfig,
  saveCspImportConfig,
  validateCspImportConfig,
} from '../../../../../../src/contracts/api/csp-users.js';
import {
  getImportConfig,
  saveImportConfig,
  validateImportConfig,
  type ConfigProblem,
} from '../../../../../../src/contracts/api/entra-import.js';
import {
  entraImportConfigSchema,
  type EntraImportConfig,
} from '../../../../../../src/contracts/entra/index.js';
import { ApiRequestError } from '../../../../lib/api.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { Loading } from '../../../../ui/loading.js';
import { fieldErrorsToProblems, issuesToProblems } from './problems.js';

export type Config = EntraImportConfig;

/** The kinds of connection whose imports this editor configures: one tenant (Entra) or a partner's many (CSP). */
export type ConfigKind = 'entra' | 'csp';

/** Where each kind's configuration is read, checked and saved (the same shapes for both). */
const ENDPOINTS: Record<
  ConfigKind,
  { get: typeof getImportConfig; validate: typeof validateImportConfig; save: typeof saveImportConfig }
> = {
  entra: { get: getImportConfig, validate: validateImportConfig, save: saveImportConfig },
  csp: { get: getCspImportConfig, validate: validateCspImportConfig, save: saveCspImportConfig },
};

/** Where a save is: checking, waiting for "save anyway", refused, in conflict with another save. */
export type SaveState =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'saving' }
  | { step: 'invalid' }
  | { step: 'warnings' }
  | { step: 'saved' }
  | { step: 'conflict' }
  | { step: 'failed'; message: string };

export interface ConfigEditor {
  connectionId: string;
  /** A CSP configuration spans the partner's mapped tenants: site mappings may name some of them. */
  kind: ConfigKind;
  config: Config;
  /** 0 while the defaults of a new connection are shown (never saved). */
  version: number;
  updatedAt: string | null;
  dirty: boolean;
  readOnly: boolean;
  /** Changes the draft: `change` edits a copy. */
  update: (change: (draft: Config) => void) => void;
  /** Replaces the whole draft (a JSON import). */
  replace: (config: Config) => void;
  discard: () => void;
  /** Reads the saved configuration again, dropping the draft (after a conflict). */
  reload: () => void;
  problems: ConfigProblem[];
  /** The first problem's message at exactly this dotted path. */
  problemAt: (field: string) => string | undefined;
  /** Problems at or under a path (`siteMappings.2`), for rows that summarise a dialog. */
  problemsUnder: (prefix: string) => ConfigProblem[];
  save: (acceptWarnings?: boolean) => Promise<void>;
  saveState: SaveState;
  dismissWarnings: () => void;
}

/** The editor once the configuration is loaded; until then why not (loading, or the error). */
interface EditorSlot {
  editor: ConfigEditor | null;
  error: { message: string } | null;
}

const EditorContext = createContext<EditorSlot | null>(null);

/** The configuration editor, inside a `ConfigGate` (which waits for it). */
export function useConfigEditor(): ConfigEditor {
  const editor = useContext(EditorContext)?.editor;
  if (!editor) throw new Error('useConfigEditor() outside a loaded <ConfigGate>');
  return editor;
}

/** Shows its children once the configuration is loaded (a spinner or the load error before). */
export function ConfigGate({ children }: { children: ReactNode }) {
  const slot = useContext(EditorContext);
  if (slot?.error)
    return <Alert title="The import configuration could not be loaded">{slot.error.message}</Alert>;
  if (!slot?.editor) return <Loading label="Loading the import configuration…" />;
  return <>{children}</>;
}

interface Loaded {
  config: Config;
  version: number;
  updatedAt: string | null;
}

/**
 * The draft of the configuration last `loaded` (null while it loads: no editor). A new load
 * (after a conflict, say) starts a new draft. The state is reset here, during render, rather than
 * by a `key` on a component around the tabs: a key would remount every tab when the
 * configuration arrives, and each tab would show its loading state and read its data again.
 */
function useEditorState(
  kind: ConfigKind,
  connectionId: string,
  readOnly: boolean,
  loaded: Loaded | null,
  reload: () => void,
): ConfigEditor | null {
  const call = useApi();
  const endpoints = ENDPOINTS[kind];
  const [source, setSource] = useState(loaded);
  const [base, setBase] = useState(loaded);
  const [config, setConfig] = useState(loaded?.config);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [saveState, setSaveState] = useState<SaveState>({ step: 'idle' });
  if (source !== loaded) {
    setSource(loaded);
    setBase(loaded);
    setConfig(loaded?.config);
    setProblems([]);
    setSaveState({ step: 'idle' });
  }
  const dirty = useMemo(() => JSON.stringify(config) !== JSON.stringify(base?.config), [config, base]);

  const update = useCallback((change: (draft: Config) => void) => {
    setConfig((current) => {
      if (!current) return current;
      const draft = structuredClone(current);
      change(draft);
      return draft;
    });
    setSaveState((s) => (s.step === 'saved' ? { step: 'idle' } : s));
  }, []);

  if (!base || !config) return null;

  const save = async (acceptWarnings = false) => {
    const local = entraImportConfigSchema.safeParse(config);
    if (!local.success) {
      setProblems(issuesToProblems(local.error.issues));
      setSaveState({ step: 'invalid' });
      return;
    }
    try {
      if (!acceptWarnings) {
        setSaveState({ step: 'checking' });
        const checked = await call(endpoints.validate, { params: { id: connectionId }, body: { config } });
        setProblems(checked.problems);
        if (checked.problems.some((p) => p.severity === 'error')) return setSaveState({ step: 'invalid' });
        if (checked.problems.length > 0) return setSaveState({ step: 'warnings' });
      }
      setSaveState({ step: 'saving' });
      const saved = await call(endpoints.save, {
        params: { id: connectionId },
        body: { expectedVersion: base.version, config, acceptWarnings },
      });
      const next = { config: saved.config, version: saved.version, updatedAt: saved.updatedAt };
      setBase(next);
      setConfig(saved.config);
      setProblems(saved.problems);
      setSaveState({ step: 'saved' });
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.status === 409) return setSaveState({ step: 'conflict' });
      if (cause instanceof ApiRequestError && (cause.body.errors?.length ?? 0) > 0) {
        setProblems(fieldErrorsToProblems(cause.body.errors ?? []));
        return setSaveState({ step: 'invalid' });
      }
      setSaveState({
        step: 'failed',
        message: cause instanceof Error ? cause.message : 'The configuration could not be saved.',
      });
    }
  };

  return {
    connectionId,
    kind,
    config,
    version: base.version,
    updatedAt: base.updatedAt,
    dirty,
    readOnly,
    update,
    replace: (next) => {
      setConfig(next);
      setProblems([]);
      setSaveState({ step: 'idle' });
    },
    discard: () => {
      setConfig(base.config);
      setProblems([]);
      setSaveState({ step: 'idle' });
    },
    reload,
    problems,
    problemAt: (field) => problems.find((p) => p.field === field)?.message,
    problemsUnder: (prefix) => problems.filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`)),
    save,
    saveState,
    dismissWarnings: () => setSaveState({ step: 'idle' }),
  };
}

/**
 * Holds one connection's import configuration while its tabs edit it: loaded once, edited as a
 * draft across the tabs (switching tabs keeps the draft), saved as one document (validated
 * first, with the version read) through the endpoints of the connection's `kind`. Tabs that do
 * not edit it render as they are.
 */
export function ConfigEditorProvider({
  kind,
  connectionId,
  readOnly,
  children,
}: {
  kind: ConfigKind;
  connectionId: string;
  readOnly: boolean;
  children: ReactNode;
}) {
  const call = useApi();
  const [generation, setGeneration] = useState(0);
  const loaded = useQuery(`import-config:${kind}:${connectionId}:${generation}`, (signal) =>
    call(ENDPOINTS[kind].get, { params: { id: connectionId }, signal }),
  );
  const ready = loaded.error || loaded.loading ? null : (loaded.data ?? null);
  const editor = useEditorState(kind, connectionId, readOnly, ready, () => setGeneration((g) => g + 1));
  return <EditorContext.Provider value={{ editor, error: loaded.error }}>{children}</EditorContext.Provider>;
}

import { useState } from 'react';
import {
  getHrRules,
  previewHrRules,
  publishHrRules,
  saveHrRules,
  type HrRulePreview,
  type HrRulesView,
} from '../../../../../../src/contracts/api/hr-rules.js';
import { ApiRequestError, bodySchemaOf } from '../../../../lib/api.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../../lib/form-errors.js';
import { formatDateTime } from '../../../../lib/format.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Loading } from '../../../../ui/loading.js';
import type { SourceTabProps } from '../source/tab-props.js';
import { RuleCard } from './rule-card.js';
import { errorsOf, newRule, toRuleDrafts, toRuleSet, type RuleDraft } from './rules-draft.js';
import { RulesPreview } from './rules-preview.js';

type Busy = 'save' | 'preview' | 'publish' | null;

function Editor({
  initial,
  sourceId,
  canManage,
  changed,
}: {
  initial: HrRulesView;
  sourceId: string;
  canManage: boolean;
  changed: () => void;
}) {
  const call = useApi();
  const [view, setView] = useState(initial);
  const [rules, setRules] = useState<RuleDraft[]>(() => toRuleDrafts(initial.draft));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [preview, setPreview] = useState<{ result: HrRulePreview; draftUpdatedAt: string | null } | null>(
    null,
  );
  const readOnly = !canManage;

  const edit = (next: RuleDraft[]) => {
    setRules(next);
    setDirty(true);
    setPreview(null);
  };

  /** Saves the cards as the draft; returns the saved view, or null when something needs correcting. */
  async function saveDraft(): Promise<HrRulesView | null> {
    const body = { rules: toRuleSet(rules) };
    const checked = validate(bodySchemaOf(saveHrRules), body);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ tone: 'error', text: 'Some rules need correcting.' });
      return null;
    }
    const saved = await call(saveHrRules, { params: { id: sourceId }, body });
    setView(saved);
    setRules(toRuleDrafts(saved.draft));
    setDirty(false);
    setErrors({});
    changed();
    return saved;
  }

  async function reloadDraft(): Promise<HrRulesView> {
    const fresh = await call(getHrRules, { params: { id: sourceId } });
    setView(fresh);
    setRules(toRuleDrafts(fresh.draft));
    setDirty(false);
    return fresh;
  }

  async function act(what: Exclude<Busy, null>) {
    setBusy(what);
    setMessage(null);
    try {
      if (what === 'save') {
        if (await saveDraft())
          setMessage({
            tone: 'success',
            text: 'Draft saved. Nothing changes in Entra until it is published.',
          });
      } else if (what === 'preview') {
        // The preview is of the stored draft: save the cards first, or show what is stored now
        // (a colleague may have changed it), and publish only that version.
        const current = dirty && canManage ? await saveDraft() : await reloadDraft();
        if (!current) return;
        const result = await call(previewHrRules, { params: { id: sourceId } });
        setPreview({ result, draftUpdatedAt: current.draftUpdatedAt });
      } else if (preview) {
        const published = await call(publishHrRules, {
          params: { id: sourceId },
          body: { draftUpdatedAt: preview.draftUpdatedAt, enforce: true },
        });
        setView(published);
        setRules(toRuleDrafts(published.draft));
        setPreview(null);
        changed();
        setMessage({
          tone: 'success',
          text: `Version ${published.publishedVersion} published; enforcement started.`,
        });
      }
    } catch (cause) {
      if (cause instanceof ApiRequestError && cause.status === 409) {
        setPreview(null);
        setMessage({
          tone: 'error',
          text: 'Someone changed the draft since your preview. Preview again before publishing.',
        });
      } else {
        const failure = describeFailure(cause);
        setErrors(failure.fieldErrors);
        setMessage({ tone: 'error', text: failure.message });
      }
    } finally {
      setBusy(null);
    }
  }

  const pending = view.draftPending || dirty;
  return (
    <div className="stack">
      {pending ? (
        <Alert tone="info">
          {view.publishedVersion === 0
            ? 'These rules are not published yet: nothing is done in Entra until they are.'
            : `Draft differs from published version ${view.publishedVersion}.`}
          {dirty ? ' Unsaved changes.' : ''}
        </Alert>
      ) : (
        <p className="muted">
          {view.publishedVersion === 0
            ? 'No rules published yet.'
            : `Published version ${view.publishedVersion} by ${view.publishedByName ?? 'someone'} on ${formatDateTime(view.publishedAt)}; the draft is the same.`}
        </p>
      )}
      {rules.length === 0 ? (
        <p className="muted">
          No rules yet. A rule grants the account, groups or licences to the persons matching its conditions;
          a dynamic group gives each department (say) its own group by a name template.
        </p>
      ) : null}
      {rules.map((rule, index) => (
        <RuleCard
          key={rule.id}
          rule={rule}
          index={index}
          view={view}
          errors={errorsOf(errors, index)}
          readOnly={readOnly}
          change={(patch) => edit(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)))}
          remove={() => edit(rules.filter((_, i) => i !== index))}
        />
      ))}
      {errors.rules && !Object.keys(errors).some((k) => k.startsWith('rules.')) ? (
        <p className="field-error">{errors.rules}</p>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="toolbar">
        {readOnly ? null : (
          <>
            <Button onPress={() => edit([...rules, newRule()])}>Add rule</Button>
            <Button isPending={busy === 'save'} isDisabled={!dirty} onPress={() => void act('save')}>
              Save draft
            </Button>
          </>
        )}
        <Button isPending={busy === 'preview'} onPress={() => void act('preview')}>
          Preview
        </Button>
        {readOnly ? null : (
          <Button
            variant="primary"
            isPending={busy === 'publish'}
            isDisabled={!preview || dirty}
            onPress={() => void act('publish')}
          >
            Publish
          </Button>
        )}
      </div>
      {readOnly ? (
        <p className="muted">Changing and publishing rules needs the “hr.manage” permission.</p>
      ) : null}
      {!readOnly && !preview ? <p className="muted">Preview the draft to publish it.</p> : null}
      {preview ? <RulesPreview preview={preview.result} sourceId={sourceId} /> : null}
    </div>
  );
}

/** The source's rules: the draft as cards, saved, previewed and published. */
export function RulesEditor({ source, canManage, changed }: SourceTabProps) {
  const call = useApi();
  const rules = useQuery(`hr-rules:${source.id}`, (signal) =>
    call(getHrRules, { params: { id: source.id }, signal }),
  );
  if (rules.error) return <Alert title="The rules could not be loaded">{rules.error.message}</Alert>;
  if (!rules.data) return <Loading />;
  return <Editor initial={rules.data} sourceId={source.id} canManage={canManage} changed={changed} />;
}

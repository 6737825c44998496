import { useState, type ChangeEvent } from 'react';
import {
  listHrImports,
  readHrSourceNow,
  uploadHrCsv,
} from '../../../../../../src/contracts/api/hr-imports.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure } from '../../../../lib/form-errors.js';
import { useList } from '../../../../lib/use-list.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Pager } from '../../../../ui/pager.js';
import { ImportList } from './import-list.js';
import type { SourceTabProps } from './tab-props.js';

/** Upload a CSV or read the source now, and the imports with their counts, problems and holds. */
export function ImportsTab({ source, canManage, changed }: SourceTabProps) {
  const call = useApi();
  const list = useList(listHrImports, { params: { id: source.id } });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  const readable = source.kind === 'json' || (source.kind === 'csv' && source.settings.csv?.watchFolder);
  const refresh = () => {
    list.reload();
    changed();
  };

  async function run(work: () => Promise<{ tone: 'success' | 'warning'; text: string }>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      refresh();
    } catch (cause) {
      setError(describeFailure(cause).message);
    } finally {
      setBusy(false);
    }
  }

  function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      const csv = await file.text();
      const done = await call(uploadHrCsv, { params: { id: source.id }, body: { fileName: file.name, csv } });
      input.value = '';
      return done.status === 'held'
        ? {
            tone: 'warning',
            text: `${file.name} is held: a threshold was crossed. Confirm or discard it below.`,
          }
        : {
            tone: 'success',
            text: `${file.name} imported: ${done.counts.added} added, ${done.counts.changed} changed, ${done.counts.removed} removed.`,
          };
    });
  }

  return (
    <div className="stack">
      {canManage ? (
        <section className="card stack" aria-labelledby="hr-import-now">
          <h2 id="hr-import-now">Import</h2>
          {source.kind === 'csv' ? (
            <div className="field">
              <label className="field-label" htmlFor="hr-csv-file">
                Upload a CSV file
              </label>
              <input id="hr-csv-file" type="file" accept=".csv,text/csv" disabled={busy} onChange={upload} />
              <p className="field-description">
                A header row, then one row per contract, with the columns set on the source.
              </p>
            </div>
          ) : null}
          {source.kind === 'scim' ? (
            <p className="muted">The HR system pushes changes to this source; each push is listed here.</p>
          ) : null}
          {readable ? (
            <div className="toolbar">
              <Button
                isPending={busy}
                onPress={() =>
                  void run(async () => {
                    const read = await call(readHrSourceNow, { params: { id: source.id } });
                    const held = read.imports.some((i) => i.status === 'held');
                    return {
                      tone: held ? 'warning' : 'success',
                      text:
                        read.imports.length === 0
                          ? 'Nothing new to import.'
                          : `${read.imports.length} import${read.imports.length === 1 ? '' : 's'} read${held ? ', held: confirm or discard below' : ''}.`,
                    };
                  })
                }
              >
                Read now
              </Button>
            </div>
          ) : null}
          {error ? <Alert>{error}</Alert> : null}
          {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        </section>
      ) : null}
      {list.error ? <Alert title="The imports could not be loaded">{list.error.message}</Alert> : null}
      <ImportList items={list.data?.items ?? []} canManage={canManage} decided={refresh} />
      <Pager
        pageIndex={list.pageIndex}
        pageSize={list.pageSize}
        shown={list.data?.items.length ?? 0}
        total={list.data?.total ?? null}
        hasPrevious={list.hasPrevious}
        hasNext={list.hasNext}
        onPrevious={list.previous}
        onNext={list.next}
      />
    </div>
  );
}

import type { ReactNode } from 'react';
import { Button as AriaButton, Input, Label, SearchField } from 'react-aria-components';
import type { ListControls } from '../lib/use-list.js';
import { Alert } from './alert.js';
import { DataTable, type TableColumn, type TableSelection } from './data-table.js';
import { Loading } from './loading.js';
import { Pager } from './pager.js';

export interface ListViewProps<T extends { id: string }> {
  /** Names the table for screen readers, e.g. "Customers". */
  label: string;
  /** The search box's label; lists the API cannot search have none. */
  searchLabel?: string;
  list: ListControls;
  page: { items: T[]; total: number | null } | undefined;
  columns: TableColumn<T>[];
  rowHref?: (item: T) => string;
  /** Shown when nothing exists at all (no search): what will appear here and what to do. */
  empty: ReactNode;
  /** Shown instead of `empty` when filters (not search) leave nothing. */
  filtered?: ReactNode;
  /** Extra controls beside the search box (filters). */
  filters?: ReactNode;
  /** Rows can be ticked (see `DataTable`). */
  selection?: TableSelection;
}

/** Search, table, paging, loading and empty states for one list endpoint. */
export function ListView<T extends { id: string }>({ list, page, ...props }: ListViewProps<T>) {
  const searching = list.searchText.trim() !== '';
  return (
    <section className="list" aria-label={props.label}>
      {props.searchLabel || props.filters ? (
        <div className="list-toolbar">
          {props.searchLabel ? (
            <SearchField className="search" value={list.searchText} onChange={list.setSearchText}>
              <Label className="field-label">{props.searchLabel}</Label>
              <div className="search-row">
                <Input className="field-input" />
                {searching ? (
                  <AriaButton className="button button-quiet" aria-label="Clear search">
                    ✕
                  </AriaButton>
                ) : null}
              </div>
            </SearchField>
          ) : null}
          {props.filters}
        </div>
      ) : null}
      {list.error ? <Alert title="The list could not be loaded">{list.error.message}</Alert> : null}
      {!page && list.loading ? (
        <Loading />
      ) : (
        <DataTable
          label={props.label}
          columns={props.columns}
          items={page?.items ?? []}
          sort={list.sort}
          onSortChange={list.setSort}
          busy={list.loading}
          {...(props.rowHref ? { rowHref: props.rowHref } : {})}
          {...(props.selection ? { selection: props.selection } : {})}
          empty={
            searching ? (
              <p>Nothing matches “{list.searchText.trim()}”. Try fewer letters.</p>
            ) : (
              (props.filtered ?? props.empty)
            )
          }
        />
      )}
      <Pager
        pageIndex={list.pageIndex}
        pageSize={list.pageSize}
        shown={page?.items.length ?? 0}
        total={page?.total ?? null}
        hasPrevious={list.hasPrevious}
        hasNext={list.hasNext}
        onPrevious={list.previous}
        onNext={list.next}
      />
    </section>
  );
}

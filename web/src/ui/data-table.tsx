import type { ReactNode } from 'react';
import {
  Checkbox as AriaCheckbox,
  Cell,
  Collection,
  Column,
  Row,
  Table,
  TableBody,
  TableHeader,
  type Selection,
  type SortDescriptor,
} from 'react-aria-components';

export interface TableColumn<T> {
  /** The sort key sent to the API (`sort=id` / `sort=-id`) when `sortable`. */
  id: string;
  name: string;
  sortable?: boolean;
  /** The column that names the row for screen readers (one per table). */
  isRowHeader?: boolean;
  render: (item: T) => ReactNode;
}

export interface DataTableProps<T extends { id: string }> {
  label: string;
  columns: TableColumn<T>[];
  items: T[];
  /** The API's sort string: `name` ascending, `-name` descending. */
  sort?: string;
  onSortChange?: (sort: string) => void;
  /** Where a row leads (its detail screen), so rows are links. */
  rowHref?: (item: T) => string;
  /** Shown inside the table when there are no rows. */
  empty: ReactNode;
  busy?: boolean;
  /** Rows can be ticked (a checkbox per row, one in the header for every row shown). */
  selection?: TableSelection;
}

/**
 * Ticked rows. `selectedKeys` may hold rows of other pages; `onChange` is told which rows of THIS
 * page are ticked now, so the caller keeps the others.
 */
export interface TableSelection {
  selectedKeys: ReadonlySet<string>;
  onChange: (pageSelected: Set<string>) => void;
}

/** The box of a row (or, in the header, of every row shown); react-aria names it ("Select …"). */
function SelectionBox() {
  return (
    <AriaCheckbox slot="selection" className="checkbox">
      {({ isSelected, isIndeterminate }) => (
        <span className="checkbox-box" aria-hidden="true">
          {isIndeterminate ? '–' : isSelected ? '✓' : ''}
        </span>
      )}
    </AriaCheckbox>
  );
}

/** Turns the API's `sort` string into react-aria's descriptor and back. */
export function toSortDescriptor(sort: string | undefined): SortDescriptor | undefined {
  if (!sort) return undefined;
  return sort.startsWith('-')
    ? { column: sort.slice(1), direction: 'descending' }
    : { column: sort, direction: 'ascending' };
}

export function fromSortDescriptor(descriptor: SortDescriptor): string {
  return `${descriptor.direction === 'descending' ? '-' : ''}${String(descriptor.column)}`;
}

/**
 * A server-driven table: sorting is announced (`aria-sort`) and handed to the API, rows can be
 * links to details. Paging and search sit outside (see `ListView`).
 */
export function DataTable<T extends { id: string }>(props: DataTableProps<T>) {
  if (props.selection) return <SelectableTable {...props} selection={props.selection} />;
  const descriptor = toSortDescriptor(props.sort);
  return (
    <div className="table-wrap" aria-busy={props.busy ?? false}>
      <Table
        aria-label={props.label}
        className="table"
        {...(descriptor ? { sortDescriptor: descriptor } : {})}
        onSortChange={(d) => props.onSortChange?.(fromSortDescriptor(d))}
      >
        <TableHeader columns={props.columns}>
          {(column) => (
            <Column
              id={column.id}
              isRowHeader={column.isRowHeader ?? false}
              allowsSorting={column.sortable ?? false}
              className="table-column"
            >
              {({ allowsSorting, sortDirection }) => (
                <span className="table-column-label">
                  {column.name}
                  {allowsSorting ? (
                    <span aria-hidden="true" className="sort-mark">
                      {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
                    </span>
                  ) : null}
                </span>
              )}
            </Column>
          )}
        </TableHeader>
        <TableBody
          items={props.items}
          renderEmptyState={() => <div className="table-empty">{props.empty}</div>}
        >
          {(item) => (
            <Row
              id={item.id}
              columns={props.columns}
              className="table-row"
              {...(props.rowHref ? { href: props.rowHref(item) } : {})}
            >
              {(column) => <Cell className="table-cell">{column.render(item)}</Cell>}
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

/** {@link DataTable} with a checkbox per row ("toggle" selection: a row is still a link until one is ticked). */
function SelectableTable<T extends { id: string }>(props: DataTableProps<T> & { selection: TableSelection }) {
  const descriptor = toSortDescriptor(props.sort);
  const { selection, items } = props;
  const onSelectionChange = (keys: Selection) => {
    const page = new Set(items.map((i) => i.id));
    props.selection.onChange(
      keys === 'all' ? page : new Set([...keys].map(String).filter((k) => page.has(k))),
    );
  };
  return (
    <div className="table-wrap" aria-busy={props.busy ?? false}>
      <Table
        aria-label={props.label}
        className="table"
        selectionMode="multiple"
        selectionBehavior="toggle"
        selectedKeys={new Set(items.map((i) => i.id).filter((id) => selection.selectedKeys.has(id)))}
        onSelectionChange={onSelectionChange}
        {...(descriptor ? { sortDescriptor: descriptor } : {})}
        onSortChange={(d) => props.onSortChange?.(fromSortDescriptor(d))}
      >
        <TableHeader>
          <Column className="table-column table-select">
            <SelectionBox />
          </Column>
          <Collection items={props.columns}>
            {(column) => (
              <Column
                id={column.id}
                isRowHeader={column.isRowHeader ?? false}
                allowsSorting={column.sortable ?? false}
                className="table-column"
              >
                {({ allowsSorting, sortDirection }) => (
                  <span className="table-column-label">
                    {column.name}
                    {allowsSorting ? (
                      <span aria-hidden="true" className="sort-mark">
                        {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
                      </span>
                    ) : null}
                  </span>
                )}
              </Column>
            )}
          </Collection>
        </TableHeader>
        <TableBody items={items} renderEmptyState={() => <div className="table-empty">{props.empty}</div>}>
          {(item) => (
            <Row
              id={item.id}
              columns={props.columns}
              className="table-row"
              {...(props.rowHref ? { href: props.rowHref(item) } : {})}
            >
              <Cell className="table-cell table-select">
                <SelectionBox />
              </Cell>
              <Collection items={props.columns}>
                {(column) => <Cell className="table-cell">{column.render(item)}</Cell>}
              </Collection>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

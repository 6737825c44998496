import { Button } from './button.js';

export interface PagerProps {
  /** Zero-based page number. */
  pageIndex: number;
  pageSize: number;
  shown: number;
  total: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** Previous/next over cursor pages, and where the reader is in the list. */
export function Pager(props: PagerProps) {
  const first = props.pageIndex * props.pageSize + (props.shown > 0 ? 1 : 0);
  const last = props.pageIndex * props.pageSize + props.shown;
  const of = props.total === null ? '' : ` of ${props.total}`;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-status" aria-live="polite">
        {props.shown === 0 ? 'No results' : `Showing ${first}–${last}${of}`}
      </span>
      <Button variant="quiet" isDisabled={!props.hasPrevious} onPress={props.onPrevious}>
        Previous
      </Button>
      <Button variant="quiet" isDisabled={!props.hasNext} onPress={props.onNext}>
        Next
      </Button>
    </nav>
  );
}

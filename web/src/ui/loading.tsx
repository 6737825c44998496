import { ProgressBar } from 'react-aria-components';

export interface LoadingProps {
  label?: string;
  /** 0–100 for operations that report progress; omitted for "busy" without a measure. */
  value?: number;
}

/** An accessible busy or progress indicator for loading screens and long operations. */
export function Loading({ label = 'Loading…', value }: LoadingProps) {
  return (
    <ProgressBar
      className="loading"
      aria-label={label}
      isIndeterminate={value === undefined}
      value={value ?? 0}
    >
      {({ percentage }) => (
        <>
          <span className="loading-label">{label}</span>
          <div className="loading-track">
            <div
              className={value === undefined ? 'loading-fill loading-fill-busy' : 'loading-fill'}
              style={value === undefined ? undefined : { width: `${percentage ?? 0}%` }}
            />
          </div>
        </>
      )}
    </ProgressBar>
  );
}

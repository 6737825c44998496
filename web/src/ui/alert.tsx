import type { ReactNode } from 'react';

export interface AlertProps {
  tone?: 'error' | 'info' | 'success' | 'warning';
  title?: string;
  children: ReactNode;
}

/** A message for the whole screen or form; errors are announced at once (`role="alert"`). */
export function Alert({ tone = 'error', title, children }: AlertProps) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <strong className="alert-title">{title}</strong> : null}
      <div>{children}</div>
    </div>
  );
}

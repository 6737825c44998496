import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What this place will hold and what to do next. */
  children?: ReactNode;
  action?: ReactNode;
}

/** Said wherever a list or screen has nothing yet: what will appear here and how to get it. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2 className="empty-state-title">{title}</h2>
      {children ? <div className="empty-state-body">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </section>
  );
}

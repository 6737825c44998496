import { Link } from 'react-router';
import { Alert } from './alert.js';
import { Loading } from './loading.js';
import { Page } from './page.js';

export interface RecordPendingProps {
  /** Page title while there is no record, e.g. "Agent". */
  title: string;
  /** What failed to load, in words: "agent", "customer". */
  noun: string;
  error: { message: string } | null;
  back: { to: string; label: string };
}

/** What a detail page shows before its record is there: why it could not be loaded (and a way back), or a spinner. */
export function RecordPending({ title, noun, error, back }: RecordPendingProps) {
  if (!error) return <Loading />;
  return (
    <Page title={title}>
      <Alert title={`This ${noun} could not be loaded`}>{error.message}</Alert>
      <Link to={back.to}>{back.label}</Link>
    </Page>
  );
}

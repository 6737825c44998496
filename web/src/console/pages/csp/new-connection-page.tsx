import { Link, useNavigate } from 'react-router';
import { Page } from '../../../ui/page.js';
import { CspConnectionForm } from './connection-form.js';

/** "New connection": the form, then the connection's page with its setup steps and Authorise. */
export function NewCspConnectionPage() {
  const navigate = useNavigate();
  return (
    <Page
      title="New CSP connection"
      description={
        <>
          <Link to="/integrations/csp">Microsoft CSP</Link> › New connection. Register the Partner Center app
          and the GDAP app in your partner tenant first; after saving, authorise the connection.
        </>
      }
    >
      <section className="card">
        <CspConnectionForm
          onSaved={(c) => void navigate(`/integrations/csp/${c.id}`)}
          onCancel={() => void navigate('/integrations/csp')}
        />
      </section>
    </Page>
  );
}

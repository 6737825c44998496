import { Link, useNavigate } from 'react-router';
import { Page } from '../../../ui/page.js';
import { ConnectionForm } from './connection-form.js';

/** "New" on the connections list: the form, then the connection's page to authorise it. */
export function NewEntraConnectionPage() {
  const navigate = useNavigate();
  return (
    <Page
      title="New Entra connection"
      description={
        <>
          <Link to="/integrations/entra">Microsoft Entra ID</Link> › New connection. Register an application
          in the tenant first; after saving, authorise the connection.
        </>
      }
    >
      <section className="card">
        <ConnectionForm
          onSaved={(c) => void navigate(`/integrations/entra/${c.id}`)}
          onCancel={() => void navigate('/integrations/entra')}
        />
      </section>
    </Page>
  );
}

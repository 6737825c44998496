import { PERMISSIONS, type Permission } from '../../../../src/contracts/permissions.js';
import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Shown instead of a screen the signed-in agent may not open, saying exactly what is missing. */
export function ForbiddenPage({
  permission,
  otherwise,
}: {
  permission: Permission;
  otherwise?: string | undefined;
}) {
  return (
    <Page title="You don't have access to this page">
      <EmptyState title={`You need the "${permission}" permission`}>
        <p>
          This screen needs the permission “{PERMISSIONS[permission].label}”{otherwise ? ` ${otherwise}` : ''}
          . Ask an administrator to give it to you (Agents → your agent → roles), then sign in again.
        </p>
      </EmptyState>
    </Page>
  );
}

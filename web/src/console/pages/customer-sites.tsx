import { bodySchemaOf } from '../../lib/api.js';
import { createSite, listSites, updateSite, type SiteView } from '../../../../src/contracts/api/sites.js';
import { useApi } from '../../lib/api-context.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useList } from '../../lib/use-list.js';
import { Checkbox } from '../../ui/checkbox.js';
import type { TableColumn } from '../../ui/data-table.js';
import { DialogButton } from '../../ui/dialog.js';
import { EmptyState } from '../../ui/empty-state.js';
import { FormBody } from '../../ui/form-body.js';
import { ListView } from '../../ui/list-view.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { TextField } from '../../ui/text-field.js';

function NewSiteForm({
  customerId,
  close,
  saved,
}: {
  customerId: string;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(createSite),
    send: (body) => call(createSite, { params: { id: customerId }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Add site" label="New site" onCancel={close}>
      <TextField label="Name" name="name" autoFocus description="An office or location, e.g. “Leeds”." />
    </FormBody>
  );
}

function EditSiteForm({ site, close, saved }: { site: SiteView; close: () => void; saved: () => void }) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateSite),
    toBody: (v) => ({
      name: v.name,
      inactive: v.inactive === 'on',
      ...(v.isDefault === 'on' && !site.isDefault ? { isDefault: true } : {}),
    }),
    send: (body) => call(updateSite, { params: { id: site.customerId, siteId: site.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save" label={`Edit site ${site.name}`} onCancel={close}>
      <TextField label="Name" name="name" defaultValue={site.name} autoFocus />
      <Checkbox name="isDefault" defaultSelected={site.isDefault} isDisabled={site.isDefault}>
        Default site (new users of this customer land here)
      </Checkbox>
      <Checkbox name="inactive" defaultSelected={site.inactive}>
        Inactive
      </Checkbox>
    </FormBody>
  );
}

export interface SitesSectionProps {
  customerId: string;
  canEdit: boolean;
  /** Told after a change (the customer's default site may have changed). */
  changed: () => void;
}

/** A customer's sites: list, add, rename, retire, choose the default. */
export function SitesSection({ customerId, canEdit, changed }: SitesSectionProps) {
  const list = useList(listSites, { params: { id: customerId }, initialSort: 'name' });
  const saved = () => {
    list.reload();
    changed();
  };
  const columns: TableColumn<SiteView>[] = [
    { id: 'name', name: 'Site', sortable: true, isRowHeader: true, render: (s) => s.name },
    { id: 'default', name: 'Default', render: (s) => (s.isDefault ? 'Yes' : '') },
    { id: 'status', name: 'Status', render: (s) => <StatusBadge inactive={s.inactive} /> },
  ];
  if (canEdit) {
    columns.push({
      id: 'actions',
      name: 'Actions',
      render: (s) => (
        <DialogButton
          label="Edit"
          accessibleLabel={`Edit site ${s.name}`}
          title={`Edit site ${s.name}`}
          variant="quiet"
        >
          {(close) => <EditSiteForm site={s} close={close} saved={saved} />}
        </DialogButton>
      ),
    });
  }
  return (
    <section className="card" aria-labelledby="customer-sites">
      <div className="page-header">
        <h2 id="customer-sites">Sites</h2>
        {canEdit ? (
          <DialogButton label="Add site" title="Add a site">
            {(close) => <NewSiteForm customerId={customerId} close={close} saved={saved} />}
          </DialogButton>
        ) : null}
      </div>
      <ListView
        label="Sites"
        searchLabel="Search sites"
        list={list}
        page={list.data}
        columns={columns}
        empty={
          <EmptyState title="No sites">Add the customer’s offices or locations with “Add site”.</EmptyState>
        }
      />
    </section>
  );
}

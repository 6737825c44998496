import { useState } from 'react';
import { useNavigate } from 'react-router';
import { submitNewStarter, type NewStarterFormOptions } from '../../../../src/contracts/api/requests.js';
import { bodySchemaOf } from '../../lib/api.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { Alert } from '../../ui/alert.js';
import { Checkbox } from '../../ui/checkbox.js';
import { FormBody } from '../../ui/form-body.js';
import { SelectField } from '../../ui/select-field.js';
import { TextField } from '../../ui/text-field.js';
import { AddressPreview } from './address-preview.js';
import { OrganisationUserPicker, type OrganisationUser } from './organisation-user-picker.js';
import type { RequestFormSource } from './request-source.js';

const blankToUndefined = (v: string | undefined) => (v && v.trim() !== '' ? v : undefined);

function seatsLeft(available: number | null): string {
  if (available === null) return 'seats left unknown';
  return available === 1 ? '1 seat left' : `${available} seats left`;
}

/** The form's named controls as the contract's body (ticked boxes repeat their name). */
function toBody(v: Record<string, string>, data: FormData) {
  return {
    firstName: v.firstName,
    middleName: v.middleName,
    lastName: v.lastName,
    displayName: v.displayName,
    jobTitle: v.jobTitle,
    department: v.department,
    officeLocation: v.officeLocation,
    managerId: blankToUndefined(v.managerId),
    startDate: v.startDate,
    usageLocation: blankToUndefined(v.usageLocation),
    mobilePhone: v.mobilePhone,
    emailFormat: blankToUndefined(v.emailFormat),
    domain: blankToUndefined(v.domain),
    groups: data.getAll('groups').map(String),
    licences: data.getAll('licences').map(String),
    notes: v.notes,
  };
}

/** The new-starter form (guide 000, Fig. 6), with the address previewed as the names are typed. */
export function NewStarterForm({
  options,
  source,
}: {
  options: NewStarterFormOptions;
  source: RequestFormSource;
}) {
  const navigate = useNavigate();
  const [names, setNames] = useState({ firstName: '', middleName: '', lastName: '' });
  const [displayName, setDisplayName] = useState<string | null>(null);
  const [emailFormat, setEmailFormat] = useState<string>(options.defaultEmailFormat);
  const [domain, setDomain] = useState(options.domains[0] ?? '');
  const [manager, setManager] = useState<OrganisationUser | null>(null);
  const [licences, setLicences] = useState<Set<string>>(new Set());
  const submit = useFormSubmit({
    schema: bodySchemaOf(submitNewStarter),
    toBody,
    send: (body) => source.submitNewStarter(body),
    onDone: (request) => navigate(source.requestPath(request.id)),
  });
  const suggested = [names.firstName.trim(), names.lastName.trim()].filter(Boolean).join(' ');
  const overCommitted = options.licences.filter(
    (l) => licences.has(l.skuId) && l.available !== null && l.available <= 0,
  );
  const name = (field: keyof typeof names) => (value: string) => setNames((n) => ({ ...n, [field]: value }));

  return (
    <FormBody submit={submit} submitLabel="Submit request" label="New starter" wide>
      <div className="columns-2">
        <TextField
          label="First name"
          name="firstName"
          isRequired
          value={names.firstName}
          onChange={name('firstName')}
        />
        <TextField
          label="Middle name"
          name="middleName"
          value={names.middleName}
          onChange={name('middleName')}
        />
        <TextField
          label="Last name"
          name="lastName"
          isRequired
          value={names.lastName}
          onChange={name('lastName')}
        />
        <TextField
          label="Display name"
          name="displayName"
          value={displayName ?? suggested}
          onChange={setDisplayName}
          description="How their name shows in Outlook and Teams; “First Last” unless you change it."
        />
        <TextField label="Job title" name="jobTitle" />
        <TextField label="Department" name="department" />
        <TextField label="Office" name="officeLocation" />
        <OrganisationUserPicker
          source={source}
          label="Manager"
          name="managerId"
          value={manager}
          onChange={setManager}
          description="One of the organisation’s people."
          errorMessage={submit.fieldErrors.managerId}
        />
        <TextField label="Start date" name="startDate" type="date" isRequired />
        <TextField
          label="Usage location"
          name="usageLocation"
          defaultValue={options.defaultUsageLocation ?? ''}
          description="The two-letter country where they work (GB, US); licences need it."
        />
        <TextField label="Mobile" name="mobilePhone" type="tel" />
      </div>
      <div className="columns-2">
        <SelectField
          label="Email format"
          name="emailFormat"
          options={options.emailFormats.map((f) => ({ id: f.format, label: f.label }))}
          value={emailFormat}
          onChange={setEmailFormat}
        />
        <SelectField
          label="Domain"
          name="domain"
          options={options.domains.map((d) => ({ id: d, label: d }))}
          value={domain}
          onChange={setDomain}
        />
      </div>
      <AddressPreview input={{ ...names, emailFormat, domain }} source={source} />
      <fieldset className="stack">
        <legend className="field-label">Groups</legend>
        {options.groups.length === 0 ? (
          <p className="muted">Your organisation offers no groups on this form.</p>
        ) : null}
        {options.groups.map((g) => (
          <Checkbox key={g.name} name="groups" value={g.name}>
            {g.manual ? `${g.name} (set up by the service desk by hand)` : g.name}
          </Checkbox>
        ))}
        {submit.fieldErrors.groups ? <p className="field-error">{submit.fieldErrors.groups}</p> : null}
      </fieldset>
      <fieldset className="stack">
        <legend className="field-label">Licences</legend>
        {options.licences.length === 0 ? (
          <p className="muted">Your organisation offers no licences on this form.</p>
        ) : null}
        {options.licences.map((l) => (
          <Checkbox
            key={l.skuId}
            name="licences"
            value={l.skuId}
            isSelected={licences.has(l.skuId)}
            onChange={(on) =>
              setLicences((s) => {
                const next = new Set(s);
                if (on) next.add(l.skuId);
                else next.delete(l.skuId);
                return next;
              })
            }
          >
            {`${l.name} (${seatsLeft(l.available)})`}
          </Checkbox>
        ))}
        {overCommitted.length ? (
          <Alert tone="warning" title="No seats left">
            {overCommitted.map((l) => l.name).join(', ')}: every seat is taken or promised to another request.
            You can still ask; the service desk must buy a seat before the licence can be assigned.
          </Alert>
        ) : null}
        {submit.fieldErrors.licences ? <p className="field-error">{submit.fieldErrors.licences}</p> : null}
      </fieldset>
      <TextField
        label="Notes"
        name="notes"
        rows={4}
        description="Anything else the service desk should know."
      />
    </FormBody>
  );
}

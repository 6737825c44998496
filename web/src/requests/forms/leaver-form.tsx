import { useState } from 'react';
import { useNavigate } from 'react-router';
import { submitLeaver } from '../../../../src/contracts/api/requests.js';
import { bodySchemaOf } from '../../lib/api.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { Checkbox } from '../../ui/checkbox.js';
import { FormBody } from '../../ui/form-body.js';
import { NumberField } from '../../ui/number-field.js';
import { TextField } from '../../ui/text-field.js';
import { OrganisationUserPicker, type OrganisationUser } from './organisation-user-picker.js';
import type { RequestFormSource } from './request-source.js';

function toBody(v: Record<string, string>) {
  const days = v.deleteAfterDays?.trim();
  return {
    userId: v.userId,
    leaveDate: v.leaveDate,
    removeGroups: v.removeGroups === 'on',
    removeLicences: v.removeLicences === 'on',
    ...(days ? { deleteAfterDays: Number(days) } : {}),
    handoverNotes: v.handoverNotes,
  };
}

/** The leaver form: who leaves, when, and what to remove beyond blocking their sign-in. */
export function LeaverForm({ source }: { source: RequestFormSource }) {
  const navigate = useNavigate();
  const [user, setUser] = useState<OrganisationUser | null>(null);
  const submit = useFormSubmit({
    schema: bodySchemaOf(submitLeaver),
    toBody,
    send: (body) => source.submitLeaver(body),
    onDone: (request) => navigate(source.requestPath(request.id)),
  });
  return (
    <FormBody submit={submit} submitLabel="Submit request" label="Leaver">
      <OrganisationUserPicker
        source={source}
        label="Who is leaving"
        name="userId"
        value={user}
        onChange={setUser}
        errorMessage={submit.fieldErrors.userId}
      />
      <TextField
        label="Leave date"
        name="leaveDate"
        type="date"
        isRequired
        description="Their sign-in is blocked on this date."
      />
      <Checkbox name="removeGroups" defaultSelected>
        Remove them from their groups
      </Checkbox>
      <Checkbox name="removeLicences" defaultSelected>
        Remove their licences (the seats become free)
      </Checkbox>
      <NumberField
        label="Delete the account after (days)"
        name="deleteAfterDays"
        minValue={1}
        maxValue={365}
        description="Leave empty to keep the blocked account."
      />
      <TextField
        label="Hand-over notes"
        name="handoverNotes"
        rows={4}
        description="Who takes over their mailbox, files or equipment."
      />
    </FormBody>
  );
}

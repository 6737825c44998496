import type {
  AddressPreview,
  NewStarterFormOptions,
  RequestDetail,
} from '../../../../src/contracts/api/requests.js';
import type { LeaverForm, NewStarterForm } from '../../../../src/contracts/onboarding/request-fields.js';
import type { SelectOption } from '../../ui/select-field.js';
import type { z } from 'zod';
import type { addressPreviewInputSchema } from '../../../../src/contracts/api/requests.js';

/** One of a customer's people, as the manager and leaver pickers offer them. */
export interface OrganisationUser extends SelectOption {
  email: string | null;
}

/**
 * Where the request forms read and send: the portal's own endpoints (the signed-in user's
 * organisation), or the console's for one customer. The forms are the same either way.
 */
export interface RequestFormSource {
  /** Distinguishes cached searches and previews of different customers. */
  key: string;
  formOptions: (signal: AbortSignal) => Promise<NewStarterFormOptions>;
  preview: (body: z.input<typeof addressPreviewInputSchema>, signal: AbortSignal) => Promise<AddressPreview>;
  submitNewStarter: (body: NewStarterForm) => Promise<RequestDetail>;
  submitLeaver: (body: LeaverForm) => Promise<RequestDetail>;
  searchUsers: (text: string, signal: AbortSignal) => Promise<OrganisationUser[]>;
  /** Where a submitted request is shown. */
  requestPath: (id: string) => string;
}

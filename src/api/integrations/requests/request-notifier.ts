import { REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS } from '../../../contracts/onboarding/workflow.js';
import { notificationSettingsSchema } from '../../../contracts/onboarding/config.js';
import type { JobLogger } from '../../../jobs/index.js';
import { createRequestRepository, type Database, type StoredRequest } from '../../../store/index.js';
import type { Mailer } from '../mail/smtp-mailer.js';
import { requestReference } from './request-text.js';
import { requestRecipients } from './request-recipients.js';

export type RequestEventName =
  'submitted' | 'approvalNeeded' | 'approved' | 'rejected' | 'completed' | 'stepFailed';

const EVENT_WORDS: Record<RequestEventName, string> = {
  submitted: 'was submitted',
  approvalNeeded: 'needs your approval',
  approved: 'was approved',
  rejected: 'was rejected',
  completed: 'is done',
  stepFailed: 'needs attention: a step failed',
};

/** A webhook that does not answer within this long counts as failed (the job retries). */
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface RequestNotifierDeps {
  db: Database;
  mailer: Mailer | null;
  /** The console's address, for links in e-mails; absent: no links. */
  publicUrl?: string;
  fetch?: typeof fetch;
  logger?: JobLogger;
}

/**
 * Tells people what happened to a request, as its customer's settings say: e-mails (the
 * requester on decisions and outcomes, the open step's approvers when it needs them, extra
 * addresses on everything) and a JSON POST to the webhook. Throws when the webhook or every
 * e-mail failed, so the job retries; a retry may repeat what did get through (at least once).
 */
export function createRequestNotifier(deps: RequestNotifierDeps) {
  const requests = createRequestRepository(deps.db);
  return async (payload: { requestId: string; event: RequestEventName; detail: string }): Promise<void> => {
    const request = await requests.find(payload.requestId);
    if (!request) return;
    const settings = notificationSettingsSchema.parse(request.notifications);
    const recipients = deps.mailer ? await requestRecipients(deps.db, request, payload.event, settings) : [];
    const failures: string[] = [];
    if (recipients.length > 0 && deps.mailer) {
      const deliveries = await deps.mailer.send(message(request, payload, recipients, deps.publicUrl));
      const failed = deliveries.filter((d) => !d.ok);
      if (failed.length === deliveries.length && failed.length > 0)
        failures.push(`e-mail: ${failed.map((d) => `${d.to}: ${d.error}`).join('; ')}`);
      deps.logger?.info(
        {
          requestId: request.id,
          event: payload.event,
          sent: deliveries.length - failed.length,
          failed: failed.length,
        },
        'request e-mails sent',
      );
    }
    if (settings.webhookUrl) {
      const problem = await postWebhook(deps.fetch ?? fetch, settings.webhookUrl, request, payload);
      if (problem) failures.push(`webhook: ${problem}`);
    }
    if (failures.length > 0) throw new Error(`Request notification not delivered: ${failures.join(' | ')}`);
  };
}

function message(
  request: StoredRequest,
  payload: { event: RequestEventName; detail: string },
  to: string[],
  publicUrl: string | undefined,
) {
  const reference = requestReference(request.number);
  const subject = `[${reference}] ${REQUEST_TYPE_LABELS[request.type]} ${EVENT_WORDS[payload.event]}`;
  const link = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/requests/${request.id}` : null;
  const lines = [
    `${reference} for ${request.customerName} ${EVENT_WORDS[payload.event]}.`,
    '',
    request.summary,
    `Status: ${REQUEST_STATUS_LABELS[request.status]}`,
    ...(payload.detail ? ['', payload.detail] : []),
    ...(link ? ['', `Open it: ${link}`] : []),
  ];
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    to,
    subject,
    text: lines.join('\n'),
    html: lines.map((l) => (l === '' ? '<br>' : `<p>${escape(l)}</p>`)).join(''),
  };
}

async function postWebhook(
  send: typeof fetch,
  url: string,
  request: StoredRequest,
  payload: { event: RequestEventName; detail: string },
): Promise<string | null> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        event: payload.event,
        detail: payload.detail,
        request: {
          id: request.id,
          reference: requestReference(request.number),
          type: request.type,
          status: request.status,
          customerId: request.customerId,
          customerName: request.customerName,
          summary: request.summary,
        },
        at: new Date().toISOString(),
      }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    return response.ok ? null : `${url} answered ${response.status}`;
  } catch (error) {
    return `${url} could not be reached (${error instanceof Error ? error.message : String(error)})`;
  }
}

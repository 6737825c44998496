/**
 * What the outbound workflows (licence changes, subscription quantities, later new starters) pass
 * between the Microsoft clients, the pure workflows and the store.
 */

/** One HTTP exchange as the Outbound Requests log keeps it (never credentials). */
export interface LoggedExchange {
  method?: string;
  url?: string;
  status?: number;
  body?: unknown;
}

/** Microsoft's refusal, catalogued (src/microsoft/errors): what to tell a person, whether to retry. */
export interface MicrosoftRefusal {
  code: string;
  title: string;
  whatHappened: string;
  howToFix: string;
  /** Microsoft's own words, when it gave any. */
  microsoftMessage: string | null;
  retryable: boolean;
  retryAfterSeconds: number | null;
}

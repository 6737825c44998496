import type { MicrosoftRefusal } from '../../contracts/outbound.js';
import { errorCatalogue, type MicrosoftErrorCode } from './catalogue.js';
import type {
  CatalogueEntry,
  ErrorAction,
  FailureDetail,
  MicrosoftFailure,
  MicrosoftService,
} from './types.js';

/**
 * A catalogued failure of a Microsoft call. `code` is from the closed catalogue; the raw
 * Microsoft code and message are kept beside it for logs and the "details" a person can expand.
 */
export class MicrosoftError extends Error {
  readonly code: MicrosoftErrorCode;
  readonly action: ErrorAction;
  readonly retryable: boolean;
  readonly title: string;
  readonly whatHappened: string;
  readonly howToFix: string;
  readonly service: MicrosoftService;
  readonly status: number | undefined;
  readonly microsoftCode: string | undefined;
  readonly microsoftMessage: string | undefined;
  readonly details: FailureDetail[];
  readonly retryAfterSeconds: number | undefined;
  readonly location: string | undefined;
  readonly requestId: string | undefined;

  constructor(code: MicrosoftErrorCode, entry: CatalogueEntry, failure: MicrosoftFailure) {
    super(`${entry.title} (${code})${failure.message ? `: ${failure.message}` : ''}`, {
      cause: failure.cause,
    });
    this.name = 'MicrosoftError';
    this.code = code;
    this.action = entry.action;
    this.retryable = entry.retryable;
    this.title = entry.title;
    this.whatHappened = entry.whatHappened;
    this.howToFix = entry.howToFix;
    this.service = failure.service;
    this.status = failure.status;
    this.microsoftCode =
      failure.aadsts !== undefined ? `AADSTS${failure.aadsts}` : (failure.microsoftCode ?? undefined);
    this.microsoftMessage = failure.message;
    this.details = failure.details ?? [];
    this.retryAfterSeconds = failure.retryAfterSeconds;
    this.location = failure.location;
    this.requestId = failure.requestId;
  }
}

/**
 * A delta round cannot continue: the stored deltaLink (`fullResync`) or a page token expired.
 * `restartFrom` is where to start over: Microsoft's `Location` when given, else the initial query
 * (full resync) or the link the round started with (page token expired).
 */
export class ResyncRequiredError extends MicrosoftError {
  readonly fullResync: boolean;
  readonly restartFrom: string | null;

  constructor(cause: MicrosoftError, fullResync: boolean, restartFrom: string | null) {
    // A 400/404 on a stored deltaLink means "resync" too; describe it in resync words.
    const entry = cause.action === 'resync' ? cause : errorCatalogue['Http.410'];
    super(
      cause.code,
      { ...entry, action: 'resync', retryable: true },
      {
        service: cause.service,
        status: cause.status,
        microsoftCode: cause.microsoftCode,
        message: cause.microsoftMessage,
        details: cause.details,
        location: cause.location,
        requestId: cause.requestId,
        cause,
      },
    );
    this.name = 'ResyncRequiredError';
    this.fullResync = fullResync;
    this.restartFrom = restartFrom;
  }
}

/** A catalogued error as the outbound workflows record a refusal (plain data, no class). */
export function refusalOf(error: MicrosoftError): MicrosoftRefusal {
  return {
    code: error.code,
    title: error.title,
    whatHappened: error.whatHappened,
    howToFix: error.howToFix,
    microsoftMessage: error.microsoftMessage ?? null,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds ?? null,
  };
}

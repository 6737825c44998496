import { errorCatalogue } from '../../microsoft/index.js';

/** Words for a refusal code: its title and what to do about it. */
export interface ErrorWords {
  title: string;
  howToFix: string;
}

/**
 * A recorded outbound error as the API shows it: Microsoft's codes in the words of the error
 * catalogue, the workflow's own codes in `own`, anything else with `fallback`'s words.
 */
export function outboundErrorView(
  error: { code: string; message: string },
  fallback: ErrorWords,
  own: Record<string, ErrorWords> = {},
) {
  const entry = (errorCatalogue as Record<string, ErrorWords | undefined>)[error.code] ?? own[error.code];
  return {
    code: error.code,
    title: entry?.title ?? fallback.title,
    message: error.message,
    howToFix: entry?.howToFix ?? fallback.howToFix,
  };
}

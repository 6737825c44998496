import { useEffect, useRef } from 'react';

/**
 * Calls `reload` every `everyMs` while `active`, and once more when it stops being active.
 * The last read: a poll that read several things at once may have read one of them just before
 * the change that ended the wait (the licences a moment before the change that gave them).
 */
export function usePollWhile(active: boolean, everyMs: number, reload: () => void): void {
  const latest = useRef(reload);
  const wasActive = useRef(false);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    if (!active) {
      if (wasActive.current) latest.current();
      wasActive.current = false;
      return undefined;
    }
    wasActive.current = true;
    const timer = setInterval(() => latest.current(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}

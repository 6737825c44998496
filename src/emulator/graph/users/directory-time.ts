import type { Clock } from '../../clock.js';

/** Directory timestamps as Graph writes them: UTC, whole seconds (`2024-05-01T09:30:00Z`). */
export function directoryTimestamp(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

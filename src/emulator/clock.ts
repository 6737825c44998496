/** The emulator's clock. Tests move it forward to expire tokens, secrets and delta links. */
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start?: number): Clock {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}

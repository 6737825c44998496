import type { Clock } from './clock.js';
import type { EmulatorBehaviour } from './config.js';
import type { Counters } from './counters.js';
import type { FaultRules } from './faults/rules.js';
import type { Throttler } from './faults/throttler.js';
import type { EmuRequest, EmuResponse } from './http/types.js';
import type { Router } from './http/router.js';
import type { TokenIssuer } from './identity/tokens.js';
import type { Estate } from './state/estate.js';

/** Everything a route module needs; handed to each module's `register*` function. */
export interface EmulatorContext {
  estate: Estate;
  issuer: TokenIssuer;
  clock: Clock;
  router: Router;
  faults: FaultRules;
  /** Swappable: the admin API turns resource-unit throttling on and off. */
  throttle: { current: Throttler };
  counters: Counters;
  behaviour: EmulatorBehaviour;
  /** Seeded generator for fault probabilities and anything else that must be reproducible. */
  random: () => number;
  /** Runs a request through the whole pipeline (faults, counters, routing); `$batch` uses it. */
  dispatch(req: EmuRequest): Promise<EmuResponse>;
  /** Folder for the CA, certificates and anything the emulator keeps. */
  dataDir: string;
}

/** The Microsoft emulator: identity platform, Graph v1.0 and Partner Center, for tests, demos and benchmarks. */
export { createEmulator, emulatorOptionsSchema } from './emulator.js';
export type { Emulator, EmulatorApp, EmulatorInfo, EmulatorOptions } from './emulator.js';
export type { FaultRuleInput } from './faults/rules.js';

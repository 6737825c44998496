import { Command } from 'commander';

/** Owned by: emulator CLI. */
export function emulatorCommand(): Command {
  return new Command('emulator').description(
    'Run the Microsoft emulator (identity platform, Graph, Partner Center)',
  );
}

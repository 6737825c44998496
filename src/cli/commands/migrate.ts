import { Command } from 'commander';

/** Owned by: storage. */
export function migrateCommand(): Command {
  return new Command('migrate').description('Apply database migrations');
}

#!/usr/bin/env node
import { Command } from 'commander';
import { adminCommand } from './commands/admin.js';
import { cspCommand } from './commands/csp.js';
import { deltasCommand } from './commands/deltas.js';
import { demoCommand } from './commands/demo.js';
import { emulatorCommand } from './commands/emulator.js';
import { integratorCommand } from './commands/integrator.js';
import { migrateCommand } from './commands/migrate.js';
import { notificationsCommand } from './commands/notifications.js';
import { serveCommand } from './commands/serve.js';
import { syncCommand } from './commands/sync.js';
import { workerCommand } from './commands/worker.js';

const program = new Command()
  .name('rollcall')
  .description(
    "Keeps a service desk's records of Microsoft 365 estates true (Entra ID, Partner Center) and\n" +
      'turns approved requests into changes in Entra ID.',
  )
  .version('0.1.0')
  .showHelpAfterError()
  .addCommand(adminCommand())
  .addCommand(cspCommand())
  .addCommand(deltasCommand())
  .addCommand(demoCommand())
  .addCommand(emulatorCommand())
  .addCommand(integratorCommand())
  .addCommand(migrateCommand())
  .addCommand(notificationsCommand())
  .addCommand(serveCommand())
  .addCommand(syncCommand())
  .addCommand(workerCommand());

await program.parseAsync(process.argv);

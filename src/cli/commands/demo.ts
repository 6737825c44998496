import { Command, Option } from 'commander';
import { runEmulator } from './emulator.js';

/**
 * `rollcall demo`: Rollcall with no Microsoft account. Today it runs the Microsoft emulator with the
 * demo MSP estate; the console and embedded database join it with the platform issue.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Run the demo without a Microsoft account: the Microsoft emulator with a seeded MSP estate ' +
        '(a partner and five customer tenants)',
    )
    .addOption(new Option('--port <port>', 'HTTPS port of the emulator').argParser(Number).default(8443))
    .addOption(new Option('--data-dir <dir>', 'where the demo keeps its files').default('./.rollcall/demo'))
    .option('--json', 'print one JSON line (URLs, CA path, app credentials) first on stdout')
    .action(async (flags: { port: number; dataDir: string; json?: boolean }) => {
      await runEmulator({
        port: flags.port,
        host: '127.0.0.1',
        preset: 'demo',
        seed: 1,
        dataDir: `${flags.dataDir}/emulator`,
        json: flags.json,
      });
    });
}

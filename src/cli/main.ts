/**
 * The command line: `banmian COMMAND [ARGS]`. Each command lives in its own module and is listed
 * in COMMANDS. User mistakes are diagnostics; anything else is reported as an internal error
 * without a stack trace (set BANMIAN_DEBUG=1 to see it). Exit codes (EXIT_CODES) follow the BSD
 * sysexits convention for usage (2, as shells and getopt tools do) and internal errors (70).
 */
import { parseArgs } from 'node:util';
import { VERSION } from '../packageRoot.ts';
import { build } from './build.ts';
import { check } from './check.ts';
import { EXIT_CODES, type Command } from './command.ts';
import { grid } from './grid.ts';
import { importCommand } from './import.ts';
import { lint } from './lint.ts';
import { makeupCommand } from './makeup.ts';
import { preflight } from './preflight.ts';
import { server } from './server.ts';
import { snapshot } from './snapshot.ts';
import { watch } from './watch.ts';

const COMMANDS: Command[] = [build, check, grid, importCommand, lint, makeupCommand, snapshot, watch, preflight, server];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `usage: banmian COMMAND [ARGS]\n\ncommands:\n${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}\n\n` +
    `banmian COMMAND --help shows a command's options and examples; banmian --version (-V) its release.\n\n` +
    `Diagnostics are coloured on a terminal; NO_COLOR=1 turns colour off, FORCE_COLOR=1 on.\n\n${EXIT_CODES}`;
}

const commandHelp = (c: Command) => `usage: banmian ${c.usage}\n\n${c.summary}.\n${c.help}\n\nexamples:\n${c.examples.map((e) => `  ${e}`).join('\n')}\n`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`banmian ${VERSION}\n`);
    return 0;
  }
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    const c = COMMANDS.find((x) => x.name === rest[0]);
    process.stdout.write((c ? commandHelp(c) : usage()) + '\n');
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`banmian: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    process.stderr.write(`banmian ${name}: ${(e as Error).message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(commandHelp(cmd));
    return 0;
  }
  return cmd.run(parsed, { run: runCli });
}

/** A command line run to its exit code; a bug is reported, not thrown. */
function runCli(argv: string[]): Promise<number> {
  return main(argv).catch((e: unknown) => {
    process.stderr.write(`banmian: internal error: ${(e as Error)?.message ?? String(e)}\n  please report this with the command you ran${process.env.BANMIAN_DEBUG ? `\n${(e as Error)?.stack}` : ' (set BANMIAN_DEBUG=1 for details)'}\n`);
    return 70;
  });
}

void runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });

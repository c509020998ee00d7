/** The shape of a subcommand: its options (node:util parseArgs) and what it runs. */
import type { ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string; // one line for the command list
  usage: string; // `name [ARGS] [--options]`
  help: string; // details shown by `banmian help NAME` / `banmian NAME --help`
  examples: string[]; // command lines shown under the help, each with a comment saying what it does
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { positionals: string[]; values: Record<string, string | boolean | (string | boolean)[] | undefined> }, cli: Cli): Promise<number>;
}

/** The command line as main.ts runs it, for a command that runs others (a build server). */
export interface Cli { run(argv: string[]): Promise<number> }

/** What each exit status means, for `banmian --help`; README ("Using it") says the same. */
export const EXIT_CODES = `exit status:
  0   done, no errors (warnings may have been printed)
  1   errors in the input: a manifest, an article, a font, a PDF that fails preflight
  2   usage: an unknown command or option, a bad option value
  70  internal error: a bug in banmian (BANMIAN_DEBUG=1 shows the stack trace); please report it
  (banmian watch ends by the signal that stops it: 130 for Ctrl-C, 143 for SIGTERM)`;

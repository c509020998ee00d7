/** The shape of a subcommand: its options (node:util parseArgs) and what it runs. */
import type { ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  summary: string; // one line for the command list
  usage: string; // `name [ARGS] [--options]`
  help: string; // details shown by `banmian help NAME` / `banmian NAME --help`
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { positionals: string[]; values: Record<string, string | boolean | (string | boolean)[] | undefined> }): Promise<number>;
}

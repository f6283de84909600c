import type { Db } from '../db/client';
import type { CommandSpec, ParsedArgs } from './args';

/** Where a command runs: its database, its output, the files named on its command line. */
export interface CliIo {
  db: Db;
  out(line: string): void;
  err(line: string): void;
  /** Files named on the command line (import's <file>): local disk, or sent with the request. */
  readFile(path: string): Uint8Array;
}

/** Exit codes: 0 done, 1 refused or failed (domain error, unexpected), 2 bad arguments. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliCommand {
  spec: CommandSpec;
  /** Paths of local files the command reads, so a remote run can send them along. */
  files?(args: ParsedArgs): string[];
  /** Checks between flags (a problem, or null), made before anything runs. */
  validate?(args: ParsedArgs): string | null;
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}

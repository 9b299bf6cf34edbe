import type { OptionTable, Parsed } from '../args.ts';
import type { Io } from '../io.ts';

/**
 * One subcommand. The module holding it must stay light (help is printed from
 * it): heavy work is loaded with a dynamic import inside `run`.
 */
export interface Command {
  name: string;
  /** `visitnotes lint [options] [paths or globs...]` */
  usage: string;
  /** Paragraphs printed under the usage line. */
  description: string;
  options: OptionTable;
  /** Returns the exit code; never calls process.exit. */
  run(args: Parsed, io: Io): Promise<number>;
}

/** dist/cli.js: the `visitnotes` command (bin/visitnotes.js loads it). */
import { runCli } from './core.ts';

await runCli();

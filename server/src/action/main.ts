/**
 * The Action's entry (dist-action/index.js; action.yml runs it with GitHub's
 * Node 20). It never calls process.exit, so the log is flushed; an unexpected
 * failure is one error annotation (the stack only with ACTIONS_STEP_DEBUG or
 * VISITNOTES_DEBUG) and exit code 2.
 */
import { runAction } from './run.ts';
import { errorCommand } from './workflow.ts';

runAction(process.env, { stdout: (text) => void process.stdout.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const debug = process.env.ACTIONS_STEP_DEBUG === 'true' || process.env.VISITNOTES_DEBUG === '1';
    process.stdout.write(errorCommand(`visitnotes: internal error: ${debug ? (e.stack ?? e.message) : e.message.split('\n')[0]}`));
    process.exitCode = 2;
  },
);

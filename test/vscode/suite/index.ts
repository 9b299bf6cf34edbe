/** The main in-host suite: the extension loaded from the working tree, workspace test/vscode/workspace. */
import { runMocha } from './mocha-runner.ts';

export function run(): Promise<void> {
  return runMocha(__dirname, ['features.test.cjs', 'commands.test.cjs', 'timeline.test.cjs']);
}

/** The packaged-extension suite: Visit Notes installed from its .vsix, workspace test/vscode/workspace-cold. */
import { runMocha } from './mocha-runner.ts';

export function run(): Promise<void> {
  return runMocha(__dirname, ['cold-start.test.cjs'], 60000);
}

/// <reference types="mocha" />
/**
 * The in-browser suite's entry (extensionTestsPath of the `web` phase). VS Code
 * runs it in the extension host that runs the extension whose folder holds it:
 * here the web worker extension host, where the harness loads Visit Notes as a
 * web extension. So: mocha's browser build, with a reporter of our own that
 * prints to the worker's console (which the harness reads): mocha's own
 * browser reporter draws into a `document`, and a worker has none.
 */
import 'mocha/mocha.js';

interface Runnable {
  title: string;
  fullTitle(): string;
  duration?: number;
}
interface Runner {
  on(event: 'pass', fn: (test: Runnable) => void): void;
  on(event: 'fail', fn: (test: Runnable, err: Error) => void): void;
  on(event: 'end', fn: () => void): void;
}

/** What mocha's browser build puts on the global scope (see compile.mjs for how it is bundled). */
const mocha = (globalThis as unknown as { mocha: unknown }).mocha as {
  setup(options: { ui: 'tdd'; reporter: new (runner: Runner) => unknown; timeout: number; color: boolean }): void;
  run(done: (failures: number) => void): void;
};

/** One line per test, then a summary: the harness forwards the worker's console. */
class ConsoleReporter {
  constructor(runner: Runner) {
    let passed = 0;
    let failed = 0;
    runner.on('pass', (t) => {
      passed++;
      console.log(`  ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err) => {
      failed++;
      console.log(`  ✘ ${t.fullTitle()}\n    ${err?.stack ?? err}`);
    });
    runner.on('end', () => console.log(`  ${passed} passing, ${failed} failing`));
  }
}

export async function run(): Promise<void> {
  mocha.setup({ ui: 'tdd', reporter: ConsoleReporter, timeout: 30000, color: false });
  // Loaded after setup, which defines suite() and test().
  await import('./features.test.ts');
  await import('./panels.test.ts');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

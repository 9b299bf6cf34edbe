/**
 * The unit and integration suites (everything under test/ except test/vscode/,
 * which runs on mocha inside a real VS Code). A test file's folder decides its
 * project; see CONTRIBUTING.md ("Writing a test").
 *
 *   npx vitest run                      # all projects
 *   npx vitest run --project engine     # one project
 *   npx vitest run preview grammar      # files whose path contains a filter
 *   npm run test:watch                  # watch mode
 */
import os from 'node:os';
import { defineConfig } from 'vitest/config';

/** One project per folder of test/; `extends: true` keeps the shared options below. */
const project = (name: string, include: string[], options: { execArgv?: string[] } = {}) => ({
  extends: true as const,
  test: { name, include, ...options },
});

/** Every test file outside test/vscode/ belongs to exactly one (test/test-projects.test.ts). */
export const PROJECTS = [
  project('engine', ['test/engine/**/*.test.ts', 'test/rules/**/*.test.ts']),
  project('visits', ['test/visits/**/*.test.ts', 'test/report/**/*.test.ts']),
  // Some CLI suites run the lint pipeline in-process with --threads: its worker
  // threads load server/src/cli/lint/worker.ts, which plain Node cannot
  // import, so the test processes preload tsx (workers inherit execArgv).
  project('cli', ['test/cli/**/*.test.ts'], { execArgv: ['--import', 'tsx'] }),
  project('lsp', ['test/lsp/**/*.test.ts']),
  project('extension-unit', ['test/*.test.ts']),
  project('bench', ['test/bench/**/*.test.ts']),
  // The artifacts as users get them: the packed tarball installed offline, the
  // Action's committed bundle run with GitHub's environment.
  project('package', ['test/package/**/*.test.ts', 'test/action/**/*.test.ts']),
];

/**
 * client/src modules that import `vscode` (or only run from one that does): they
 * exist only inside VS Code's extension host, where test/vscode/ exercises them
 * and Node's in-process coverage cannot see them. Listed, with why, in
 * CONTRIBUTING.md ("Coverage").
 */
export const VSCODE_HOST_ONLY = [
  'client/src/client-source.ts',
  'client/src/extension.ts',
  'client/src/load-start.ts',
  'client/src/language-client.ts',
  'client/src/server-handle.ts',
  'client/src/early-diagnostics.ts',
  'client/src/note-engine.ts',
  'client/src/notes.ts',
  'client/src/status-bar.ts',
  'client/src/server-events.ts',
  'client/src/timing.ts',
  'client/src/commands/**',
  'client/src/preview/**',
  'client/src/rule-id.ts',
  'client/src/timeline/timeline-manager.ts',
  'client/src/timeline/timeline-panel.ts',
  'client/src/web/extension.ts',
  'client/src/web/language-client.ts',
  'client/src/web/load-start.ts',
  'client/src/web/file-access.ts',
  'client/src/web/server-handle.ts',
];

export default defineConfig({
  test: {
    projects: PROJECTS,
    // Test files run in forked processes, each file in a fresh one (isolation, as
    // under node:test). Many suites mostly wait on the CLI or server they spawn,
    // so use every core rather than vitest's default of cores − 1 (one worker on
    // a 2-core machine); see CONTRIBUTING.md for the measured times.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Import CommonJS as Node does (default = module.exports): the generated
    // config validator reads `.default` off ajv's CJS runtime helper.
    deps: { interopDefault: false },
    // Node's runner had no default timeout; many suites spawn the built CLI or
    // server, which is slow on a loaded 2-core machine. Tests that need longer
    // say so themselves.
    testTimeout: 60_000,
    // The rule host throws when a rule breaks its contract (a fix from a rule
    // declared not fixable, an edit out of range, overlapping edits): a bad rule
    // fails its tests here, while users only ever see one finding
    // (server/src/engine/rule-contract.ts). Spawned CLIs and servers inherit it.
    env: { VISITNOTES_RULE_CONTRACT: 'strict' },
    // beforeAll may (re)build dist/ when it is older than the sources.
    hookTimeout: 180_000,
    coverage: {
      provider: 'v8',
      include: ['server/src/**/*.ts', 'client/src/**/*.ts'],
      exclude: [...VSCODE_HOST_ONLY, '**/*.d.ts'],
      reporter: ['text-summary', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      // Measured in-process only: what spawned dist/cli.js and dist/server.js
      // run is not counted (CONTRIBUTING.md, "Coverage"). A little under what was
      // measured when set; raise them as coverage rises. The engine has its own,
      // so a drop there is not hidden by the rest of the code.
      thresholds: {
        statements: 70, // measured 71.5 %
        branches: 62, // measured 63.6 %
        'server/src/engine/**': {
          statements: 95, // measured 96.4 %
          branches: 86, // measured 88.1 %
        },
      },
    },
  },
});

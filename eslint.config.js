// ESLint for the project's own code: `npm run lint:code`, run by `npm test` and
// `npm run test:unit`. Syntax-level rules only (no type-aware linting): `tsc -p .`
// already type-checks everything, and typescript-eslint's type-aware presets would
// build a second TypeScript program. No formatting rules: layout is not reformatted.
// An exception goes beside the code it excuses (`eslint-disable-next-line rule --
// why`), or below with its reason when it covers a whole folder.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-action/**',
      'coverage/**',
      'test-artifacts/**',
      '.vscode-test/**',
      'bench/corpus*/**',
      'bench/results/**',
      'release/**',
      '**/*.generated.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { path: _path, ...rest } = summary` drops a property on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // A `let` that a closure reads before its single assignment must stay `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Webview scripts (the preview and the timeline run them in the page).
    files: ['media/**/*.js'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    // The real-VS-Code and web phases pass functions to Playwright's page.evaluate.
    files: ['test/vscode/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
  {
    // Tests read formatter output (JSON, SARIF) whose shape they are checking.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The suite runner loads mocha from node_modules at run time (see its comment).
    files: ['test/vscode/suite/mocha-runner.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // `analysis.note;` forces the parse before yielding to the event loop, so that a
    // newer keystroke can cancel before linting. Issue 13 makes it an explicit step;
    // until then these two statements are the only unused expressions allowed.
    files: ['server/src/lsp/diagnostics.ts', 'server/src/lsp/web-server.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);

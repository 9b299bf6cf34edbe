/**
 * One engine, three faces: the import boundaries the architecture promises
 * (docs/architecture.md, CONTRIBUTING.md "Import boundaries"), checked on the
 * real import graph of server/src and client/src.
 *
 * - The engine (server/src/engine/) imports no editor, protocol, terminal or
 *   worker code, nothing from outside its folder, and Node built-ins only where
 *   NODE_BUILTINS_ALLOWED says why.
 * - Everything else imports the engine only through PUBLIC_ENTRIES.
 * - No import cycles among engine modules (type-only imports count), except the
 *   KNOWN_CYCLES listed with their owner.
 */
import { builtinModules } from 'node:module';
import { describe, expect, test } from 'vitest';
import { importCycles, importsOf, sourceFiles } from '../helpers/source-imports.ts';

const ENGINE = 'server/src/engine/';
const all = sourceFiles();
const engine = all.filter((f) => f.startsWith(ENGINE));
const outside = all.filter((f) => !f.startsWith(ENGINE));

/**
 * The engine's public entries. The faces (cli/, lsp/, node/, preview/, timeline/,
 * report/, api/, bundle/, action/ and client/) import the engine from here only.
 */
const PUBLIC_ENTRIES: Record<string, string> = {
  'server/src/engine/index.ts': 'the engine API',
  'server/src/engine/workspace/index.ts': 'the workspace layer: the NoteFileSystem a face implements (server/src/node/file-system.ts), note discovery',
  // The extension bundles these two by themselves (dependency-free leaves, asserted
  // below) rather than the whole engine, which it loads from dist/visitnotes.js.
  'server/src/engine/workspace/note-files.ts': 'note file names (client: Explorer, New Note, timeline)',
  'server/src/engine/text-diff.ts': 'minimalEdit (client: renaming a note in place)',
};
const LEAF_ENTRIES = ['server/src/engine/workspace/note-files.ts', 'server/src/engine/text-diff.ts'];

/**
 * Node built-ins the engine still imports, per file, and why. The web build
 * substitutes `path` (path-browserify) and `crypto` (server/src/bundle/web-crypto.ts)
 * and stubs the rest (scripts/bundle-options.mjs), so these are only ever called
 * in Node. Issue 13 moves the file access out (server/src/node/); shrink this list,
 * never grow it: new engine code takes what it needs injected (see engine/workspace/).
 */
const NODE_BUILTINS_ALLOWED: Record<string, Record<string, string>> = {
  'server/src/engine/config/files.ts': {
    'node:fs': 'the default ConfigFileAccess (nodeConfigFileAccess, readRegularFile) for Node callers',
    'node:path': 'config paths are OS paths',
  },
  'server/src/engine/config/load.ts': { 'node:path': 'resolves `extends` paths against the config file' },
  'server/src/engine/config/find.ts': { 'node:path': 'finds the nearest config file up the folders' },
  'server/src/engine/config/match.ts': { 'node:path': 'include/ignore globs relative to the config folder' },
  'server/src/engine/visits/summary.ts': { 'node:path': 'folder grouping (`groupBy: folder`)' },
  'server/src/engine/config/schema-gen.ts': { 'node:module': 'loads ajv to generate the validator: build time only (scripts/gen-schema.mjs), in no bundle' },
  'server/src/engine/visits/text-hash.ts': {
    'node:crypto': "content hash of a note's text, taken on first use (elsewhere: @noble/hashes)",
  },
};

/**
 * Third-party packages the engine may import: the Markdown reference model and the few
 * libraries it is built on. @noble/hashes: the visit index's SHA-1 where there is no Node
 * (it was already in the browser bundles as their `node:crypto`, server/src/bundle/web-crypto.ts).
 */
const ENGINE_PACKAGES = [
  /^(unified|remark-[a-z-]+|micromark(-[a-z-]+)?|mdast(-[a-z-]+)?|unist(-[a-z-]+)?)(\/|$)/,
  /^(yaml|picomatch|ignore|fastest-levenshtein)$/,
  /^ajv(\/|$)/,
  /^@noble\/hashes\/(legacy|utils)\.js$/,
];

/** Never in the engine, whatever the list above says: editor, protocol, terminal and worker code. */
const NEVER_IN_ENGINE = /^(vscode|vscode-.*|piscina|picocolors|chalk|kleur|colorette|ansi-.*|supports-color|yoctocolors|tinyglobby|@vscode\/.*)(\/|$)/;

/**
 * Import cycles among engine modules that remain, each with its owner. Shrink
 * this list, never grow it: a new cycle fails the test below.
 */
const KNOWN_CYCLES: { files: string[]; owner: string }[] = [
  {
    files: ['server/src/engine/fast/inline-jobs.ts', 'server/src/engine/fast/parse.ts', 'server/src/engine/fast/regions.ts', 'server/src/engine/markdown.ts'],
    owner: 'the fast parser (issue 12, speed work): markdown.ts chooses it, and fast/ calls back into markdown.ts for remark on regions',
  },
];

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

test('the import reader sees the graph (a guard against a test that checks nothing)', () => {
  expect(engine.length).toBeGreaterThan(50);
  expect(importsOf('server/src/engine/index.ts').map((i) => i.target)).toContain('server/src/engine/parse.ts');
  expect(importsOf('server/src/lsp/server.ts').map((i) => i.specifier)).toContain('vscode-languageserver/node.js');
});

describe('the engine imports no face', () => {
  test.each(engine)('%s', (file) => {
    const problems: string[] = [];
    for (const { specifier, target } of importsOf(file)) {
      if (target) {
        if (!target.startsWith(ENGINE)) problems.push(`${specifier}: outside the engine (the engine knows nothing of its faces)`);
      } else if (isBuiltin(specifier)) {
        if (!NODE_BUILTINS_ALLOWED[file]?.[specifier]) problems.push(`${specifier}: a Node built-in (inject what the engine needs; see engine/workspace/)`);
      } else if (NEVER_IN_ENGINE.test(specifier)) {
        problems.push(`${specifier}: editor, protocol, terminal or worker code belongs to a face`);
      } else if (!ENGINE_PACKAGES.some((re) => re.test(specifier))) {
        problems.push(`${specifier}: not among the engine's packages (ENGINE_PACKAGES in this test; keep the runtime dependency tree small)`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every allowed Node built-in is still imported (the list only shrinks)', () => {
    const stale = Object.entries(NODE_BUILTINS_ALLOWED).flatMap(([file, specs]) =>
      Object.keys(specs)
        .filter((spec) => !importsOf(file).some((i) => i.specifier === spec))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(stale).toEqual([]);
  });
});

describe('the faces import the engine through its public entries', () => {
  test.each(outside)('%s', (file) => {
    const deep = importsOf(file).flatMap(({ specifier, target }) => (target?.startsWith(ENGINE) && !(target in PUBLIC_ENTRIES) ? [specifier] : []));
    expect(deep).toEqual([]);
  });

  test.each(LEAF_ENTRIES)('%s imports no other module', (file) => {
    expect(importsOf(file).filter((i) => i.target)).toEqual([]);
  });
});

describe('no import cycles among engine modules', () => {
  const cycles = importCycles(engine);

  test('only the known ones', () => {
    const known = new Set(KNOWN_CYCLES.map((c) => c.files.join(' ')));
    expect(cycles.map((c) => c.join(' ')).filter((c) => !known.has(c))).toEqual([]);
  });

  test('every known cycle is still one (the list only shrinks)', () => {
    const found = new Set(cycles.map((c) => c.join(' ')));
    expect(KNOWN_CYCLES.map((c) => c.files.join(' ')).filter((c) => !found.has(c))).toEqual([]);
  });

  test('the rule contract types import no implementation: config/types, rules/types, visits/types, vocabulary/terms', () => {
    // config ↔ rules ↔ visits ↔ vocabulary once formed one type cycle; these stay leaves of the graph.
    // vocabulary/terms reads words with vocabulary/words, which reads characters with char-code
    // and letters: leaves too, importing nothing else.
    const leaves: Record<string, string[]> = {
      'config/types.ts': [],
      'visits/types.ts': [],
      'vocabulary/terms.ts': ['vocabulary/words.ts'],
      'vocabulary/words.ts': ['char-code.ts', 'letters.ts'],
      'letters.ts': ['char-code.ts'],
      'char-code.ts': [],
    };
    for (const [file, allowed] of Object.entries(leaves)) {
      const targets = importsOf(ENGINE + file)
        .map((i) => i.target)
        .filter((t): t is string => !!t && !t.endsWith('/goals.ts'));
      expect(targets.filter((t) => !allowed.some((a) => t.endsWith('/engine/' + a)))).toEqual([]);
    }
    expect(cycles.flat().filter((f) => /\/(config|rules|visits|vocabulary)\//.test(f))).toEqual([]);
  });
});

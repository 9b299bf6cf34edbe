/**
 * The config cache the CLI and the language server use: each config file is
 * read, parsed, validated and resolved once per run, and `invalidate` forgets
 * exactly what a change can affect.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { ConfigError, createConfigLoader, type ReadFile } from '../../server/src/engine/index.ts';

/** An in-memory file system that counts reads per path. */
function memoryFs(initial: Record<string, string>) {
  const files = new Map(Object.entries(initial));
  const reads = new Map<string, number>();
  const readFile: ReadFile = async (f) => {
    reads.set(f, (reads.get(f) ?? 0) + 1);
    await new Promise((r) => setImmediate(r)); // really asynchronous, as fs is
    return files.get(f);
  };
  return {
    files,
    readFile,
    reads: (f: string) => reads.get(f) ?? 0,
    totalReads: () => [...reads.values()].reduce((a, b) => a + b, 0),
  };
}

test('2,000 notes in one folder: the config is read and resolved once', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'extends: ./base.yaml\nrules:\n  phi: error\n', '/p/base.yaml': 'ignore: [drafts]\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  const notes = Array.from({ length: 2000 }, (_, i) => `/p/notes/n${i}.visit.md`);
  const first = await loader.loadFor(notes[0]!);
  const all = await Promise.all(notes.map((n) => loader.loadFor(n)));
  assert.ok(all.every((l) => l === first), 'every note gets the same LoadedConfig object');
  assert.equal(fs.reads('/p/.visitnotes.yaml'), 1);
  assert.equal(fs.reads('/p/base.yaml'), 1);
  // /p/notes: three candidate names looked up once; /p: found at the first name.
  assert.equal(fs.reads('/p/notes/.visitnotes.yaml'), 1);
  assert.equal(fs.totalReads(), 3 + 1 + 2 + 1); // /p/notes ×3, /p/.visitnotes.yaml, the two shadow checks, base.yaml
});

test('concurrent first loads share one read', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules: { phi: off }\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => loader.loadFor(`/p/a/b/n${i}.visit.md`)));
  assert.equal(new Set(results).size, 1);
  assert.equal(fs.reads('/p/.visitnotes.yaml'), 1);
});

test('a broken config is parsed once and every note gets the same ConfigError', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules:\n  phi: warn\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  const errors: unknown[] = [];
  for (let i = 0; i < 20; i++) await loader.loadFor(`/p/n${i}.visit.md`).catch((e: unknown) => errors.push(e));
  assert.equal(errors.length, 20);
  assert.ok(errors.every((e) => e instanceof ConfigError && e === errors[0]));
  assert.equal(fs.reads('/p/.visitnotes.yaml'), 1);
});

test('invalidate(file): the changed config is re-read; others stay cached', async () => {
  const fs = memoryFs({
    '/p/.visitnotes.yaml': 'rules: { phi: error }\n',
    '/q/.visitnotes.yaml': 'rules: { phi: info }\n',
  });
  const loader = createConfigLoader({ readFile: fs.readFile });
  const p1 = await loader.loadFor('/p/n.visit.md');
  const q1 = await loader.loadFor('/q/n.visit.md');
  fs.files.set('/p/.visitnotes.yaml', 'rules: { phi: warning }\n');
  assert.equal((await loader.loadFor('/p/n.visit.md')).config.rules.phi?.severity, 'error', 'cached until invalidated');
  loader.invalidate('/p/.visitnotes.yaml');
  const p2 = await loader.loadFor('/p/n.visit.md');
  assert.notEqual(p2, p1);
  assert.equal(p2.config.rules.phi?.severity, 'warning');
  assert.equal(fs.reads('/p/.visitnotes.yaml'), 2);
  assert.equal(await loader.loadFor('/q/n.visit.md'), q1);
  assert.equal(fs.reads('/q/.visitnotes.yaml'), 1);
});

test('invalidate(an extended file): every config built on it is re-resolved', async () => {
  const fs = memoryFs({
    '/p/shared.yaml': 'rules: { phi: error }\n',
    '/p/a/.visitnotes.yaml': 'extends: ../shared.yaml\n',
    '/p/b/.visitnotes.yaml': 'extends: ../shared.yaml\nrules: { goal-id: info }\n',
    '/q/.visitnotes.yaml': 'rules: { phi: off }\n',
  });
  const loader = createConfigLoader({ readFile: fs.readFile, roots: ['/p', '/q'] });
  await loader.loadFor('/p/a/n.visit.md');
  await loader.loadFor('/p/b/n.visit.md');
  const q = await loader.loadFor('/q/n.visit.md');
  fs.files.set('/p/shared.yaml', 'rules: { phi: info }\n');
  loader.invalidate('/p/shared.yaml');
  assert.equal((await loader.loadFor('/p/a/n.visit.md')).config.rules.phi?.severity, 'info');
  assert.equal((await loader.loadFor('/p/b/n.visit.md')).config.rules.phi?.severity, 'info');
  assert.equal(await loader.loadFor('/q/n.visit.md'), q);
  // The extending files themselves were not re-read (only re-resolved).
  assert.equal(fs.reads('/p/a/.visitnotes.yaml'), 1);
  assert.equal(fs.reads('/p/shared.yaml'), 2);
});

test('a missing extended file that appears: invalidating it fixes the error', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'extends: ./base.yaml\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  await assert.rejects(loader.loadFor('/p/n.visit.md'), /cannot find the file to extend/);
  fs.files.set('/p/base.yaml', 'rules: { phi: off }\n');
  loader.invalidate('/p/base.yaml');
  assert.equal((await loader.loadFor('/p/n.visit.md')).config.rules.phi?.severity, 'off');
});

test('a config file created nearer to the note: discovered after invalidate', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules: { phi: error }\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  assert.equal((await loader.loadFor('/p/team/n.visit.md')).file, '/p/.visitnotes.yaml');
  fs.files.set('/p/team/.visitnotes.json', '{ "rules": { "phi": "off" } }');
  loader.invalidate('/p/team/.visitnotes.json');
  const l = await loader.loadFor('/p/team/n.visit.md');
  assert.equal(l.file, '/p/team/.visitnotes.json');
  assert.equal(l.config.rules.phi?.severity, 'off');
  // And deleted again.
  fs.files.delete('/p/team/.visitnotes.json');
  loader.invalidate('/p/team/.visitnotes.json');
  assert.equal((await loader.loadFor('/p/team/n.visit.md')).file, '/p/.visitnotes.yaml');
});

test('invalidate(): forget everything', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules: { phi: error }\n' });
  const loader = createConfigLoader({ readFile: fs.readFile });
  const a = await loader.loadFor('/p/n.visit.md');
  loader.invalidate();
  const b = await loader.loadFor('/p/n.visit.md');
  assert.notEqual(a, b);
  assert.deepEqual(a.config, b.config);
  assert.equal(fs.reads('/p/.visitnotes.yaml'), 2);
});

test('loader: stopAt bounds discovery; findConfigFile and loadFile are cached too', async () => {
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules: { phi: error }\n' });
  const bounded = createConfigLoader({ readFile: fs.readFile, stopAt: '/p/ws' });
  assert.equal((await bounded.loadFor('/p/ws/n.visit.md')).file, undefined);
  const loader = createConfigLoader({ readFile: fs.readFile });
  assert.equal(await loader.findConfigFile('/p/x/y'), '/p/.visitnotes.yaml');
  const before = fs.totalReads();
  assert.equal(await loader.findConfigFile('/p/x/y'), '/p/.visitnotes.yaml');
  assert.equal(await loader.findConfigFile('/p/x'), '/p/.visitnotes.yaml');
  assert.equal(fs.totalReads(), before);
  const f1 = await loader.loadFile('/p/.visitnotes.yaml');
  assert.equal(await loader.loadFor('/p/x/y/n.visit.md'), f1);
  // An explicit configFile goes through the same cache.
  assert.equal(await loader.loadFor('/elsewhere/n.visit.md', { configFile: '/p/.visitnotes.yaml' }), f1);
});

test('cold start: with a current precompiled validator, ajv itself is never loaded', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const fs = memoryFs({ '/p/.visitnotes.yaml': 'rules: { phi: warn }\n' });
  await assert.rejects(createConfigLoader({ readFile: fs.readFile }).loadFor('/p/n.visit.md'), ConfigError);
  const ajvMain = require.resolve('ajv');
  assert.ok(
    !Object.keys(require.cache).includes(ajvMain),
    'ajv was loaded: the precompiled validator is stale (run node scripts/gen-schema.mjs)',
  );
});

/**
 * The bundles take remark, yaml, picomatch and ignore on first use (scripts/bundle-options.mjs,
 * `lazyProviders`; server/src/engine/*-provider-lazy.ts): the engine is bundled here as the
 * CLI's bundle is, each package marked when its module is evaluated, and a typical note
 * linted without a config file evaluates none of them. Loading is observed, never timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { lazyProviders } from '../../scripts/bundle-options.mjs';
import type * as Engine from '../../server/src/engine/index.ts';
import { ROOT } from './helpers.ts';

const MARKED = {
  remark: /[\\/]server[\\/]src[\\/]engine[\\/]remark\.ts$/,
  yaml: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]index\.js$/,
  picomatch: /[\\/]node_modules[\\/]picomatch[\\/]index\.js$/,
  ignore: /[\\/]node_modules[\\/]ignore[\\/]index\.js$/,
};
type Package = keyof typeof MARKED;
const evaluated = new Set<Package>();
(globalThis as { __vnEvaluated?: Set<Package> }).__vnEvaluated = evaluated;

/** Prepends `globalThis.__vnEvaluated.add(name)` to each marked module. */
const marker: Plugin = {
  name: 'mark-evaluated',
  setup(b) {
    for (const [name, filter] of Object.entries(MARKED)) {
      b.onLoad({ filter }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        return { contents: `globalThis.__vnEvaluated.add(${JSON.stringify(name)});\n${source}`, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
      });
    }
  },
};

const TYPICAL = `---
patient: P-104
date: 2026-03-02
visit: follow-up
---

## Story

She says the mornings are easier; “I got to work on time all week.”

## Relationships

Her sister visits on Sundays; they argue less.

## Goals

- G1: sleep through the night

## Medication meaning

Sertraline: she calls it “my floor”, not a cure.

## Countertransference

I noticed a wish to reassure her quickly and held it.
`;

let dir: string;
let engine: typeof Engine;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'visitnotes-lazy-'));
  const outfile = path.join(dir, 'engine.cjs');
  await build({
    stdin: { contents: "export * from './server/src/engine/index.ts';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [marker, lazyProviders as Plugin],
  });
  engine = createRequire(import.meta.url)(outfile) as typeof Engine;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('packages the bundles load on first use', () => {
  it('are not evaluated by the lint of a typical note without a config, and each is when needed', async () => {
    const first = engine.lintText(TYPICAL);
    expect(first.findings.length).toBeGreaterThanOrEqual(0);
    expect([...evaluated]).toEqual([]);

    // Front matter beyond the simple reader (a flow sequence) goes to the yaml package.
    const flow = engine.lintText(TYPICAL.replace('visit: follow-up', 'visit: follow-up\ntags: [sleep, work]'));
    expect(flow.note.frontMatter?.data).toMatchObject({ tags: ['sleep', 'work'] });
    expect(evaluated.has('yaml')).toBe(true);
    expect(evaluated.has('picomatch')).toBe(false);

    const loaded = { config: { ...engine.RECOMMENDED, include: ['notes/**/*.md'] }, file: path.join(dir, '.visitnotes.yml') } as unknown as Engine.LoadedConfig;
    expect(engine.noteMatcherFor(loaded).isNote(path.join(dir, 'notes/a.md'))).toBe(true);
    expect(evaluated.has('picomatch')).toBe(true);

    expect(evaluated.has('ignore')).toBe(false);
    const fs: Engine.NoteFileSystem = {
      readFile: async (file) => (file === path.join(dir, '.gitignore') ? 'drafts/\n' : undefined),
      readDirectory: async () => [],
      stat: async () => undefined,
    };
    expect(await new engine.GitIgnore(fs, dir).ignored(path.join(dir, 'drafts/a.visit.md'), false)).toBe(true);
    expect(evaluated.has('ignore')).toBe(true);
  });
});

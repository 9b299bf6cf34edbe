// Builds the VS Code extension package (.vsix) with @vscode/vsce, offline.
//
//  1. `node scripts/build.mjs` (esbuild bundles: client → dist/extension.cjs, server → dist/server.js + dist/visitnotes.js;
//     for the browser, dist/web/extension.js with the worker's language server inside)
//  2. stage the files .vscodeignore allows (its `!` lines) into .vscode-test/vsix-stage,
//     minifying the bundles and dropping source maps; the extension's README is client/README.md;
//     package.json loses its npm-only fields (vsce refuses `files` beside .vscodeignore)
//  3. `vsce package --no-dependencies` in the stage (everything is bundled: no node_modules)
//
// usage: node scripts/package.mjs [--out file.vsix] [--no-build]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';
import { assertNoNodeBuiltins, browserBuildOptions } from './bundle-options.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outIndex = args.indexOf('--out');
const out = path.resolve(root, outIndex >= 0 ? args[outIndex + 1] : `${pkg.name}-${pkg.version}.vsix`);
const stage = path.join(root, '.vscode-test', 'vsix-stage');

const run = (cmd, argv, opts = {}) => {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
};

if (!args.includes('--no-build')) run(process.execPath, ['scripts/build.mjs']);

// The allowlist, from .vscodeignore's negated patterns.
const allow = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));

/** Tiny glob for the allowlist: `dir/**`, `dir/*.ext`, or a plain path. */
function expand(pattern) {
  if (pattern.endsWith('/**')) {
    const dir = path.join(root, pattern.slice(0, -3));
    return existsSync(dir) ? walk(dir).map((f) => path.relative(root, f)) : [];
  }
  const star = pattern.lastIndexOf('/*');
  if (star >= 0 && !pattern.slice(star + 2).includes('/')) {
    const dir = path.join(root, pattern.slice(0, star));
    const suffix = pattern.slice(star + 2);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(suffix) && statSync(path.join(dir, f)).isFile())
          .map((f) => path.join(pattern.slice(0, star), f))
      : [];
  }
  return existsSync(path.join(root, pattern)) ? [pattern] : [];
}
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The language server's modules: dist/server.js and what it imports (dist/visitnotes.js).
 * The other entry modules in dist/ (cli.js, api.js, the lint worker) are the npm package's.
 */
function reachable(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const rel = stack.pop();
    if (seen.has(rel)) continue;
    seen.add(rel);
    const code = readFileSync(path.join(root, rel), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+\.js)["']/g)) {
      stack.push(path.join(path.dirname(rel), m[1]));
    }
  }
  return seen;
}
const serverFiles = reachable('dist/server.js');
const isServerModule = (f) => f.startsWith('dist/') && !f.startsWith('dist/web/') && f.endsWith('.js');

/** The manifest VS Code and the marketplaces read: package.json without what only npm uses. */
function vsixManifest(pkg) {
  const { files, exports, types, bin, scripts, devDependencies, dependencies, ...manifest } = pkg;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const files = [...new Set(allow.flatMap(expand))]
  .filter((f) => !isServerModule(f) || serverFiles.has(f))
  .sort();
for (const rel of ['dist/extension.cjs', 'dist/server.js', 'dist/web/extension.js', 'package.json', 'LICENSE']) {
  if (!files.includes(rel)) throw new Error(`${rel} is missing: build first, or check .vscodeignore`);
}
for (const rel of files) {
  const from = path.join(root, rel);
  const to = path.join(stage, rel);
  mkdirSync(path.dirname(to), { recursive: true });
  if (rel === 'package.json') {
    writeFileSync(to, vsixManifest(pkg));
  } else if (rel.startsWith('dist/web/')) {
    // The browser bundles, built again as released (minified whole, which also shortens names across
    // modules; the build fails if a Node built-in reaches them).
    if (!existsSync(to)) {
      for (const options of browserBuildOptions(root, { release: true })) {
        assertNoNodeBuiltins((await build({ ...options, outdir: path.join(stage, 'dist', 'web') })).metafile);
      }
    }
  } else if (rel.startsWith('dist/') && (rel.endsWith('.js') || rel.endsWith('.cjs'))) {
    const code = readFileSync(from, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    const format = rel.endsWith('.cjs') ? 'cjs' : 'esm';
    const min = await transform(code, { minify: true, format, target: 'node20', legalComments: 'none' });
    writeFileSync(to, min.code);
  } else {
    cpSync(from, to);
  }
}
// The Marketplace page describes the extension; the repository README describes the project.
cpSync(path.join(root, 'client', 'README.md'), path.join(stage, 'README.md'));
if (!existsSync(path.join(stage, 'CHANGELOG.md'))) throw new Error('CHANGELOG.md is missing');
writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage });
const size = statSync(out).size;
console.log(`${path.relative(root, out)}: ${(size / 1024).toFixed(0)} KB (${size} bytes), ${files.length + 1} files staged`);

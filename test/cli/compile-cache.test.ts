/**
 * The code cache dist/cli.js runs the CLI bundle with (server/src/bundle/compile-cache.ts):
 * written once, accepted next time, never trusted when rejected or out of the user's
 * hands, and never a failure of the run.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { compileCacheFolder, loadWithCompileCache, setFlagVariant } from '../../server/src/bundle/compile-cache.ts';

let dir: string;
let bundle: string;
let folder: string;

/** A CommonJS module with enough code that V8 has something to cache. */
function writeBundle(extra = ''): void {
  const functions = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  writeFileSync(
    bundle,
    `${functions}\nconst path = require('node:path');\nmodule.exports = { sum: f7(2), dir: path.basename(__dirname), file: path.basename(__filename), self: this === module.exports };${extra}\n`,
  );
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vn-compile-cache-'));
  bundle = path.join(dir, 'bundle.cjs');
  folder = path.join(dir, 'cache', 'compile-cache');
  writeBundle();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadWithCompileCache', () => {
  test('runs the file as require() would, writes the cache once, and the next run takes it', () => {
    const first = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder });
    assert.deepEqual(first.exports, { sum: 21, dir: path.basename(dir), file: 'bundle.cjs', self: true });
    assert.equal(first.outcome, 'missing');
    assert.equal(first.savesCache(), true);
    first.saveCache();
    assert.equal(first.savesCache(), false);
    const [name, ...rest] = readdirSync(folder);
    assert.equal(rest.length, 0);
    assert.match(name!, new RegExp(`^k1-[0-9a-z]+\\.[0-9a-z]+-cli-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`));
    if (process.platform !== 'win32') {
      assert.equal(statSync(folder).mode & 0o777, 0o700);
      assert.equal(statSync(path.join(folder, name!)).mode & 0o777, 0o600);
    }
    const second = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder });
    assert.equal(second.outcome, 'accepted');
    assert.equal(second.savesCache(), false);
    assert.deepEqual(second.exports, first.exports);
  });

  test('a cache V8 rejects (garbage) means a normal compile, then a fresh cache', () => {
    // Named from a twin (same size and time, other source): a compile of `bundle`'s own
    // source in this process would be taken from V8's memory, whatever the cached data.
    const twin = path.join(dir, 'twin.cjs');
    writeFileSync(twin, readFileSync(bundle, 'utf8').replace('sum: f7(2)', 'sum: f8(2)'));
    for (const file of [bundle, twin]) utimesSync(file, 1_700_000_000, 1_700_000_000);
    loadWithCompileCache(twin, { key: 'k1', role: 'cli', folder }).saveCache();
    const [name] = readdirSync(folder);
    writeFileSync(path.join(folder, name!), Buffer.alloc(4096, 7), { mode: 0o600 });
    const garbage = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder });
    assert.equal(garbage.outcome, 'rejected');
    assert.equal(garbage.savesCache(), true);
    assert.deepEqual((garbage.exports as { sum: number }).sum, 21);
    garbage.saveCache();
    assert.equal(loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder }).outcome, 'accepted');
  });

  test('a bundle edited in place to the same length after the build never runs the old cache', () => {
    loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder }).saveCache();
    const source = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, source.replace('sum: f7(2)', 'sum: f9(2)')); // same length, same build key
    const later = new Date(statSync(bundle).mtimeMs + 10_000);
    utimesSync(bundle, later, later);
    const edited = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder });
    assert.equal(edited.outcome, 'missing');
    assert.equal((edited.exports as { sum: number }).sum, 27);
  });

  test("a new build's cache replaces the old build's", () => {
    loadWithCompileCache(bundle, { key: 'old', role: 'cli', folder }).saveCache();
    loadWithCompileCache(bundle, { key: 'new', role: 'cli', folder }).saveCache();
    assert.deepEqual(readdirSync(folder).map((f) => f.replace(/-[0-9a-z]+\.[0-9a-z]+-/, '-')), [`new-cli-${process.version}-${process.arch}.v8cache`]);
  });

  test("each role keeps its own cache: a new build replaces only that role's, and names from before roles go", () => {
    const suffix = `-${process.version}-${process.arch}.v8cache`;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(folder, `0123abcd${suffix}`), 'a cache named before roles', { mode: 0o600 });
    writeFileSync(path.join(folder, `old-worker-v18.0.0-x64.v8cache`), "another Node's", { mode: 0o600 });
    loadWithCompileCache(bundle, { key: 'old', role: 'worker', folder }).saveCache();
    loadWithCompileCache(bundle, { key: 'new', role: 'cli', folder }).saveCache();
    // (Without the bundle file's size and time in the names.)
    const names = () => readdirSync(folder).map((f) => f.replace(/-[0-9a-z]+\.[0-9a-z]+-(cli|worker)-/, '-$1-')).sort();
    assert.deepEqual(names(), [`new-cli${suffix}`, 'old-worker-v18.0.0-x64.v8cache', `old-worker${suffix}`]);
    const worker = loadWithCompileCache(bundle, { key: 'new', role: 'worker', folder });
    assert.equal(worker.outcome, 'missing', "the command's cache is not the worker's");
    worker.saveCache();
    assert.deepEqual(names(), [`new-cli${suffix}`, 'old-worker-v18.0.0-x64.v8cache', `new-worker${suffix}`].sort());
    assert.equal(loadWithCompileCache(bundle, { key: 'new', role: 'worker', folder }).outcome, 'accepted');
  });

  test('after the V8 flags change (a short run), a bundle keeps a cache of its own for them, and the default one stays', () => {
    const load = () => loadWithCompileCache(bundle, { key: 'k1', role: 'cold', folder });
    load().saveCache();
    const [plain] = readdirSync(folder);
    const before = statSync(path.join(folder, plain!)).mtimeMs;
    try {
      setFlagVariant('short-run');
      const first = load();
      assert.equal(first.outcome, 'missing');
      first.saveCache();
      const names = readdirSync(folder).sort();
      assert.equal(names.length, 2);
      assert.ok(names.some((n) => /-cold\+short-run-v/.test(n)), names.join(' '));
      assert.equal(load().outcome, 'accepted');
    } finally {
      setFlagVariant(undefined);
    }
    assert.equal(load().outcome, 'accepted');
    assert.equal(statSync(path.join(folder, plain!)).mtimeMs, before);
  });

  test('saveCache writes once: a second call (a worker after each task) leaves the file alone', () => {
    const run = loadWithCompileCache(bundle, { key: 'k1', role: 'worker', folder });
    run.saveCache();
    const file = path.join(folder, readdirSync(folder)[0]!);
    writeFileSync(file, 'replaced meanwhile');
    run.saveCache();
    assert.equal(readFileSync(file, 'utf8'), 'replaced meanwhile');
  });

  test('no cache, and no error, when the folder cannot be made', () => {
    writeFileSync(path.join(dir, 'cache'), 'a file where the folder would be');
    const run = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder });
    assert.equal(run.outcome, 'none');
    assert.equal(run.savesCache(), false);
    assert.equal((run.exports as { sum: number }).sum, 21);
    run.saveCache();
  });

  test.skipIf(process.platform === 'win32')('no cache in a folder others may write, nor through a symlink', () => {
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    assert.equal(loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder }).outcome, 'none');
    const link = path.join(dir, 'link');
    chmodSync(folder, 0o700);
    symlinkSync(folder, link);
    assert.equal(loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder: link }).outcome, 'none');
  });

  test('ascii: decoded as Latin-1, the same module for an ASCII file; the built CLI bundle is ASCII', () => {
    writeBundle("\nmodule.exports.text = 'caf\\u00e9';");
    const utf8 = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder: undefined }).exports;
    const latin1 = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder: undefined, ascii: true }).exports;
    assert.deepEqual(latin1, utf8);
    const built = path.join(import.meta.dirname, '../../dist/cli.cjs');
    if (existsSync(built)) assert.ok(readFileSync(built).every((byte) => byte < 0x80), 'dist/cli.cjs holds only ASCII (scripts/build.mjs asciiOnly)');
  });

  test('no folder: runs without a cache', () => {
    const run = loadWithCompileCache(bundle, { key: 'k1', role: 'cli', folder: undefined });
    assert.equal(run.outcome, 'none');
    run.saveCache();
  });
});

describe('compileCacheFolder', () => {
  test("the user's cache folder per platform, the environment's overrides, and the off switches", () => {
    assert.equal(compileCacheFolder({ HOME: '/home/a' }, 'linux'), path.join('/home/a', '.cache', 'visitnotes', 'compile-cache'));
    assert.equal(compileCacheFolder({ HOME: '/home/a', XDG_CACHE_HOME: '/xdg' }, 'linux'), path.join('/xdg', 'visitnotes', 'compile-cache'));
    assert.equal(compileCacheFolder({ HOME: '/Users/a' }, 'darwin'), path.join('/Users/a', 'Library', 'Caches', 'visitnotes', 'compile-cache'));
    assert.equal(compileCacheFolder({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'), path.join('C:\\Users\\a\\AppData\\Local', 'visitnotes', 'compile-cache'));
    assert.equal(compileCacheFolder({ HOME: '/home/a', VISITNOTES_COMPILE_CACHE: '/elsewhere' }, 'linux'), path.resolve('/elsewhere'));
    assert.equal(compileCacheFolder({ HOME: '/home/a', VISITNOTES_COMPILE_CACHE: '0' }, 'linux'), undefined);
    assert.equal(compileCacheFolder({ HOME: '/home/a', NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux'), undefined);
    assert.equal(compileCacheFolder({}, 'linux'), undefined);
  });
});

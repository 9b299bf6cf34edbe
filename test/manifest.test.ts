/**
 * The extension manifest (package.json) against the code and files it names:
 * every contributed command is registered and vice versa, every setting the
 * client reads is declared, every path exists, activation stays narrow, and the
 * icon is a 128×128 PNG.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;

function sources(dir: string, skip?: string): string {
  return readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => f !== skip)
    .map((f) => (statSync(f).isDirectory() ? sources(f, skip) : f.endsWith('.ts') ? readFileSync(f, 'utf8') : ''))
    .join('\n');
}
const client = sources(path.join(root, 'client/src'));
/**
 * The desktop build's own sources, and the browser build's: client/src/web/ and
 * the one command table both builds share (client/src/commands/index.ts), which
 * the browser entry must import for its commands to be registered.
 */
const desktop = sources(path.join(root, 'client/src'), path.join(root, 'client/src/web'));
const webSources = sources(path.join(root, 'client/src/web'));
const SHARED_COMMANDS = 'client/src/commands/index.ts';
const browser = webSources.includes(`from '../commands/index.ts'`) ? webSources + readFileSync(path.join(root, SHARED_COMMANDS), 'utf8') : webSources;

test('activation: only the visitnote language and the workspace config files', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:visitnote', 'workspaceContains:**/.visitnotes.{yaml,yml,json}']);
  assert.equal(pkg.main, './dist/extension.cjs');
  // The web worker extension host appends `.js` to this path and loads it as CommonJS.
  assert.equal(pkg.browser, './dist/web/extension.js');
  assert.match(pkg.engines.vscode, /^\^1\.(100|9\d)\./);
});

test('every contributed command is registered, and every registered command contributed, in both builds', () => {
  const contributed = c.commands.map((x: { command: string }) => x.command).sort();
  const registered = (code: string) => [...code.matchAll(/register\('(visitNotes\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered(desktop), contributed, 'desktop');
  assert.deepEqual(registered(browser), contributed, 'browser');
  for (const cmd of ['newNote', 'openPreviewToSide', 'showTimeline', 'lintWorkspace', 'insertMissingSections', 'showRuleDocumentation', 'restartServer']) {
    assert.ok(contributed.includes(`visitNotes.${cmd}`), cmd);
  }
  for (const x of c.commands) assert.equal(x.category, 'Visit Notes');
});

test('every setting the client reads is declared', () => {
  const declared = new Set(Object.keys(c.configuration.properties));
  const read = [...client.matchAll(/get<[^>]+>\('([a-zA-Z.]+)'/g)].map((m) => `visitNotes.${m[1]}`);
  assert.ok(read.length >= 5);
  for (const key of read) assert.ok(declared.has(key), `${key} is declared`);
  assert.ok(declared.has('visitNotes.trace.server'), 'trace setting named after the client id');
  assert.match(client, /CLIENT_ID = 'visitNotes'/);
});

test('every path in the manifest exists', () => {
  const paths = [
    pkg.icon,
    ...c.languages.map((l: { configuration: string }) => l.configuration),
    ...c.grammars.map((g: { path: string }) => g.path),
    ...c.snippets.map((s: { path: string }) => s.path),
    ...c.jsonValidation.map((s: { url: string }) => s.url),
    ...c.yamlValidation.map((s: { url: string }) => s.url),
    ...c.walkthroughs.flatMap((w: { steps: { media: { markdown?: string } }[] }) => w.steps.map((s) => s.media.markdown)),
    'media/preview.js',
    'media/timeline.js',
    'images/preview.svg',
    'client/README.md',
    'CHANGELOG.md',
    'LICENSE',
    '.vscodeignore',
  ];
  for (const p of paths) assert.ok(p && existsSync(path.join(root, p)), `${p} exists`);
});

test('capabilities are declared honestly', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.match(pkg.capabilities.untrustedWorkspaces.description, /declarative/);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  // What the browser build cannot do, named as docs/extension.md names it; what it can is not hidden.
  const limits = pkg.capabilities.virtualWorkspaces.description as string;
  for (const words of [/\.visitnotes\.\* config files/, /cross-visit/, /Lint Workspace/, /Desktop only: the visitnotes CLI/, /time budget/]) assert.match(limits, words);
  const palette = c.menus.commandPalette as { command: string; when?: string }[];
  for (const cmd of ['visitNotes.lintWorkspace', 'visitNotes.createConfig']) {
    assert.doesNotMatch(palette.find((m) => m.command === cmd)?.when ?? '', /browserBuild/, cmd);
  }
  assert.doesNotMatch(browser, /browserBuild/);
});

test('the icon is a 128×128 PNG', () => {
  const png = readFileSync(path.join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});

test('the VSIX allowlist ships bundles, not sources or maps', () => {
  const allow = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(allow, /^\*\*$/m, 'everything excluded by default');
  assert.doesNotMatch(allow, /^!.*(\.ts|\.map|node_modules)/m);
  assert.match(allow, /^!dist\/extension\.cjs$/m);
  assert.match(allow, /^!dist\/server\.js$/m);
});

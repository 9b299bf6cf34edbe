// `npm run release:artifacts`: builds every artifact of a release into release/ and checks it.
//
//   release/visit-notes-<v>.tgz   the npm package (npm pack; prepack builds it)
//   release/visit-notes-<v>.vsix  the VS Code extension, for the Marketplace and Open VSX
//   dist-action/index.js          the GitHub Action's bundle (committed; must be fresh)
//
// Checks: one version everywhere (package.json, the tarball, the VSIX manifest, a CHANGELOG
// section); sizes and file counts within their targets; file lists free of sources, maps and
// node_modules; the VSIX manifest complete for both marketplaces. Exits 1 on any failure.
// See docs/releasing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { actionBundle } from './build-action.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'release');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const { version } = pkg;
const failures = [];
const rows = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  return r.stdout;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// One version, and release notes for it.
const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
check(new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`, 'm').test(changelog), `CHANGELOG.md has no "## ${version}" section`);

// The docs pin the version users should copy (the Action tag, the hook rev, npx --package).
for (const doc of ['README.md', 'docs/install.md', 'docs/cli.md', 'docs/api.md']) {
  const text = readFileSync(path.join(root, doc), 'utf8');
  for (const m of text.matchAll(/visit-notes\/visit-notes@v([\w.-]+)|rev: v([\w.-]+)|visit-notes@(\d[\w.-]*)|visit-notes-(\d[\w.-]*?)\.(?:tgz|vsix)/g)) {
    const pinned = m[1] ?? m[2] ?? m[3] ?? m[4];
    check(pinned === version, `${doc} pins ${m[0]}; the release is ${version}`);
  }
}

// 1. The npm package.
console.log('── npm pack');
const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', out]).replace(/^[^[]*/, ''))[0];
const tgz = path.join(out, packed.filename);
const npmFiles = packed.files.map((f) => f.path);
check(packed.version === version, `the tarball's version is ${packed.version}, not ${version}`);
check(packed.entryCount < 40, `the tarball has ${packed.entryCount} files (target: under 40)`);
check(packed.size < 1024 * 1024, `the tarball is ${kb(packed.size)} (target: under 1 MB)`);
for (const f of npmFiles) check(!/(\.map|\.ts)$|node_modules|^test\/|^server\/|^client\//.test(f) || f.endsWith('.d.ts'), `the tarball should not ship ${f}`);
for (const f of ['dist/visitnotes.js', 'dist/cli-run.cjs', 'dist/cli.js', 'dist/cli.cjs', 'dist/api.js', 'dist/api.d.ts', 'bin/visitnotes-language-server.js', 'LICENSE', 'CHANGELOG.md']) {
  check(npmFiles.includes(f), `the tarball lacks ${f}`);
}
check(Object.keys(pkg.dependencies ?? {}).length === 0, 'package.json has runtime dependencies; the bundles should inline them');
check(!pkg.private, 'package.json is private');
rows.push(['npm package', path.relative(root, tgz), kb(packed.size), packed.entryCount, packed.version]);

// 2. The VSIX, from the same build.
console.log('── VSIX');
const vsix = path.join(out, `${pkg.name}-${version}.vsix`);
sh(process.execPath, ['scripts/package.mjs', '--no-build', '--out', vsix]);
const zip = readZip(vsix);
const entries = [...zip.keys()];
const manifest = JSON.parse(zip.get('extension/package.json')().toString('utf8'));
check(manifest.version === version, `the VSIX manifest's version is ${manifest.version}`);
check(zip.get('extension.vsixmanifest')().toString('utf8').includes(`Version="${version}"`), 'extension.vsixmanifest names another version');
for (const key of ['publisher', 'displayName', 'description', 'license', 'repository', 'icon', 'categories', 'engines']) check(manifest[key], `the VSIX manifest lacks "${key}" (Marketplace / Open VSX)`);
check(entries.includes(`extension/${manifest.icon}`), `the VSIX lacks its icon ${manifest.icon}`);
check(entries.some((e) => /^extension\/LICENSE(\.txt|\.md)?$/i.test(e)), 'the VSIX lacks a LICENSE (Open VSX requires one)');
check(!('files' in manifest) && !('devDependencies' in manifest), 'the VSIX manifest keeps npm-only fields');
for (const e of entries) check(!/(\.map|\.ts)$|node_modules/.test(e), `the VSIX should not ship ${e}`);
const vsixSize = statSync(vsix).size;
check(vsixSize < 1024 * 1024, `the VSIX is ${kb(vsixSize)} (target: under 1 MB)`);
rows.push(['VS Code extension', path.relative(root, vsix), kb(vsixSize), entries.length, manifest.version]);

// 3. The Action: committed, fresh, runnable by GitHub's Node 20.
console.log('── GitHub Action');
const action = parseYaml(readFileSync(path.join(root, 'action.yml'), 'utf8'));
check(action.runs?.using === 'node20' && action.runs?.main === 'dist-action/index.js', 'action.yml does not run dist-action/index.js on node20');
const fresh = await actionBundle();
for (const [rel, text] of Object.entries(fresh)) {
  const file = path.join(root, rel);
  check(existsSync(file) && readFileSync(file, 'utf8') === text, `${rel} is stale: run npm run build:action and commit it`);
}
const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'dist-action/index.js'], { cwd: root }).status === 0;
check(tracked, 'dist-action/index.js is not committed: GitHub runs the action from the tagged commit');
const actionSize = Buffer.byteLength(fresh['dist-action/index.js']);
rows.push(['GitHub Action', 'dist-action/index.js', kb(actionSize), Object.keys(fresh).length, `${version} (package.json, read at run time; tag v${version})`]);

console.log('');
console.log('| artifact | file | size | files | version |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`\nAll checks passed. Publish with the steps in docs/releasing.md (tag v${version}).`);
}

/** A zip's entries: name → () => contents. Enough of the format for a VSIX (stored or deflated entries). */
function readZip(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    files.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 8 ? inflateRawSync(data) : data;
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

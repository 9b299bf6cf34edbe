/**
 * An untrusted repository's config cannot read files outside the repository,
 * and no config error ever quotes a file's content (issue: a config that
 * printed the start of /proc/self/environ into CI logs).
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  createConfigLoader,
  loadConfigFor,
  MAX_CONFIG_BYTES,
  UnreadableFile,
  validateConfigText,
} from '../../server/src/engine/index.ts';

const SECRET = 'ghp_SUPERSECRET123';

async function loadError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `a ConfigError, not ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

function tempTree(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'vn-trust-'));
}

test('extends: an absolute path is never followed, and nothing of the target is shown', async () => {
  const dir = tempTree();
  try {
    const secretFile = path.join(tempTree(), 'env');
    writeFileSync(secretFile, `SECRET_TOKEN=${SECRET}\n`);
    writeFileSync(path.join(dir, '.visitnotes.yaml'), `extends: ${secretFile}\n`);
    const err = await loadError(loadConfigFor(path.join(dir, 'n.visit.md')));
    assert.equal(err.key, 'extends');
    assert.match(err.message, /absolute paths are not followed/);
    assert.ok(!err.formatAll().includes(SECRET));
    rmSync(path.dirname(secretFile), { recursive: true });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('extends: a relative path leaving the repository, or a symlink leading out, is refused', async () => {
  const outside = tempTree();
  const repo = tempTree();
  try {
    writeFileSync(path.join(outside, 'secret.yaml'), `token: ${SECRET}\n`);
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, 'notes'));
    const rel = path.relative(path.join(repo, 'notes'), path.join(outside, 'secret.yaml'));
    writeFileSync(path.join(repo, 'notes', '.visitnotes.yaml'), `extends: ${rel}\n`);
    let err = await loadError(loadConfigFor(path.join(repo, 'notes', 'n.visit.md')));
    assert.match(err.message, /outside this config's project folder/);
    assert.ok(!err.formatAll().includes(SECRET));

    symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'linked.yaml'));
    writeFileSync(path.join(repo, 'notes', '.visitnotes.yaml'), 'extends: ../linked.yaml\n');
    err = await loadError(loadConfigFor(path.join(repo, 'notes', 'n.visit.md')));
    assert.match(err.message, /symbolic link leading out/);

    // Inside the repository, `../` and a symlink that stays inside are fine.
    writeFileSync(path.join(repo, 'shared.yaml'), 'rules: { phi: error }\n');
    symlinkSync(path.join(repo, 'shared.yaml'), path.join(repo, 'notes', 'base.yaml'));
    writeFileSync(path.join(repo, 'notes', '.visitnotes.yaml'), 'extends: [../shared.yaml, ./base.yaml]\n');
    const loaded = await loadConfigFor(path.join(repo, 'notes', 'n.visit.md'));
    assert.equal(loaded.config.rules.phi?.severity, 'error');
  } finally {
    rmSync(outside, { recursive: true });
    rmSync(repo, { recursive: true });
  }
});

test('outside a repository, the workspace root (or else the config folder) bounds extends', async () => {
  const root = tempTree();
  try {
    mkdirSync(path.join(root, 'team'));
    writeFileSync(path.join(root, 'base.yaml'), 'rules: { phi: error }\n');
    writeFileSync(path.join(root, 'team', '.visitnotes.yaml'), 'extends: ../base.yaml\n');
    const note = path.join(root, 'team', 'n.visit.md');
    await loadError(loadConfigFor(note)); // no repository, no root: only the config's own folder
    const loaded = await loadConfigFor(note, { roots: [root] });
    assert.equal(loaded.config.rules.phi?.severity, 'error');
  } finally {
    rmSync(root, { recursive: true });
  }
});

test('a config file that is a symlink out of its project is not read', async () => {
  const outside = tempTree();
  const repo = tempTree();
  try {
    writeFileSync(path.join(outside, 'environ'), `SECRET_TOKEN=${SECRET}\n`);
    symlinkSync(path.join(outside, 'environ'), path.join(repo, '.visitnotes.yaml'));
    const err = await loadError(loadConfigFor(path.join(repo, 'n.visit.md')));
    assert.match(err.message, /symbolic link to a file outside its project folder/);
    assert.ok(!err.formatAll().includes(SECRET));
  } finally {
    rmSync(outside, { recursive: true });
    rmSync(repo, { recursive: true });
  }
});

test('only regular files of a sensible size are read: FIFO, device, folder, oversized', async () => {
  const dir = tempTree();
  try {
    execFileSync('mkfifo', [path.join(dir, '.visitnotes.yaml')]);
    let err = await loadError(loadConfigFor(path.join(dir, 'n.visit.md')));
    assert.match(err.message, /not a regular file/);
    rmSync(path.join(dir, '.visitnotes.yaml'));

    mkdirSync(path.join(dir, '.visitnotes.yaml'));
    err = await loadError(loadConfigFor(path.join(dir, 'n.visit.md')));
    assert.match(err.message, /is a folder/);
    rmSync(path.join(dir, '.visitnotes.yaml'), { recursive: true });

    writeFileSync(path.join(dir, '.visitnotes.yaml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    err = await loadError(loadConfigFor(path.join(dir, 'n.visit.md')));
    assert.match(err.message, /larger than/);

    // A device inside the project (a symlink to /dev/zero would already leave it).
    const loader = createConfigLoader({ files: { realpath: async (f) => f } });
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    writeFileSync(path.join(dir, '.visitnotes.yaml'), 'extends: ./zero.yaml\n');
    err = await loadError(loader.loadFor(path.join(dir, 'n.visit.md')));
    assert.match(err.message, /not a regular file/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('an unreadable config file is an error, never silently skipped', async () => {
  const loader = createConfigLoader({
    readFile: async (f) => {
      if (f === '/p/.visitnotes.yaml') throw new UnreadableFile('cannot be read (permission denied)');
      return undefined;
    },
  });
  const err = await loadError(loader.loadFor('/p/n.visit.md'));
  assert.equal(err.file, '/p/.visitnotes.yaml');
  assert.match(err.message, /permission denied/);
});

test('no config error quotes the file: values, names and YAML problems of every kind', async () => {
  const cases = [
    `rules:\n  phi: ${SECRET}\n`,
    `rules:\n  phi: { severity: ${SECRET} }\n`,
    `rules:\n  phi: 12345678\n`,
    `include: ${SECRET}\n`,
    `extends: ${SECRET}\n`,
    `defaultTemplate: ${SECRET}\n`,
    `templates:\n  mine: { extends: ${SECRET} }\n`,
    `visits: { groupBy: ${SECRET} }\n`,
    `${SECRET}\n`,
    `- ${SECRET}\n`,
    `rules: !${SECRET} x\n`,
    `rules: *${SECRET}\n`,
    `rules: "${SECRET}\\q"\n`,
    `rules: [${SECRET}\n`,
    `a: 1\n---\n${SECRET}: 2\n`,
    `\t${SECRET}: x\n`,
    `@${SECRET}\n`,
    `key: "${SECRET}`,
  ];
  cases.push(`extends: [recommended, ${SECRET}]\n`, `extends: ./${SECRET}.yaml\n`);
  for (const text of cases) {
    // Through the loader: schema, YAML, presets, templates and extends alike.
    const err = await loadError(loadConfigFor('/p/n.visit.md', { readFile: async (f) => (f === '/p/.visitnotes.yaml' ? text : undefined) }));
    for (const p of err.problems) {
      // The key path may name a key; nothing may repeat a value.
      const shown = `${p.message} ${JSON.stringify(p.toJSON())}`;
      assert.ok(!shown.includes(SECRET) && !shown.includes('12345678'), `${JSON.stringify(text)} → ${p.format()}`);
    }
  }
  // The editor's validation of an open config buffer words problems the same way.
  const problems = await validateConfigText(`rules:\n  phi: ${SECRET}\n`, '/p/.visitnotes.yaml');
  assert.equal(problems.length, 1);
  assert.ok(!problems[0]!.format().includes(SECRET));
});

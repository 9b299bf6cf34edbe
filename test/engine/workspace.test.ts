/**
 * The engine's workspace layer over an in-memory file system (what a web build
 * injects): path helpers in both styles, note discovery (include, ignore,
 * nested .gitignore, always-ignored folders, links, unreadable folders, limit,
 * cancellation, --no-ignore), and the explicit visit-history step. Also the
 * boundary: nothing under engine/workspace/ imports Node, LSP or VS Code.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  baseName,
  createNoteMatcher,
  discoverNotes,
  isInsideFolder,
  isMarkdownFileName,
  isNoteFileName,
  joinPath,
  noteBaseName,
  NoteFinder,
  NoteWorkspace,
  parentOf,
  parseWithConfig,
  RECOMMENDED,
  relativeInside,
  type DirectoryEntry,
  type NoteFileSystem,
  type ResolvedConfig,
} from '../../server/src/engine/index.ts';

/** Files by absolute POSIX path; folders are implied; `links` map a link to its target (or to nothing). */
function memoryFs(files: Record<string, string>, options: { links?: Record<string, string | undefined>; unreadable?: string[]; other?: string[] } = {}): NoteFileSystem {
  const links = options.links ?? {};
  const all = [...Object.keys(files), ...Object.keys(links), ...(options.other ?? [])];
  const isDir = (p: string) => all.some((f) => f.startsWith(p.endsWith('/') ? p : `${p}/`));
  return {
    readFile: async (file) => files[file],
    async readDirectory(dir) {
      if (options.unreadable?.includes(dir)) throw Object.assign(new Error('denied'), { code: 'EACCES' });
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = new Map<string, DirectoryEntry>();
      for (const f of all) {
        if (!f.startsWith(prefix)) continue;
        const [name, ...rest] = f.slice(prefix.length).split('/');
        const full = prefix + name!;
        const kind = rest.length ? 'directory' : full in links ? 'symlink' : options.other?.includes(full) ? 'other' : 'file';
        names.set(name!, { name: name!, kind });
      }
      return [...names.values()];
    },
    async stat(p) {
      if (p in links) {
        const target = links[p];
        return target === undefined ? undefined : isDir(target) ? 'directory' : 'file';
      }
      if (p in files) return 'file';
      return isDir(p) ? 'directory' : undefined;
    },
  };
}

const note = (date: string, goals: string) => `---\npatient: A.B.\ndate: ${date}\n---\n\n## Goals\n${goals}\n`;

describe('paths without node:path', () => {
  test('POSIX paths', () => {
    assert.equal(joinPath('/a/b', 'c.md'), '/a/b/c.md');
    assert.equal(joinPath('/', 'c.md'), '/c.md');
    assert.equal(parentOf('/a/b/c.md'), '/a/b');
    assert.equal(parentOf('/a'), '/');
    assert.equal(parentOf('/'), '/');
    assert.equal(parentOf('relative'), 'relative');
    assert.equal(baseName('/a/b/c.md'), 'c.md');
    assert.equal(baseName('/a/b/'), 'b');
    assert.equal(relativeInside('/a', '/a/b/c.md'), 'b/c.md');
    assert.equal(relativeInside('/a/', '/a/b'), 'b');
    assert.equal(relativeInside('/a', '/a'), '');
    assert.equal(relativeInside('/a', '/ab/c'), undefined);
    assert.equal(isInsideFolder('/a', '/a/b'), true);
    assert.equal(isInsideFolder('/a', '/b'), false);
  });

  test('Windows paths', () => {
    assert.equal(joinPath('C:\\notes', 'a.md'), 'C:\\notes\\a.md');
    assert.equal(joinPath('C:\\', 'a.md'), 'C:\\a.md');
    assert.equal(parentOf('C:\\notes\\a.md'), 'C:\\notes');
    assert.equal(parentOf('C:\\notes'), 'C:\\');
    assert.equal(parentOf('C:\\'), 'C:\\');
    assert.equal(baseName('C:\\notes\\a.md'), 'a.md');
    assert.equal(relativeInside('C:\\notes', 'C:\\notes\\x\\a.md'), 'x/a.md');
    assert.equal(relativeInside('\\\\server\\share', '\\\\server\\share\\a.md'), 'a.md');
  });

  test('note names: .visit.md in any case', () => {
    assert.equal(isNoteFileName('/x/A.VISIT.MD'), true);
    assert.equal(isNoteFileName('a.visit.md'), true);
    assert.equal(isNoteFileName('a.md'), false);
    assert.equal(isNoteFileName('a.visit.md.bak'), false);
    assert.equal(isMarkdownFileName('a.MD'), true);
    assert.equal(isMarkdownFileName('a.markdown'), false);
    assert.equal(noteBaseName('2026-01-10.visit.md'), '2026-01-10');
    assert.equal(noteBaseName('2026-01-10.md'), '2026-01-10');
  });
});

describe('note discovery', () => {
  const config = { include: ['*.md'], ignore: ['drafts/**', 'notes/old/'] };
  const matcher = createNoteMatcher(config, '/w');
  const files = {
    '/w/.visitnotes.yaml': '',
    '/w/.gitignore': 'build/\n*.bak.md\n',
    '/w/a.md': '',
    '/w/b.visit.md': '',
    '/w/C.VISIT.MD': '',
    '/w/readme.txt': '',
    '/w/x.bak.md': '',
    '/w/drafts/d.visit.md': '',
    '/w/notes/.gitignore': 'secret-*.md\n!secret-keep.md\n',
    '/w/notes/secret-1.md': '',
    '/w/notes/secret-keep.md': '',
    '/w/notes/old/o.visit.md': '',
    '/w/notes/new/n.md': '',
    '/w/build/b.visit.md': '',
    '/w/node_modules/m.visit.md': '',
    '/w/.hidden/h.visit.md': '',
    '/w/.hidden/h.md': '',
    '/w/folder.visit.md/inner.visit.md': '',
    '/w/target/t.visit.md': '',
  };
  const links = { '/w/link-dir': '/w/target', '/w/link.visit.md': '/w/a.md', '/w/dangling.visit.md': undefined };
  const fs = memoryFs(files, { links, unreadable: ['/w/locked'], other: ['/w/locked/x.visit.md', '/w/pipe.visit.md'] });

  test('include, ignore, nested .gitignore with negation, always-ignored folders, dot-folders, links', async () => {
    const found = await new NoteFinder({ fs, base: '/w', matcherFor: async () => matcher }).walk('/w');
    assert.deepEqual([...found.notes].sort(), [
      '/w/.hidden/h.visit.md',
      '/w/C.VISIT.MD',
      '/w/a.md',
      '/w/b.visit.md',
      '/w/dangling.visit.md',
      '/w/folder.visit.md/inner.visit.md',
      '/w/link.visit.md',
      '/w/notes/new/n.md',
      '/w/notes/secret-keep.md',
      '/w/pipe.visit.md',
      '/w/target/t.visit.md',
    ]);
    assert.deepEqual([...found.noteNamedFolders], ['/w/folder.visit.md']);
    assert.deepEqual(found.unreadableFolders, [{ dir: '/w/locked', code: 'EACCES' }]);
    assert.equal(found.truncated, false);
  });

  test('--no-ignore: neither .gitignore nor ignore, still never node_modules', async () => {
    const seen: string[] = [];
    const found = await new NoteFinder({ fs, base: '/w', noIgnore: true, matcherFor: async () => matcher }).walk('/w', undefined, {
      onFile: (file) => seen.push(file),
    });
    for (const f of ['/w/x.bak.md', '/w/drafts/d.visit.md', '/w/notes/secret-1.md', '/w/notes/old/o.visit.md', '/w/build/b.visit.md']) {
      assert.ok(found.notes.has(f), f);
    }
    assert.ok(![...found.notes].some((f) => f.includes('node_modules')));
    assert.ok(seen.includes('/w/readme.txt') && !seen.includes('/w/link.visit.md'), 'onFile sees regular files only');
  });

  test('a repository root bounds .gitignore; .git/info/exclude applies', async () => {
    const repo = memoryFs({ '/r/.git/info/exclude': 'excluded.visit.md\n', '/r/.gitignore': 'sub/\n', '/r/w/a.visit.md': '', '/r/w/excluded.visit.md': '', '/r/w/sub/s.visit.md': '' });
    const found = await discoverNotes(['/r/w'], { fs: repo, matcherFor: async () => createNoteMatcher(RECOMMENDED, undefined) });
    assert.deepEqual(found.notes, ['/r/w/a.visit.md']);
  });

  test('limit and cancellation stop the walk', async () => {
    const limited = await discoverNotes(['/w'], { fs, limit: 2, matcherFor: async () => matcher });
    assert.equal(limited.notes.length, 2);
    assert.equal(limited.truncated, true);
    const cancelled = await discoverNotes(['/w'], { fs, isCancelled: () => true, matcherFor: async () => matcher });
    assert.deepEqual(cancelled.notes, []);
  });
});

describe('NoteWorkspace: explicit history', () => {
  const files = {
    '/w/.gitignore': 'private/\n',
    '/w/2026-01-10.md': note('2026-01-10', '- [G1] Walk the dog.\n- [G2] Call her sister.'),
    '/w/2026-02-07.visit.md': note('2026-02-07', '- [G1] Walk the dog.'),
    '/w/private/p.visit.md': note('2026-01-01', '- [G3] Paint.'),
  };
  const config: ResolvedConfig = { ...RECOMMENDED, include: ['*.md'] };
  const make = () => {
    const ws = new NoteWorkspace({ fs: memoryFs(files), configFor: async () => ({ config, matcher: createNoteMatcher(config, '/w') }) });
    ws.setFolders(['/w']);
    return ws;
  };

  test('finds notes as the CLI does; isNote applies .gitignore and the folders', async () => {
    const ws = make();
    assert.deepEqual((await ws.findNotes()).notes, ['/w/2026-01-10.md', '/w/2026-02-07.visit.md']);
    assert.equal(await ws.isNote('/w/2026-01-10.md'), true);
    assert.equal(await ws.isNote('/w/private/p.visit.md'), false);
    assert.equal(await ws.isNote('/elsewhere/a.visit.md'), false);
    assert.equal(await ws.isNote('/w/readme.txt'), false);
    assert.equal(ws.contains('/w/x'), true);
    assert.deepEqual(ws.roots, ['/w']);
  });

  test('history changes only through noteChanged/noteRemoved; lint and fixAll read the same history', () => {
    const ws = make();
    const feb = parseWithConfig(files['/w/2026-02-07.visit.md'], config);
    assert.deepEqual(ws.historyOf('/w/2026-02-07.visit.md', feb, config)!.previous, []);
    assert.deepEqual(ws.noteChanged('/w/2026-02-07.visit.md', feb.text, config, feb), { changed: true, affected: [] });
    const jan = ws.noteChanged('/w/2026-01-10.md', files['/w/2026-01-10.md'], config);
    assert.deepEqual(jan.affected, ['/w/2026-02-07.visit.md']);
    // Reading the history, or linting with it, leaves the index as it was.
    const before = ws.visits.all();
    assert.deepEqual(ws.historyOf('/w/2026-02-07.visit.md', feb, config)!.previous.map((v) => v.path), ['/w/2026-01-10.md']);
    const findings = ws.lint('/w/2026-02-07.visit.md', feb, config);
    assert.ok(findings.some((f) => f.ruleId === 'goal-continuity' && f.message.includes('G2')));
    const fixed = ws.fixAll('/w/2026-02-07.visit.md', feb.text, feb, config);
    assert.deepEqual(fixed.findings.filter((f) => f.ruleId === 'goal-continuity').map((f) => f.message), findings.filter((f) => f.ruleId === 'goal-continuity').map((f) => f.message));
    assert.deepEqual(ws.visits.all(), before);
    assert.equal(ws.historyOf(undefined, feb, config), undefined);
    assert.deepEqual(ws.noteRemoved('/w/2026-01-10.md'), ['/w/2026-02-07.visit.md']);
    assert.equal(ws.lint('/w/2026-02-07.visit.md', feb, config).some((f) => f.ruleId === 'goal-continuity'), false);
  });
});

test('engine/workspace imports nothing from Node, LSP, VS Code or the faces', () => {
  const dir = path.resolve(import.meta.dirname, '../../server/src/engine/workspace');
  for (const name of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) {
      assert.ok(!/^node:|^vscode|\.\.\/\.\.\/(lsp|cli|node|api|action)\//.test(spec) && !['fs', 'path', 'os', 'crypto'].includes(spec), `${name} imports ${spec}`);
    }
  }
});

/**
 * `.gitignore` as git applies it: every `.gitignore` from the repository root
 * down to a file's folder (deeper files win; `!negation` re-includes), plus
 * `.git/info/exclude` at the root. Outside a repository, `.gitignore` files
 * from the base folder (the CLI's current folder, the editor's workspace
 * folder) downward apply. The patterns themselves are matched by the `ignore`
 * package; this class only finds the files and their order. Each folder is read
 * once.
 */
import type { Ignore } from 'ignore';
import { getIgnore } from '../packages-provider.ts';
import type { NoteFileSystem } from './file-system.ts';
import { isInsideFolder, joinPath, parentOf, relativeInside } from './paths.ts';

export class GitIgnore {
  private readonly files = new Map<string, Promise<Ignore[]>>();
  private readonly roots = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly fs: NoteFileSystem,
    private readonly base: string,
  ) {}

  /** Whether `absPath` (a folder when `isDir`) is ignored by git. */
  async ignored(absPath: string, isDir: boolean): Promise<boolean> {
    const dir = parentOf(absPath);
    const root = (await this.gitRoot(dir)) ?? (isInsideFolder(this.base, dir) ? this.base : dir);
    const chain: string[] = [];
    for (let d = dir; ; d = parentOf(d)) {
      chain.unshift(d);
      if (d === root || parentOf(d) === d) break;
    }
    let state = false;
    for (const d of chain) {
      const rel = (relativeInside(d, absPath) ?? '') + (isDir ? '/' : '');
      for (const ig of await this.rulesOf(d, d === root)) {
        const r = ig.test(rel);
        if (r.ignored) state = true;
        else if (r.unignored) state = false;
      }
    }
    return state;
  }

  private rulesOf(dir: string, isRoot: boolean): Promise<Ignore[]> {
    const key = `${isRoot ? 'root:' : ''}${dir}`;
    let p = this.files.get(key);
    if (!p) {
      p = (async () => {
        const sources = isRoot ? [joinPath(joinPath(joinPath(dir, '.git'), 'info'), 'exclude'), joinPath(dir, '.gitignore')] : [joinPath(dir, '.gitignore')];
        const out: Ignore[] = [];
        for (const file of sources) {
          const text = await this.fs.readFile(file).catch(() => undefined);
          if (text !== undefined) out.push(getIgnore()().add(text));
        }
        return out;
      })();
      this.files.set(key, p);
    }
    return p;
  }

  /** Nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees). */
  private gitRoot(dir: string): Promise<string | undefined> {
    let p = this.roots.get(dir);
    if (!p) {
      p = (async () => {
        if ((await this.fs.stat(joinPath(dir, '.git')).catch(() => undefined)) !== undefined) return dir;
        const parent = parentOf(dir);
        return parent === dir ? undefined : this.gitRoot(parent);
      })();
      this.roots.set(dir, p);
    }
    return p;
  }
}

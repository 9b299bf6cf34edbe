/**
 * `.gitignore` as git applies it: every `.gitignore` from the repository root down
 * to a file's folder (deeper files win; `!negation` re-includes), plus
 * `.git/info/exclude`. Outside a repository, `.gitignore` files from the current
 * folder downward apply. Folders are read once each.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export class GitignoreMatcher {
  private readonly files = new Map<string, Promise<Ignore[]>>();
  private readonly roots = new Map<string, Promise<string | undefined>>();

  constructor(private readonly cwd: string) {}

  /** Whether `absPath` (a folder when `isDir`) is ignored by git. */
  async ignored(absPath: string, isDir: boolean): Promise<boolean> {
    const dir = path.dirname(absPath);
    const root = (await this.gitRoot(dir)) ?? (isInside(this.cwd, dir) ? this.cwd : dir);
    const chain: string[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      chain.unshift(d);
      if (d === root || path.dirname(d) === d) break;
    }
    let state = false;
    for (const d of chain) {
      const rel = toPosix(path.relative(d, absPath)) + (isDir ? '/' : '');
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
        const sources = isRoot ? [path.join(dir, '.git', 'info', 'exclude'), path.join(dir, '.gitignore')] : [path.join(dir, '.gitignore')];
        const out: Ignore[] = [];
        for (const file of sources) {
          const text = await readFile(file, 'utf8').catch(() => undefined);
          if (text !== undefined) out.push(ignore().add(text));
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
        if (await exists(path.join(dir, '.git'))) return dir;
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.gitRoot(parent);
      })();
      this.roots.set(dir, p);
    }
    return p;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

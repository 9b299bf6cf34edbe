/**
 * Which files are notes: every `*.visit.md`, plus any `.md` file matched by the
 * config's `include` globs, minus anything matched by `ignore` (or inside a
 * `node_modules` or `.git` folder).
 *
 * Globs are relative to the folder of the config file that applies (the nearest
 * one; globs that came in through `extends` are read relative to it too), with
 * `/` separators, gitignore-like:
 * - a glob without `/` (other than a trailing one) matches a name at any depth
 *   (`drafts`, `*.tmp.md`); one with `/` is anchored at the config's folder
 *   (`notes/**\/*.md`, `/README.md`);
 * - a glob that matches a folder matches everything inside it (`archive`,
 *   `archive/2019/`);
 * - `include` globs do not reach into dot-folders (`.github/`) unless they name
 *   them; `ignore` globs do.
 * `.gitignore` is the workspace layer's business (engine/workspace/discover.ts).
 */
import path from 'node:path';
import type { LoadedConfig } from './load.ts';
import type { ResolvedConfig } from './types.ts';
import { isNoteFileName } from '../workspace/note-files.ts';
import { getPicomatch } from '../packages-provider.ts';

export { NOTE_SUFFIX } from '../workspace/note-files.ts';
/** Folders never searched for notes. */
export const ALWAYS_IGNORED_FOLDERS = ['node_modules', '.git'] as const;

export interface NoteMatcher {
  /** The folder globs are relative to (the config file's folder); undefined without a config file. */
  readonly root: string | undefined;
  /** Whether the file is a note: `*.visit.md` or an included `.md`, and not ignored. */
  isNote(filePath: string): boolean;
  /** Whether `ignore` (or a `node_modules`/`.git` folder) excludes this file or folder: lets a walk skip whole folders. */
  isIgnored(fileOrFolder: string): boolean;
  /** Whether an `include` glob matches this `.md` file (ignoring `ignore`). */
  isIncluded(filePath: string): boolean;
}

/** `**\/x` for a bare name, anchored otherwise; `./` and a leading or trailing `/` dropped. */
export function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  const anchored = g.startsWith('/');
  if (anchored) g = g.replace(/^\/+/, '');
  g = g.replace(/\/+$/, '');
  if (!anchored && !g.includes('/') && !g.startsWith('**')) g = `**/${g}`;
  return g;
}

type Test = (relative: string) => boolean;

/** True when the glob list matches the path or any folder above it. */
function compile(globs: readonly string[], dot: boolean): Test {
  const patterns = globs.map(normalizeGlob).filter((g) => g.length > 0);
  if (patterns.length === 0) return () => false;
  const isMatch = getPicomatch()(patterns, { dot });
  return (relative) => {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) if (isMatch(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** Builds a matcher for `config` whose globs are relative to `root` (the config file's folder). */
export function createNoteMatcher(config: Pick<ResolvedConfig, 'include' | 'ignore'>, root: string | undefined): NoteMatcher {
  const absRoot = root === undefined ? undefined : path.resolve(root);
  const included = compile(config.include, false);
  const ignored = compile(config.ignore, true);

  /** Path relative to the root with `/`, or undefined when the file lies outside it. */
  const relative = (p: string): string | undefined => {
    if (absRoot === undefined) return undefined;
    const rel = path.relative(absRoot, path.resolve(p));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return toPosix(rel);
  };
  const inIgnoredFolder = (p: string): boolean => {
    const rel = relative(p) ?? toPosix(path.resolve(p));
    return rel.split('/').some((seg) => (ALWAYS_IGNORED_FOLDERS as readonly string[]).includes(seg));
  };

  const matcher: NoteMatcher = {
    root: absRoot,
    isIgnored(p) {
      if (inIgnoredFolder(p)) return true;
      const rel = relative(p);
      return rel !== undefined && ignored(rel);
    },
    isIncluded(p) {
      const rel = relative(p);
      return rel !== undefined && /\.md$/i.test(rel) && included(rel);
    },
    isNote(p) {
      if (matcher.isIgnored(p)) return false;
      if (isNoteFileName(p)) return true;
      return matcher.isIncluded(p);
    },
  };
  return matcher;
}

const matchers = new WeakMap<LoadedConfig, NoteMatcher>();

/** The matcher for a loaded config (built once per LoadedConfig). */
export function noteMatcherFor(loaded: LoadedConfig): NoteMatcher {
  let m = matchers.get(loaded);
  if (!m) {
    m = createNoteMatcher(loaded.config, loaded.file ? path.dirname(loaded.file) : undefined);
    matchers.set(loaded, m);
  }
  return m;
}

/** Whether `filePath` is a note under `loaded` (the config that applies to it). */
export function isNoteFile(filePath: string, loaded: LoadedConfig): boolean {
  return noteMatcherFor(loaded).isNote(filePath);
}

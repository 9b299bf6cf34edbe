/**
 * The few path operations the workspace layer needs, on absolute paths in the
 * host's form, without `node:path` (the engine runs in a browser too). A path
 * is Windows-style when it starts with a drive (`C:\`) or `\\`; its separator
 * is then `\`, else `/`. Paths come from the host already normalised (no `..`,
 * no doubled separators), which is all these helpers assume.
 */

function sepOf(p: string): '/' | '\\' {
  return /^[A-Za-z]:\\|^\\\\/.test(p) ? '\\' : '/';
}

/** `dir` + `name` (a single path segment). */
export function joinPath(dir: string, name: string): string {
  const sep = sepOf(dir);
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** The folder holding `p`; a root is its own parent. */
export function parentOf(p: string): string {
  const sep = sepOf(p);
  const trimmed = p.length > 1 && p.endsWith(sep) ? p.slice(0, -1) : p;
  const i = trimmed.lastIndexOf(sep);
  if (i < 0) return p;
  const parent = trimmed.slice(0, i);
  // `/x` → `/`; `C:\x` → `C:\`
  if (parent === '' || /^[A-Za-z]:$/.test(parent)) return parent + sep;
  return parent;
}

/** The last segment of `p`. */
export function baseName(p: string): string {
  const sep = sepOf(p);
  const trimmed = p.endsWith(sep) ? p.slice(0, -1) : p;
  return trimmed.slice(trimmed.lastIndexOf(sep) + 1);
}

/** `p` relative to `folder` with `/` separators ('' for the folder itself); undefined when `p` is outside it. */
export function relativeInside(folder: string, p: string): string | undefined {
  const sep = sepOf(folder);
  if (p === folder) return '';
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  if (!p.startsWith(prefix)) return undefined;
  const rel = p.slice(prefix.length);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Whether `p` is `folder` or inside it. */
export function isInsideFolder(folder: string, p: string): boolean {
  return relativeInside(folder, p) !== undefined;
}

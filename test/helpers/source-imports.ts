/**
 * The import graph of the project's own sources (server/src, client/src), read
 * with the TypeScript compiler's import scanner: static and dynamic imports,
 * `export … from`, type-only imports and `import()` types all count, so a type
 * cycle is a cycle too. Used by the boundary and file-size tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Repository-relative paths (with `/`) of the .ts files under `dirs`. */
export function sourceFiles(dirs: readonly string[] = ['server/src', 'client/src']): string[] {
  return dirs
    .flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${dir}/${f.split(path.sep).join('/')}`),
    )
    .sort();
}

export interface SourceImport {
  /** As written: `./parse.ts`, `node:path`, `vscode`. */
  specifier: string;
  /** For a relative specifier, the repository-relative file it names. */
  target?: string;
}

const cache = new Map<string, SourceImport[]>();

export function importsOf(file: string): SourceImport[] {
  let found = cache.get(file);
  if (!found) {
    const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    found = info.importedFiles.map(({ fileName: specifier }) =>
      specifier.startsWith('.') ? { specifier, target: path.posix.join(path.posix.dirname(file), specifier) } : { specifier },
    );
    cache.set(file, found);
  }
  return found;
}

/** Strongly connected components of more than one file (Tarjan): each is a set of files importing each other. */
export function importCycles(files: readonly string[]): string[][] {
  const inSet = new Set(files);
  const next = (f: string) => importsOf(f).flatMap((i) => (i.target && inSet.has(i.target) ? [i.target] : []));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

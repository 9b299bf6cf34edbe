/**
 * The tool's version, read from the package's own package.json at runtime. The
 * bundle (dist/cli.js, dist/chunks/*) and the sources (server/src/cli/) sit at
 * different depths, so look upward for the package rather than hard-code a path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'visit-notes';
export const TOOL_NAME = 'visitnotes';
export const INFORMATION_URI = 'https://github.com/visit-notes/visit-notes';

let cached: { root: string; version: string } | undefined;

function packageInfo(): { root: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    } catch {
      // no package.json here; keep looking upward
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = { root: '', version: '0.0.0' });
    dir = parent;
  }
}

export function toolVersion(): string {
  return packageInfo().version;
}

/** The installed package's folder ('' when not found). */
export function packageRoot(): string {
  return packageInfo().root;
}

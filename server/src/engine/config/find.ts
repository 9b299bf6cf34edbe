/**
 * Which files are config files: their names (in precedence order), the nearest
 * one above a folder, and how an `extends` entry names a file rather than a preset.
 */
import path from 'node:path';
import { readRegularFile, readRegularFileSync, type ReadFile } from './files.ts';

export const CONFIG_FILE_NAMES = ['.visitnotes.yaml', '.visitnotes.yml', '.visitnotes.json'] as const;

/** Most files the tools read are notes: regular files up to 4 MB (see files.ts for what is refused). */
const READ_LIMIT = 4 * 1024 * 1024;

export const readFileOrUndefined: ReadFile = (file) => readRegularFile(file, READ_LIMIT);

/** The same read done synchronously (the CLI's walk: files.ts `readRegularFileSync`). */
export const readFileOrUndefinedSync: ReadFile = async (file) => readRegularFileSync(file, READ_LIMIT);

/** Nearest config file at or above `dir`, stopping at `stopAt` (inclusive) if given. */
export async function findConfigFile(dir: string, readFile: ReadFile = readFileOrUndefined, stopAt?: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if ((await readFile(candidate)) !== undefined) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current || (stopAt && path.resolve(stopAt) === current)) return undefined;
    current = parent;
  }
}

/** `./base.yaml`, `../shared/x.yml`, `/abs/path.json`, `base.yaml`, `shared/base`: a file, not a preset. */
export function isFileReference(name: string): boolean {
  return (
    name.startsWith('.') || path.isAbsolute(name) || /[\\/]/.test(name) || /\.(?:ya?ml|json)$/i.test(name)
  );
}

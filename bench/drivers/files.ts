/** Every `*.md` file under a folder, sorted, for the bench drivers. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

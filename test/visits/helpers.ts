/**
 * Multi-note fixtures for the cross-visit rules: every `*.visit.md` under a
 * folder is indexed together (config found from each note's folder upward,
 * stopping at the fixture folder), then each note is linted with its history
 * and compared with its own `<!-- expect -->` block, as the single-note
 * fixtures are — but only cross-visit findings are considered.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  historyFor,
  lintText,
  loadConfigFor,
  RULES,
  VisitIndex,
  type Finding,
  type Note,
  type ResolvedConfig,
} from '../../server/src/engine/index.ts';

export const CROSS_VISIT_RULES = new Set(RULES.filter((r) => r.crossVisit).map((r) => r.id));

export function noteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...noteFiles(full));
    else if (name.endsWith('.visit.md')) out.push(full);
  }
  return out;
}

export interface IndexedFolder {
  index: VisitIndex;
  files: string[];
  texts: Map<string, string>;
  configs: Map<string, ResolvedConfig>;
}

export async function indexFolder(dir: string): Promise<IndexedFolder> {
  const index = new VisitIndex();
  const files = noteFiles(dir);
  const texts = new Map<string, string>();
  const configs = new Map<string, ResolvedConfig>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { config } = await loadConfigFor(file);
    texts.set(file, text);
    configs.set(file, config);
    index.update(file, text, { config });
  }
  return { index, files, texts, configs };
}

/** Lints one indexed note with its history; returns cross-visit findings only. */
export function lintWithHistory(folder: IndexedFolder, file: string, text = folder.texts.get(file)!): { note: Note; findings: Finding[] } {
  const config = folder.configs.get(file);
  const { note, findings } = lintText(text, { ...(config ? { config } : {}), history: historyFor(folder.index, file) });
  return { note, findings: findings.filter((f) => CROSS_VISIT_RULES.has(f.ruleId)) };
}

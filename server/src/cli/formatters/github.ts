/**
 * `--format github`: GitHub Actions workflow commands, so findings appear as
 * annotations on the pull request without uploading anything:
 *
 *   ::error file=notes/a.visit.md,line=11,col=1,endLine=11,endColumn=22,title=required-section::Missing …
 *
 * Errors → `::error`, warnings → `::warning`, infos → `::notice`. Escaping follows
 * @actions/core: in the message `%`, CR and LF; in properties also `:` and `,`.
 */
import path from 'node:path';
import type { Formatter } from './types.ts';
import { TOOL_NAME } from '../version.ts';

const COMMAND = { 2: 'error', 1: 'warning', 0: 'notice' } as const;

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (results, meta) => {
  const out: string[] = [];
  for (const r of results) {
    const rel = path.relative(meta.cwd, r.filePath);
    const file = (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? r.filePath : rel).split(path.sep).join('/');
    for (const m of r.messages) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.ruleId ?? TOOL_NAME)}`,
      ];
      out.push(`::${COMMAND[m.severity]} ${props.join(',')}::${escapeData(m.message)}\n`);
    }
  }
  return out.join('');
};

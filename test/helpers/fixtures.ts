/**
 * Fixture notes carry their own expectations (as markdownlint's test files do),
 * in one trailing HTML comment that cannot shift any position above it:
 *
 *   <!-- expect
 *   rationale-goal-link 14:3 symptoms-only rationale, no goal linked
 *   goal-id 9:3-9:20
 *   -->
 *
 * Each line: rule ID, start `line:column` (1-based), optional `-endLine:endColumn`,
 * optional message substring. `<!-- expect none -->` means no findings at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Finding, Note } from '../../server/src/engine/index.ts';

/** Sub-folders of a fixture root, sorted (none when the root is missing). */
export function fixtureFolders(root: string): string[] {
  return existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/**
 * The `*.visit.md` files directly in a fixture folder, sorted. Tests are
 * generated from this listing (`test.each`), so a new file is a new test.
 */
export function fixtureNotes(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.visit.md')).sort();
}

export interface Expected {
  ruleId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string;
}

export function parseExpectations(text: string): Expected[] | undefined {
  const m = /<!--\s*expect\b([\s\S]*?)-->\s*$/.exec(text);
  if (!m) return undefined;
  const body = m[1]!.trim();
  if (body === 'none' || body === '') return [];
  return body.split(/\r?\n/).map((raw) => {
    const line = raw.trim();
    const p = /^(\S+)\s+(\d+):(\d+)(?:-(\d+):(\d+))?(?:\s+(.*))?$/.exec(line);
    if (!p) throw new Error(`bad expectation line: ${line}`);
    const e: Expected = { ruleId: p[1]!, line: +p[2]!, column: +p[3]! };
    if (p[4]) {
      e.endLine = +p[4];
      e.endColumn = +p[5]!;
    }
    if (p[6]) e.message = p[6];
    return e;
  });
}

/** A finding as the CLI shows it: 1-based positions. */
export function located(note: Note, f: Finding) {
  const s = note.lines.toLineColumn(f.range.start);
  const e = note.lines.toLineColumn(f.range.end);
  return { ruleId: f.ruleId, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, message: f.message };
}

/** Compares findings with expectations; returns a readable list of mismatches. */
export function compare(note: Note, findings: Finding[], expected: Expected[]): string[] {
  const actual = findings.map((f) => located(note, f));
  const problems: string[] = [];
  const unmatched = [...actual];
  for (const e of expected) {
    const i = unmatched.findIndex(
      (a) =>
        a.ruleId === e.ruleId &&
        a.line === e.line &&
        a.column === e.column &&
        (e.endLine === undefined || (a.endLine === e.endLine && a.endColumn === e.endColumn)) &&
        (e.message === undefined || a.message.includes(e.message)),
    );
    if (i < 0) problems.push(`missing: ${e.ruleId} ${e.line}:${e.column}${e.message ? ' ' + e.message : ''}`);
    else unmatched.splice(i, 1);
  }
  for (const a of unmatched) problems.push(`unexpected: ${a.ruleId} ${a.line}:${a.column}-${a.endLine}:${a.endColumn} ${a.message}`);
  return problems;
}

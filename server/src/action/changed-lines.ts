/**
 * Which lines a pull request (or a push) changed, so the Action annotates
 * those and not every finding in the repository: GitHub shows only about ten
 * annotations of each kind per step, and a reviewer wants the ones in the diff.
 *
 * The base, from the event GitHub describes in GITHUB_EVENT_PATH:
 * - pull_request / pull_request_target: the PR's base commit, compared with
 *   HEAD from their merge base (`base...HEAD`); then `origin/<GITHUB_BASE_REF>`;
 *   then, when HEAD is the merge commit GitHub checks out, its first parent.
 * - push: the commit before the push (`before..HEAD`), unless the branch is new.
 * - anything else (schedule, workflow_dispatch): no base.
 * Each needs the commits in the checkout (`fetch-depth: 0`, or 2 for the merge
 * commit's parent). Without a base, or when git cannot answer, the Action
 * annotates every finding and says so in the job summary.
 *
 * Lines added or modified in the new version count as changed; where lines
 * were only deleted, the lines on both sides of the gap do (a finding about
 * something now missing sits there).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './workflow.ts';

/** Absolute file path → changed 1-based line numbers. */
export type ChangedLines = Map<string, Set<number>>;

export type ChangedLinesResult = { lines: ChangedLines; base: string } | { lines: undefined; reason: string };

interface GitEvent {
  pull_request?: { base?: { sha?: string } };
  before?: string;
}

export function changedLines(cwd: string, env: Env): ChangedLinesResult {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let event: GitEvent = {};
  try {
    if (env.GITHUB_EVENT_PATH) event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as GitEvent;
  } catch {
    // no readable event: fall back to what the environment says
  }
  const candidates: { args: string[]; label: string }[] = [];
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = event.pull_request?.base?.sha;
    if (base) candidates.push({ args: [`${base}...HEAD`], label: env.GITHUB_BASE_REF || base.slice(0, 12) });
    if (env.GITHUB_BASE_REF) candidates.push({ args: [`origin/${env.GITHUB_BASE_REF}...HEAD`], label: env.GITHUB_BASE_REF });
    if (isMergeCommit(cwd)) candidates.push({ args: ['HEAD^1', 'HEAD'], label: env.GITHUB_BASE_REF || 'the base branch' });
  } else if (eventName === 'push') {
    const before = event.before;
    if (before && !/^0+$/.test(before)) candidates.push({ args: [before, 'HEAD'], label: before.slice(0, 12) });
  } else {
    return { lines: undefined, reason: `a ${eventName || 'local'} run has no base to compare with` };
  }
  if (candidates.length === 0) return { lines: undefined, reason: 'the event names no base commit' };
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (top === undefined) return { lines: undefined, reason: 'git cannot read the checkout' };
  for (const c of candidates) {
    const diff = git(cwd, ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', '-U0', '-M', '--diff-filter=AMR', ...c.args, '--']);
    if (diff !== undefined) return { lines: parseDiff(diff, top.trim()), base: c.label };
  }
  return { lines: undefined, reason: 'the base commit is not in the checkout (use actions/checkout with fetch-depth: 0)' };
}

function isMergeCommit(cwd: string): boolean {
  const parents = git(cwd, ['rev-list', '--parents', '-n', '1', 'HEAD']);
  return parents !== undefined && parents.trim().split(/\s+/).length > 2;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout : undefined;
}

/** Changed lines per file of a `git diff -U0` (paths relative to `top`, the repository root). */
export function parseDiff(diff: string, top: string): ChangedLines {
  const out: ChangedLines = new Map();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4));
      current = undefined;
      if (name.startsWith('b/')) {
        const file = path.join(top, name.slice(2));
        current = out.get(file) ?? new Set();
        out.set(file, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !current) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) {
      // Only deletions: `start` is the line before the gap.
      current.add(Math.max(1, start));
      current.add(start + 1);
    }
    for (let n = start; n < start + count; n++) current.add(n);
  }
  return out;
}

/** git's C-style quoting of unusual paths (`"b/a\"b.visit.md"`), with core.quotePath=false. */
function unquote(name: string): string {
  const trimmed = name.replace(/\t$/, '');
  if (!trimmed.startsWith('"')) return trimmed;
  const bytes: number[] = [];
  const body = trimmed.slice(1, -1);
  const named: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = String.fromCodePoint(body.codePointAt(i)!);
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Whether a finding's lines touch a changed line of its file. */
export function touchesChange(lines: ChangedLines, file: string, first: number, last: number): boolean {
  const changed = lines.get(file);
  if (!changed) return false;
  for (let n = first; n <= Math.max(first, last); n++) if (changed.has(n)) return true;
  return false;
}

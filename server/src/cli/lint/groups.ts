/**
 * A note's patient group, guessed before parsing it, and `--shard i/n`.
 *
 * The guess reads only the front matter's `patient:` (with the same YAML reader
 * the parser uses) or, with `visits.groupBy: folder`, the note's folder. It is
 * used to put a patient's notes into the same worker batch (a wrong guess only
 * costs a second lint, see core.ts) and to keep a patient's notes in the same
 * shard, so cross-visit rules see the whole history in every CI job.
 */
import path from 'node:path';
import {
  buildFrontMatter,
  frontMatterString,
  groupKey,
  groupingOf,
  RULES,
  type LoadedConfig,
  type Note,
  type ResolvedConfig,
} from '../../engine/index.ts';
import { nodeCrypto } from '../../node/crypto.ts';

const FENCE_OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const FENCE_CLOSE = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;

/** The front matter's `patient` as the engine would read it, without parsing the note. */
export function patientOf(text: string): string | undefined {
  const open = FENCE_OPEN.exec(text);
  if (!open) return undefined;
  FENCE_CLOSE.lastIndex = open[0].length - 1;
  const close = FENCE_CLOSE.exec(text);
  if (!close) return undefined;
  try {
    const yaml = text.slice(open[0].length, close.index);
    const frontMatter = buildFrontMatter(text, { start: 0, end: close.index + close[0].length }, yaml);
    return frontMatterString({ frontMatter } as Note, 'patient');
  } catch {
    return undefined;
  }
}

/** The group key the engine will most likely give this note (undefined: no group). */
export function guessGroupKey(file: string, text: string, config: ResolvedConfig): string | undefined {
  const grouping = groupingOf(config);
  return groupKey(file, grouping === 'folder' ? undefined : patientOf(text), grouping);
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Whether some config turns on a cross-visit rule: then shards keep patients together. */
export function crossVisitRulesOn(configs: Iterable<LoadedConfig>): boolean {
  const cross = RULES.filter((r) => r.crossVisit);
  for (const loaded of new Set(configs)) {
    if (cross.some((r) => (loaded.config.rules[r.id]?.severity ?? r.defaultSeverity) !== 'off')) return true;
  }
  return false;
}

/**
 * The shard key: machine-independent (paths relative to the current folder, `/`
 * separators), so every CI job computes the same split.
 */
export function shardKey(cwd: string, file: string, group: string | undefined): string {
  const rel = (p: string) => path.relative(cwd, p).split(path.sep).join('/');
  if (group === undefined) return `file:${rel(file)}`;
  if (group.startsWith('folder:')) return `folder:${rel(group.slice('folder:'.length))}`;
  return group;
}

export function inShard(key: string, shard: Shard): boolean {
  const n = nodeCrypto().createHash('sha1').update(key).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}

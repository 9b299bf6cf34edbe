/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
 *
 * - `tool.driver.rules[]` lists every rule (so `ruleIndex` is stable across runs),
 *   with its docs page as `helpUri` and its default level.
 * - Locations are relative to the current folder under `uriBaseId` `%SRCROOT%`
 *   (declared in `originalUriBaseIds`); a file outside it gets an absolute file URI.
 * - Columns count UTF-16 code units (`columnKind`), as the engine does; `endColumn`
 *   is exclusive, as SARIF defines it.
 * - A file that could not be linted (ESLint's "fatal" message, ruleId null) is a
 *   tool execution notification, not a result: results need a rule.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { LintMessage } from '../results.ts';
import type { Formatter } from './types.ts';
import { INFORMATION_URI, TOOL_NAME } from '../version.ts';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

const LEVEL = { 2: 'error', 1: 'warning', 0: 'note' } as const satisfies Record<number, Sarif.ReportingConfiguration.level>;
const DEFAULT_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (results, meta) => {
  const ruleIndex = new Map(meta.rules.map((r, i) => [r.id, i]));
  const sarifResults: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const r of results) {
    const artifactLocation = artifactFor(meta.cwd, r.filePath);
    for (const m of r.messages) {
      const location: Sarif.Location = { physicalLocation: { artifactLocation, region: region(m) } };
      if (m.ruleId === null) {
        notifications.push({ level: LEVEL[m.severity], message: { text: m.message }, locations: [location] });
        continue;
      }
      const result: Sarif.Result = { ruleId: m.ruleId, level: LEVEL[m.severity], message: { text: m.message }, locations: [location] };
      const index = ruleIndex.get(m.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      sarifResults.push(orderKeys(result, ['ruleId', 'ruleIndex', 'level', 'message', 'locations']));
    }
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: meta.version,
        semanticVersion: meta.version,
        informationUri: INFORMATION_URI,
        rules: meta.rules.map((rule) => ({
          id: rule.id,
          shortDescription: { text: rule.description },
          fullDescription: { text: rule.description },
          helpUri: rule.docsUrl,
          defaultConfiguration: { level: DEFAULT_LEVEL[rule.defaultSeverity] },
          properties: { fixable: rule.fixable },
        })),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(meta.cwd.endsWith(path.sep) ? meta.cwd : meta.cwd + path.sep).href } },
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
  };
  if (notifications.length) run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }];
  const log: Sarif.Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function region(m: LintMessage): Sarif.Region {
  return { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn };
}

/** Relative, `/`-separated and percent-encoded under %SRCROOT%; absolute file URI outside it. */
export function artifactFor(cwd: string, file: string): Sarif.ArtifactLocation {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function orderKeys<T extends object>(obj: T, keys: (keyof T)[]): T {
  const out = {} as T;
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/**
 * The few GitHub Actions runner interfaces the Action needs, written out rather
 * than bundling @actions/core (a dozen lines instead of ~40 KB of bundle, and
 * the escaping already lives in the `github` formatter):
 *
 * - inputs: `INPUT_<NAME>` environment variables, the name upper-cased with
 *   spaces turned into `_` (hyphens stay: `max-warnings` → `INPUT_MAX-WARNINGS`);
 *   the runner fills in the defaults from action.yml;
 * - outputs: `name<<delimiter` blocks appended to the file `GITHUB_OUTPUT` names;
 * - the job summary: Markdown appended to the file `GITHUB_STEP_SUMMARY` names;
 * - workflow commands on stdout (`::error::...`, annotations).
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { escapeData } from '../cli/formatters/github.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `true`/`false` as YAML 1.2 core spells them (as @actions/core accepts); anything else is an error. */
export function getBooleanInput(env: Env, name: string, fallback: boolean): boolean {
  const raw = getInput(env, name);
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(`Input "${name}" must be true or false, not "${raw}".`);
}

/** A bad input value: reported as an error annotation, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function setOutputs(env: Env, outputs: Record<string, string | number>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return; // not on a runner (or a very old one): nothing to set
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

export function appendSummary(env: Env, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown);
}

export function errorCommand(message: string): string {
  return `::error title=visitnotes::${escapeData(message)}\n`;
}

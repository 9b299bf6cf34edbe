/** The built-in formatters. Only these: loading formatter code from config or paths is never allowed. */
import { github } from './github.ts';
import { json } from './json.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import type { FormatName } from './names.ts';
import type { Formatter } from './types.ts';

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, github };
export { FORMAT_NAMES, type FormatName } from './names.ts';
export type { Formatter, FormatterMeta, RuleInfo } from './types.ts';

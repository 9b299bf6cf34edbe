/**
 * remark-provider.ts for the bundles (scripts/build.mjs substitutes this file):
 * remark is required on first use. esbuild wraps a module loaded by `require`
 * in a lazy initialiser, so neither remark.ts nor the packages only it uses are
 * evaluated until a note needs them.
 */
import type * as Remark from './remark.ts';

declare const require: (id: string) => unknown;

let remark: typeof Remark | undefined;

export function getRemark(): typeof Remark {
  remark ??= require('./remark.ts') as typeof Remark;
  return remark;
}

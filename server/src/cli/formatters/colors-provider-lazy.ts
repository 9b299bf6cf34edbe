/**
 * colors-provider.ts for the bundles (scripts/bundle-options.mjs substitutes this
 * file): picocolors is required on first use, by a formatter that colours.
 */
import type picocolors from 'picocolors';

declare const require: (id: string) => unknown;

let colors: typeof picocolors | undefined;

export function getPicocolors(): typeof picocolors {
  colors ??= require('picocolors') as typeof picocolors;
  return colors;
}

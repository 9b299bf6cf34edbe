/**
 * Where the engine gets remark (remark.ts) from. This module loads it with the
 * engine; the bundles (scripts/build.mjs) use remark-provider-lazy.ts instead,
 * which loads it on first use: a typical note never needs remark (the fast
 * parser reads it alone), and remark's modules cost a cold CLI run about as
 * much time as parsing and linting the note.
 */
import * as remark from './remark.ts';

export function getRemark(): typeof remark {
  return remark;
}

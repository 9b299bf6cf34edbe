/**
 * Our own wording for the `yaml` package's errors, by error code. The
 * package's messages quote the source ("Unresolved tag: !…", "Unresolved
 * alias …", a code excerpt with prettyErrors), and the source may be a note
 * (health data) or a file an untrusted config managed to point at. So the
 * library's text is never shown: only a fixed sentence per code, next to the
 * line and column the caller reports.
 */
import type { ErrorCode } from 'yaml';

const MESSAGES: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'an alias (*name) cannot carry a tag or an anchor',
  BAD_ALIAS: 'an alias (*name) refers to an anchor (&name) that is not defined before it',
  BAD_COLLECTION_TYPE: 'a tag does not fit the kind of value it is on',
  BAD_DIRECTIVE: 'a %-directive is not valid here',
  BAD_DQ_ESCAPE: 'a "quoted" value has an invalid \\ escape',
  BAD_INDENT: 'the indentation is wrong, or a [ or { is not closed',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place',
  BAD_SCALAR_START: 'a value starts with a character that needs quotes (such as @, ` or %)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block cannot be used as a key',
  BLOCK_IN_FLOW: 'a block value cannot stand inside [ ] or { }',
  DUPLICATE_KEY: 'a key is written twice',
  IMPOSSIBLE: 'the YAML cannot be read',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MISSING_CHAR: 'a closing character is missing (a quote, ] or })',
  MULTILINE_IMPLICIT_KEY: 'a key must be on a single line (is a colon or quote missing?)',
  MULTIPLE_ANCHORS: 'a value has more than one anchor',
  MULTIPLE_DOCS: 'only one YAML document is allowed (remove the extra ---)',
  MULTIPLE_TAGS: 'a value has more than one tag',
  NON_STRING_KEY: 'keys must be plain text',
  RESOURCE_EXHAUSTION: 'the YAML expands to too much data (too many aliases)',
  TAB_AS_INDENT: 'tabs cannot be used for indentation; use spaces',
  TAG_RESOLVE_FAILED: 'a !tag is not supported here',
  UNEXPECTED_TOKEN: 'unexpected text at this place (is a colon, dash or indentation wrong?)',
};

/** A fixed description of a YAML problem; never any of the source text. */
export function yamlProblem(code: string | undefined, message = ''): string {
  if (/call stack/i.test(message)) return 'nested too deeply';
  if (!code && /alias/i.test(message)) return MESSAGES.RESOURCE_EXHAUSTION;
  return MESSAGES[code as ErrorCode] ?? 'the YAML cannot be read';
}

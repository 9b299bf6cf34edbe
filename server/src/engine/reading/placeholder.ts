/**
 * Is a field only a placeholder? Once placeholder phrases (the `formulaic`
 * vocabulary and a rule's own list: "Mixed.", "good rapport") and filler words
 * ("pt", "today", "the", "medication") are taken away, nothing is left. One word
 * of the writer's own ("Mixed: wants relief, fears becoming her mother") is
 * substance. Shared by countertransference-reflection, meaning-reflection,
 * alliance-reflection and decision-recorded, so "placeholder" means one thing.
 */
import { termListFor, tokenize, type TermList } from '../vocabulary/index.ts';

export function onlyPlaceholders(text: string, placeholders: readonly TermList[], filler: ReadonlySet<string>): boolean {
  const tokens = tokenize(text);
  if (tokens.length === 0) return true; // "—", "-", "...", "?"
  const covered = tokens.map(() => false);
  for (const list of placeholders) {
    list.covered(tokens).forEach((c, i) => {
      if (c) covered[i] = true;
    });
  }
  return tokens.every((t, i) => covered[i] || filler.has(t.norm) || filler.has(t.key));
}

const NONE: readonly string[] = [];

/**
 * The placeholder lists a rule checks a field against: the `formulaic`
 * vocabulary and the rule's own `placeholders` option (resolved once per
 * config, so termListFor builds its list once; non-strings are skipped).
 */
export function placeholderLists(formulaic: TermList, own: unknown): TermList[] {
  return [formulaic, termListFor(Array.isArray(own) ? own : NONE)];
}

export const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Words that carry nothing in a short field about a medication or the alliance. */
export const FIELD_FILLER = words(
  "pt pt's patient patient's client she he they her him his their them it it's its this that these the a an to with of " +
    'about re regarding medication medications med meds medicine drug tablet tablets pill pills treatment trial plan ' +
    'taking take feels feel felt feeling feelings is was are were be been being today visit session at time currently ' +
    'overall very quite somewhat bit generally toward towards so far yet as for now and or but also still this on in ' +
    'by me my i we our us alliance rapport therapeutic working relationship between remains remained continues ' +
    'continued fairly reasonably well seems seemed appears appeared has have had n x next',
);

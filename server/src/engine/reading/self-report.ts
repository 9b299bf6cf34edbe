/**
 * Does a stretch of Countertransference prose speak of the clinician's own
 * reactions, or only of the patient? "No issues. Good rapport, pt pleasant and
 * engaged." describes the patient and the alliance; "Warm towards her; a little
 * bored in the middle." is the clinician's own, written as shorthand.
 *
 * A sentence speaks for the clinician when it
 * - refers to the clinician ("I", "my", "me", "this writer", "the clinician"), or
 * - opens, with no subject, on a verb of feeling or noticing ("Felt at ease",
 *   "Noticed some irritation", "Enjoyed the visit"), or
 * - names a reaction (warm, bored, uneasy, protective, rushed...) that belongs
 *   to no one else (whose.ts) in a sentence that does not describe the patient
 *   the way a mental state examination does ("Anxious, tearful, good rapport"
 *   is the patient's presentation, not the writer's feeling).
 */
import { tokenize } from '../vocabulary/index.ts';
import { clauseStarts, lastAtOrBefore, splitSentences } from './sentences.ts';
import { ownerBefore, SELF, type WhoseContext } from './whose.ts';
import { startsUpper } from '../letters.ts';
import { builtinTermList } from '../vocabulary/builtin-lists.ts';


const REACTIONS = builtinTermList('self-report/reactions', [
  'warm', 'warmth', 'fond', 'fondness', 'affection', 'tender', 'tenderness', 'protective', 'moved', 'touched', 'sad',
  'sadness', 'bored', 'boredom', 'tired', 'drained', 'exhausted', 'irritated', 'irritation', 'annoyed', 'annoyance',
  'frustrated', 'frustration', 'impatient', 'impatience', 'angry', 'anger', 'anxious', 'anxiety', 'worried', 'worry',
  'uneasy', 'unease', 'uncomfortable', 'discomfort', 'helpless', 'helplessness', 'hopeless', 'guilty', 'guilt',
  'ashamed', 'shame', 'embarrassed', 'relieved', 'relief', 'hopeful', 'pleased', 'glad', 'curious', 'curiosity',
  'interested', 'distracted', 'rushed', 'hurried', 'pressured', 'pulled', 'drawn to', 'tempted', 'urge', 'pull', 'envy',
  'envious', 'admiration', 'dread', 'scared', 'afraid', 'fear', 'confused', 'lost', 'stuck', 'overwhelmed', 'at ease',
  'calm', 'relaxed', 'comfortable', 'content', 'defensive', 'hurt', 'disappointed', 'disappointment', 'surprised',
  'amused', 'on edge', 'on guard', 'maternal', 'paternal', 'parental', 'rescuing', 'rescue', 'wary', 'cautious',
  'sleepy', 'restless', 'irritable', 'resentful', 'resentment', 'sympathy', 'compassion', 'liking', 'dislike', 'awkward',
  'nervous', 'hesitant', 'unsure', 'uncertain', 'out of my depth', 'at a loss', 'powerless', 'inadequate', 'useless',
  'grateful', 'tense', 'tension', 'heavy', 'heaviness', 'numb', 'detached', 'flat', 'engaged by', 'enjoyed', 'liked',
  'disliked', 'wanted', 'wished', 'hoped',
  // Placeholders when the program keeps them ("Fine." once `fine` is removed from the formulaic vocabulary).
  'fine', 'ok', 'okay', 'good',
]);

/** Verbs of feeling and noticing that open a subjectless sentence about the writer. */
const OPENING_VERBS = new Set([
  'felt', 'feel', 'feeling', 'noticed', 'noticing', 'found', 'enjoyed', 'liked', 'disliked', 'wished', 'caught',
  'aware', 'realised', 'realized', 'hoped', 'dreaded', 'wondered', 'sensed',
]);

/** How a mental state examination describes the patient: not the writer's feelings. */
const PRESENTATION = builtinTermList('self-report/presentation', [
  'pleasant', 'engaged', 'engaging', 'cooperative', 'co-operative', 'appropriate', 'tearful', 'euthymic', 'dysthymic',
  'guarded', 'polite', 'friendly', 'eye contact', 'rapport', 'alliance', 'well groomed', 'well-groomed', 'kempt',
  'linear', 'logical', 'coherent', 'organised', 'organized', 'reactive', 'affect', 'mood', 'insight', 'judgement',
  'judgment', 'presented', 'presentation', 'pt', 'patient', 'client', 'compliant', 'adherent', 'agreeable', 'receptive',
  'forthcoming', 'talkative', 'animated', 'settled', 'stable',
]);

export function speaksForSelf(text: string, ctx: WhoseContext = {}): boolean {
  const tokens = tokenize(text);
  if (tokens.some((t) => SELF.has(t.norm))) return true;
  const clauses = clauseStarts(text);
  const reactions = REACTIONS.findInTokens(tokens);
  const presentation = PRESENTATION.findInTokens(tokens).map((m) => m.start);
  for (const sentence of splitSentences(text)) {
    const inside = (offset: number) => offset >= sentence.start && offset < sentence.end;
    const first = tokens.find((t) => inside(t.start));
    if (first && OPENING_VERBS.has(first.norm) && startsUpper(first.raw)) return true;
    if (presentation.some(inside)) continue;
    for (const r of reactions) {
      if (!inside(r.start)) continue;
      const clauseStart = clauses[lastAtOrBefore(clauses, r.start)] ?? 0;
      const owner = ownerBefore(tokens, r.tokenIndex, clauseStart, text, ctx);
      if (owner === 'none' || owner === 'self') return true;
    }
  }
  return false;
}

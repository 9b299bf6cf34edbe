/**
 * countertransference-prescribing: a medication is started or increased while the
 * Countertransference section records a pull toward prescribing: the
 * clinician's own pressure, wish to act or wish to please, or pressure from a
 * third party, tied in its sentence to acting, prescribing or a medication of
 * the note. A prompt to pause, never a verdict.
 *
 * How the section is read (reading/pull.ts, reading/reflection.ts):
 * - a pull counts when it is the clinician's (not the patient's or someone
 *   else's feeling), not negated, not a feeling aimed at someone else's
 *   behaviour ("impatient with her parents"), and tied to acting in its
 *   sentence ("went along with raising the sertraline", "urge to add");
 * - a section that already weighs the pull ("asked myself whether this was for
 *   her or for me", "wondered aloud with her whether the tablet was for her or
 *   for her mother"), holds it ("held off", "rather than add") or takes it to
 *   someone (supervision) has answered the prompt, unless the started or
 *   increased medication is itself named in a pull sentence that has no such
 *   reflection.
 * Which changes count is the `changes` option (default `start`, `increase`).
 */
import { defineRule } from './types.ts';
import { sectionRole, type Medication, type Note } from '../model/note.ts';
import { changesOption } from './util.ts';
import type { Range } from '../model/text.ts';
import { termListFor, tokenize, type TermList } from '../vocabulary/index.ts';
import { regionText, type RegionText } from '../vocabulary/note-text.ts';
import { medicationWords } from '../reading/acting.ts';
import { readPulls, type PullMention } from '../reading/pull.ts';
import { reflectiveSentences } from '../reading/reflection.ts';
import type { Span } from '../reading/sentences.ts';
import { relationshipNames } from '../reading/relationships.ts';

const VERB: Record<string, string> = {
  start: 'started', increase: 'increased', switch: 'switched', decrease: 'decreased', taper: 'tapered',
  stop: 'stopped', continue: 'continued', hold: 'held', restart: 'restarted',
};


export interface CountertransferenceReading {
  pulls: PullMention[];
  /** Sentences (indexes into `sentences`) that reflect on a pull. */
  reflectiveSentences: Set<number>;
  sentences: Span[];
}

/** Pulls toward prescribing and reflection on them in Countertransference prose. */
export function readCountertransference(
  text: string,
  pressure: TermList,
  options: { medicationNames?: ReadonlySet<string>; names?: ReadonlySet<string>; reflectionPhrases?: TermList } = {},
): CountertransferenceReading {
  const medicationNames = options.medicationNames ?? new Set<string>();
  // Medication names are capitalised in prose but are not people ("Sertraline felt like the only thing").
  const ctx = { medicationNames, ...(options.names ? { names: options.names } : {}), notPeople: medicationNames };
  const { pulls, sentences, tokens } = readPulls(text, pressure, ctx);
  const reflective = reflectiveSentences(text, sentences, { ...ctx, ...(options.reflectionPhrases ? { extraPhrases: options.reflectionPhrases } : {}) }, tokens);
  return { pulls, reflectiveSentences: reflective, sentences };
}

/** "Sertraline 100 mg daily" → "Sertraline"; "Lithium carbonate 300 mg" → "Lithium carbonate". */
export function medicationName(title: string): string {
  const words = title.trim().split(/\s+/);
  const name: string[] = [];
  for (const w of words) {
    if (/^\d/.test(w) || /^\(/.test(w)) break;
    name.push(w);
    if (name.length >= 3) break;
  }
  return (name.join(' ') || title.trim()).replace(/[,;:.]+$/, '');
}

function namesMedication(words: ReadonlySet<string>, med: Medication): boolean {
  const first = tokenize(medicationName(med.title))[0];
  return !!first && first.norm.length >= 3 && words.has(first.key);
}

export default defineRule({
  id: 'countertransference-prescribing',
  description:
    'A medication is started or increased while the Countertransference section records a pull toward prescribing (pressure, a wish to act or to please).',
  defaultSeverity: 'info',
  defaultOptions: { changes: ['start', 'increase'], reflectionPhrases: [], acceptReflection: true },
  optionsSchema: {
    type: 'object',
    properties: {
      changes: changesOption('Change values that count as acting (default start and increase).'),
      reflectionPhrases: {
        type: 'array',
        items: { type: 'string' },
        description: 'Extra phrases that count as reflection on the pull (the rule already reads weighing, holding back and supervision).',
      },
      acceptReflection: {
        type: 'boolean',
        description: 'Whether reflection already written in the section answers the prompt (default true).',
      },
    },
    additionalProperties: false,
  },
  fixable: false,
  check({ note, options, vocabulary, report }) {
    const changes = new Set((Array.isArray(options.changes) ? options.changes : ['start', 'increase']).map((c) => String(c).toLowerCase()));
    const acting = note.medications.filter((m) => m.change !== undefined && changes.has(m.change));
    if (acting.length === 0) return;
    const sections = note.sections.filter((s) => sectionRole(s) === 'Countertransference');
    if (sections.length === 0) return;
    // The option's own array (resolved once per config), so its TermList is built once.
    const extra = Array.isArray(options.reflectionPhrases) ? options.reflectionPhrases : [];
    for (const section of sections) {
      const region = regionText(note, section.bodyRange);
      const reading = readCountertransference(region.text, vocabulary.pressure, {
        medicationNames: medicationWords(note.medications.map((m) => m.title)),
        names: relationshipNames(note),
        ...(extra.length ? { reflectionPhrases: termListFor(extra) } : {}),
      });
      if (reading.pulls.length === 0) continue;
      const reflected = options.acceptReflection !== false && reading.reflectiveSentences.size > 0;
      // Words of the pull sentences that carry no reflection of their own.
      const unreflected = new Set<string>();
      for (const i of new Set(reading.pulls.map((p) => p.sentence))) {
        if (options.acceptReflection !== false && reading.reflectiveSentences.has(i)) continue;
        for (const t of tokenize(sentenceText(region, reading, i))) unreflected.add(t.key);
      }
      for (const med of acting) {
        // Named in a pull sentence without reflection: prompt regardless.
        if (reflected && !namesMedication(unreflected, med)) continue;
        report({
          range: anchor(note, med),
          message:
            `${medicationName(med.title)} is ${VERB[med.change!] ?? med.change} while the Countertransference ` +
            'section records a pull to act. Worth a moment: whose distress does this change relieve?',
          related: relatedMentions(region, reading),
        });
      }
      return;
    }
  },
});

function sentenceText(region: RegionText, reading: CountertransferenceReading, i: number): string {
  const s = reading.sentences[i];
  return s ? region.text.slice(s.start, s.end) : '';
}

/** The `Change:` field (name through value), else the medication heading. */
function anchor(note: Note, med: Medication): Range {
  const field = med.fields.find((f) => f.key === 'change');
  if (field) return { start: field.nameRange.start, end: field.valueRange.end };
  return med.titleRange;
}

function relatedMentions(region: RegionText, reading: CountertransferenceReading) {
  return reading.pulls.slice(0, 3).map((p) => ({
    range: region.rangeOf(p.start, p.end),
    message: 'The pull to act recorded here.',
  }));
}

/**
 * Whose is a phrase? Notes are written by the clinician, about the person and
 * the people around them. A feeling, a wish or a pressure belongs to the
 * nearest person word before it in its clause:
 *
 * - `self`: I, me, my, myself; also "this writer", "the clinician", "prescriber"
 *   (notes written in the third person about their author);
 * - `patient`: she, he, they, her, him, them, pt, patient, client;
 * - `third`: anyone else: family (mother, wife, partner...), teams and services
 *   (ward, team, GP, school, insurer...), and a capitalised name;
 * - `none`: no person word (clinical shorthand: "Felt rushed.").
 *
 * "We" is transparent ("we talked about anger" says nothing about whose anger).
 */
import type { Token } from '../vocabulary/index.ts';
import { startsCapitalThenSmall } from '../letters.ts';


export type Owner = 'self' | 'patient' | 'third' | 'none';

export const SELF = new Set([
  'i', 'me', 'my', 'myself', 'mine', "i'm", "i've", "i'd", "i'll", 'writer', "writer's", 'clinician', "clinician's",
  'prescriber', "prescriber's", 'undersigned',
]);
export const WE = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we'd", "we've", "we'll"]);
export const PATIENT = new Set([
  'he', 'she', 'they', 'him', 'her', 'his', 'hers', 'their', 'them', 'theirs', 'himself', 'herself', 'themselves',
  "he's", "she's", "they're", "he'd", "she'd", "they'd", "he'll", "she'll", "they'll", 'patient', "patient's", 'pt',
  "pt's", 'client', "client's",
]);
export const THIRD = new Set(
  (
    "partner partner's wife wife's husband husband's mother mother's father father's mum mum's mom mom's dad dad's " +
    "parents parents' parent son son's daughter daughter's family family's sister sister's brother brother's aunt uncle " +
    "grandmother grandfather gran grandma grandpa nan cousin fiance fiancee boyfriend girlfriend ex carer carers " +
    "friend friends boss manager employer colleague colleagues everyone somebody someone team ward nurse nurses nursing " +
    "gp gp's pcp doctor doctors psychiatrist psychologist therapist consultant registrar resident supervisor " +
    "school teacher teachers court probation police insurer insurance pharmacy pharmacist referrer council agency " +
    "worker caseworker social keyworker coordinator system service services clinic hospital relatives relative " +
    "household landlord lawyer solicitor"
  ).split(/\s+/),
);

/** Capitalised words that open sentences without naming anyone. */
const OPENERS = new Set(
  (
    'the this that these those there it its when while after before today tonight then also and but so some at in on ' +
    'as a an by for with from toward towards during afterwards later still again perhaps maybe partly mostly once ' +
    'since until what which how why where if though although because felt feeling noticed found no not nothing ' +
    'we our us both all much more less very quite rather throughout overall near end start pulled tempted pressured ' +
    'pushed wanted wished urge running behind late overwhelmed helpless frustrated impatient annoyed guilty anxious ' +
    'worried stuck tired drained warm enjoyed liked caught aware ambivalent mixed good fine ok pleasant rapport ' +
    'took asked wondered checked held chose decided agreed sat resisted did didn’t didn\'t had have was were is'
  ).split(/\s+/),
);

const NEGATORS = new Set([
  'not', 'no', 'never', 'without', "didn't", "wasn't", "don't", "isn't", 'hardly', 'nor', 'neither', "weren't",
  "haven't", "hadn't", 'nothing', 'less', 'none',
]);

export interface WhoseContext {
  /** Names known to be people (the labels of the Relationships section: "Maria", "Dr Reyes"). */
  names?: ReadonlySet<string>;
  /** Capitalised words known not to be people (the note's medication names). */
  notPeople?: ReadonlySet<string>;
}

/**
 * What a word says about whose a phrase is. A capitalised word inside a sentence
 * is a name ("I felt for Maria"); at the start of a sentence it is a name only
 * when the Relationships section lists it, since "Running late" and "Pulled to
 * act" open sentences too.
 */
export function classify(tokens: readonly Token[], k: number, text: string, ctx: WhoseContext = {}): Owner | 'we' | undefined {
  const t = tokens[k]!;
  if (SELF.has(t.norm)) return 'self';
  if (WE.has(t.norm)) return 'we';
  if (PATIENT.has(t.norm)) return 'patient';
  if (THIRD.has(t.norm)) return 'third';
  if (!startsCapitalThenSmall(t.raw) || ctx.notPeople?.has(t.norm)) return undefined;
  if (ctx.names?.has(t.norm)) return 'third';
  const before = text.slice(tokens[k - 1]?.end ?? 0, t.start);
  const sentenceInitial = k === 0 || /[.!?;:\n—–]|\s-\s/.test(before) || /^\s*["'“‘(*_]*\s*$/.test(before) && !tokens[k - 1];
  if (sentenceInitial || OPENERS.has(t.norm)) return undefined;
  return 'third';
}

/** Pronouns that are never the subject of a verb: "I asked to see *her* alone and checked". */
const OBJECTS = new Set(['her', 'him', 'them', 'me', 'us', 'his', 'their', 'hers', 'theirs', 'my', 'mine', 'herself', 'himself', 'themselves', 'myself']);

/**
 * Owner of the phrase starting at token `i`: the nearest person word before it
 * within the clause (up to 15 words back). "We" is skipped. For a noun or
 * adjective ("her helplessness") a possessive decides; for a verb (`verb: true`:
 * "checked", "resisted") only a subject does, so object pronouns are skipped.
 */
export function ownerBefore(
  tokens: readonly Token[],
  i: number,
  clauseStart: number,
  text: string,
  ctx: WhoseContext = {},
  verb = false,
): Owner {
  for (let k = i - 1; k >= Math.max(0, i - 15); k--) {
    const t = tokens[k]!;
    if (t.start < clauseStart) break;
    if (verb && OBJECTS.has(t.norm)) continue;
    const c = classify(tokens, k, text, ctx);
    if (c === 'we' || c === undefined) continue;
    return c;
  }
  return 'none';
}

/** Whether one of the three words before token `i` (within the clause) negates it. */
export function negatedAt(tokens: readonly Token[], i: number, clauseStart: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k]!;
    if (t.start < clauseStart) break;
    if (NEGATORS.has(t.norm) || t.norm.endsWith("n't")) return true;
  }
  return false;
}

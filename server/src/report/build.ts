/**
 * Program reports for training programs: per clinician and per rule, counts and
 * trends by month. Built from visit summaries and lint findings, and by design
 * blind to content: no note text, no finding messages, no patients, no paths,
 * no dates finer than a month. Clinicians are "Clinician A", "Clinician B", …
 * unless the caller asks for names.
 */
import type { Finding, VisitSummary } from '../engine/index.ts';

export interface ReportNote {
  summary: VisitSummary;
  findings: readonly Finding[];
}

export interface ReportOptions {
  /** Label clinicians by their front-matter `clinician` value instead of "Clinician A". Default false. */
  nameClinicians?: boolean;
  /** Rule IDs to list even when nothing fired (e.g. every enabled rule), in addition to those that did. */
  ruleIds?: readonly string[];
}

export interface Metrics {
  notes: number;
  /** Medication entries, and those whose Rationale links a goal. */
  medicationEntries: number;
  goalLinkedEntries: number;
  /** Notes whose Countertransference section is written and reflective (not empty, not formulaic, no finding). */
  reflectiveNotes: number;
  findings: number;
  /** Findings per rule ID. */
  findingsByRule: Record<string, number>;
}

export interface Shares {
  /** goalLinkedEntries / medicationEntries, or null without entries. */
  goalLinkedRationale: number | null;
  /** reflectiveNotes / notes, or null without notes. */
  reflectiveCountertransference: number | null;
  /** findings / notes, or null without notes. */
  findingsPerNote: number | null;
}

export interface PeriodMetrics extends Metrics {
  /** `YYYY-MM`. */
  period: string;
  shares: Shares;
}

export interface ClinicianReport {
  label: string;
  totals: Metrics & { shares: Shares };
  byPeriod: PeriodMetrics[];
}

export interface RuleTrend {
  ruleId: string;
  total: number;
  /** Notes with at least one finding of this rule. */
  notesAffected: number;
  perNote: number | null;
  byPeriod: { period: string; count: number; perNote: number | null }[];
}

export interface ProgramReport {
  version: 1;
  /** True when clinicians are labelled "Clinician A", … */
  anonymized: boolean;
  /** Every month with at least one dated note, ascending (`YYYY-MM`). */
  periods: string[];
  /** Notes without a valid date: counted in totals, in no period. */
  undatedNotes: number;
  totals: Metrics & { shares: Shares };
  byPeriod: PeriodMetrics[];
  clinicians: ClinicianReport[];
  rules: RuleTrend[];
}

const UNATTRIBUTED = 'Unattributed';

export function buildReport(notes: readonly ReportNote[], options: ReportOptions = {}): ProgramReport {
  const periodOf = (n: ReportNote) => n.summary.date?.slice(0, 7);
  const periods = [...new Set(notes.map(periodOf).filter((p): p is string => !!p))].sort();

  // Clinician labels: order of first (dated) note, then name; the name itself never leaves unless asked.
  const firstSeen = new Map<string, string>();
  for (const n of notes) {
    const c = n.summary.clinician;
    if (!c) continue;
    const d = n.summary.date ?? '9999-99-99';
    const prev = firstSeen.get(c);
    if (prev === undefined || d < prev) firstSeen.set(c, d);
  }
  const ordered = [...firstSeen.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const labels = new Map<string, string>(
    ordered.map(([name], i) => [name, options.nameClinicians ? name : `Clinician ${letters(i)}`]),
  );
  const labelOf = (n: ReportNote) => (n.summary.clinician ? labels.get(n.summary.clinician)! : UNATTRIBUTED);

  const ruleIds = new Set<string>(options.ruleIds ?? []);
  for (const n of notes) for (const f of n.findings) ruleIds.add(f.ruleId);

  const clinicianLabels = [...labels.values()];
  if (notes.some((n) => !n.summary.clinician)) clinicianLabels.push(UNATTRIBUTED);

  const rules: RuleTrend[] = [...ruleIds].sort().map((ruleId) => {
    const count = (list: readonly ReportNote[]) => list.reduce((k, n) => k + n.findings.filter((f) => f.ruleId === ruleId).length, 0);
    const total = count(notes);
    return {
      ruleId,
      total,
      notesAffected: notes.filter((n) => n.findings.some((f) => f.ruleId === ruleId)).length,
      perNote: ratio(total, notes.length),
      byPeriod: periods.map((period) => {
        const inPeriod = notes.filter((n) => periodOf(n) === period);
        const c = count(inPeriod);
        return { period, count: c, perNote: ratio(c, inPeriod.length) };
      }),
    };
  });
  rules.sort((a, b) => b.total - a.total || (a.ruleId < b.ruleId ? -1 : 1));

  return {
    version: 1,
    anonymized: !options.nameClinicians,
    periods,
    undatedNotes: notes.filter((n) => !periodOf(n)).length,
    totals: withShares(metrics(notes)),
    byPeriod: periods.map((period) => ({ period, ...withShares(metrics(notes.filter((n) => periodOf(n) === period))) })),
    clinicians: clinicianLabels.map((label) => {
      const mine = notes.filter((n) => labelOf(n) === label);
      const myPeriods = periods.filter((p) => mine.some((n) => periodOf(n) === p));
      return {
        label,
        totals: withShares(metrics(mine)),
        byPeriod: myPeriods.map((period) => ({ period, ...withShares(metrics(mine.filter((n) => periodOf(n) === period))) })),
      };
    }),
    rules,
  };
}

function metrics(notes: readonly ReportNote[]): Metrics {
  const m: Metrics = { notes: notes.length, medicationEntries: 0, goalLinkedEntries: 0, reflectiveNotes: 0, findings: 0, findingsByRule: {} };
  for (const n of notes) {
    // `###` entries only: a medication written as prose is `prose-medication`'s finding, counted there.
    const entries = n.summary.medications.filter((x) => !x.prose);
    m.medicationEntries += entries.length;
    m.goalLinkedEntries += entries.filter((x) => x.goalLinked).length;
    const flagged = n.findings.some((f) => f.ruleId === 'countertransference-reflection');
    if (n.summary.countertransference === 'written' && !flagged) m.reflectiveNotes++;
    m.findings += n.findings.length;
    for (const f of n.findings) m.findingsByRule[f.ruleId] = (m.findingsByRule[f.ruleId] ?? 0) + 1;
  }
  m.findingsByRule = Object.fromEntries(Object.entries(m.findingsByRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return m;
}

function withShares(m: Metrics): Metrics & { shares: Shares } {
  return {
    ...m,
    shares: {
      goalLinkedRationale: ratio(m.goalLinkedEntries, m.medicationEntries),
      reflectiveCountertransference: ratio(m.reflectiveNotes, m.notes),
      findingsPerNote: ratio(m.findings, m.notes),
    },
  };
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((a / b) * 1000) / 1000;
}

/** 0 → A, 25 → Z, 26 → AA. */
function letters(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/**
 * `visitnotes timeline <patient> [paths...]`: one patient's course of care as a
 * self-contained HTML page (stdout or -o). The patient is matched by a
 * `patient-key`, by the notes' `patient` value (case-insensitive) or, for folder
 * grouping, by the folder. When that names more than one person (same initials,
 * a flat folder), the run stops and asks for the patient key: one person's
 * course is never drawn with another's visits.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { courseFor, displayPatient, groupKey, loosePseudonym, normalizePatientKey, type VisitIndex, type VisitSummary } from '../../engine/index.ts';
import { renderTimeline } from '../../timeline/render.ts';
import { closest } from '../args.ts';
import { EXIT_OK, UsageError, type Io } from '../io.ts';
import { loadWorkspace, type WorkspaceOptions } from './workspace.ts';

export interface TimelineRunOptions extends WorkspaceOptions {
  patient: string;
  outputFile: string | undefined;
}

export async function runTimeline(options: TimelineRunOptions, io: Io): Promise<number> {
  const { index, notes } = await loadWorkspace(options, io);
  const wanted = options.patient.trim();
  const byKey = index.all().find((v) => v.patientKey && normalizePatientKey(v.patientKey) === normalizePatientKey(wanted));
  if (byKey) return draw(courseFor(index, byKey.path), wanted, options, io);
  const byPatient = groupKey('', wanted, 'patient');
  const byFolder = `folder:${path.resolve(io.cwd, wanted)}`;
  const normalized = wanted.replace(/\s+/g, ' ').toLowerCase();
  let keys = index.keys().filter((k) => k === byPatient || k === byFolder);
  if (keys.length === 0) {
    // Folder grouping, but named by pseudonym: every course holding that patient value.
    keys = index.keys().filter((k) => k.startsWith('folder:') && index.visitsFor(k).some((v) => v.patient?.replace(/\s+/g, ' ').toLowerCase() === normalized));
  }
  if (keys.length === 0) {
    const known = [...new Set(index.all().map((v) => v.patient).filter((p): p is string => !!p))];
    const close = closest(wanted, known);
    // Another patient's value is shown only as the timeline would show it (a full name is masked).
    const hint = close && displayPatient(close);
    throw new UsageError(
      `No notes for patient "${wanted}" among the ${notes.length} note${notes.length === 1 ? '' : 's'} found.${hint ? ` Did you mean "${hint}"?` : ''}`,
    );
  }
  if (keys.length > 1) {
    const folders = keys.map((k) => path.relative(io.cwd, k.slice('folder:'.length)) || '.');
    throw new UsageError(`"${wanted}" names ${keys.length} courses of care (one per folder: ${folders.join(', ')}); give the folder instead.`);
  }
  // Named by pseudonym: only the courses with that pseudonym (a flat folder holds others too).
  const byName = keys[0] !== byFolder;
  const courses = peopleIn(index, keys[0]!).filter((c) => !byName || c.some((v) => loosePseudonym(v.patient) === loosePseudonym(wanted)));
  if (courses.length > 1) {
    const named = courses.map((c) => c.find((v) => v.patientKey)?.patientKey).filter((k): k is string => !!k);
    throw new UsageError(
      `"${wanted}" names ${courses.length} different people here (different patient keys, or notes that share nothing). ` +
        (named.length ? `Give a patient key instead: ${named.join(', ')}.` : 'Give each person’s notes their own patient-key.'),
    );
  }
  return draw(courses[0] ?? [], wanted, options, io);
}

/** The distinct courses of care in a bucket (persons.ts tells them apart). */
function peopleIn(index: VisitIndex, bucketKey: string): VisitSummary[][] {
  const seen = new Set<string>();
  const out: VisitSummary[][] = [];
  for (const v of index.visitsFor(bucketKey)) {
    if (seen.has(v.path)) continue;
    const course = courseFor(index, v.path);
    for (const c of course) seen.add(c.path);
    out.push(course);
  }
  return out;
}

async function draw(visits: VisitSummary[], wanted: string, options: TimelineRunOptions, io: Io): Promise<number> {
  const html = renderTimeline(visits, { patient: visits.find((v) => v.patient)?.patient ?? wanted });
  if (options.outputFile === undefined) io.stdout.write(html);
  else {
    const out = path.resolve(io.cwd, options.outputFile);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, html);
  }
  return EXIT_OK;
}

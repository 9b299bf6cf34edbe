/**
 * `visitnotes timeline <patient> [paths...]`: one patient's course of care as a
 * self-contained HTML page (stdout or -o). The patient is matched by the notes'
 * `patient` value (case-insensitive) or, for folder grouping, by the folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPatient, groupKey } from '../../engine/index.ts';
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
  const visits = index.visitsFor(keys[0]!);
  const html = renderTimeline(visits, { patient: visits.find((v) => v.patient)?.patient ?? wanted });
  if (options.outputFile === undefined) io.stdout.write(html);
  else {
    const out = path.resolve(io.cwd, options.outputFile);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, html);
  }
  return EXIT_OK;
}

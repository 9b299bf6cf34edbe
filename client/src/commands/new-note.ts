/**
 * `Visit Notes: New Note`: pick a template (those of the folder's config) and a
 * pseudonym; today's date is filled in. Creates `<date>-<pseudonym>.visit.md`
 * and fills it as a snippet: the template's sections with prompts to tab through.
 *
 * The note gets a `patient-key`: when earlier notes with that pseudonym carry
 * keys (the language server knows them), New Note asks whether this is the same
 * person (copy the key) or someone else with the same initials (a new random
 * key); otherwise it writes a new random key. The key is never derived from the
 * pseudonym, a name or a date.
 */
import * as vscode from 'vscode';
import type { ResolvedTemplate } from '../../../server/src/engine/index.ts';
import { noteBaseName } from '../../../server/src/engine/workspace/note-files.ts';
import {
  checkPseudonym,
  defaultPatientKey,
  fileNameFor,
  patientKeyChoices,
  today,
  yamlScalar,
  type KnownPatientKey,
} from '../note-names.ts';

export interface NewNoteArgs {
  /** Skip the prompts (tests, other extensions): all optional. */
  template?: string;
  patient?: string;
  folder?: vscode.Uri;
  date?: string;
  /** A `patient-key` to write, or `new` for a new random one; skips the same-person question. */
  patientKey?: string;
}

/** Keys earlier notes with this pseudonym carry, in the folder the note goes to (empty without a server). */
export type PatientKeyLookup = (folder: vscode.Uri, patient: string) => Promise<KnownPatientKey[]>;

/** What New Note takes from the engine, for a note at a place. */
export interface NoteTemplates {
  templates: readonly ResolvedTemplate[];
  defaultTemplate: string;
  changeValues: readonly string[];
  newPatientKey(): string;
}

/** The template as a snippet: front matter filled in, one tab stop per section prompt. */
export function noteSnippet(
  template: ResolvedTemplate,
  patient: string,
  date: string,
  changeValues: readonly string[],
  patientKey?: string,
): vscode.SnippetString {
  const s = new vscode.SnippetString();
  s.appendText(`---\npatient: ${yamlScalar(patient)}\ndate: ${date}\n${patientKey ? `patient-key: ${patientKey}\n` : ''}clinician: `);
  s.appendPlaceholder('Your name');
  s.appendText(`\nvisit: `);
  s.appendChoice(template.name === 'intake' ? ['intake', 'follow-up', 'crisis', 'transfer', 'other'] : ['follow-up', 'intake', 'crisis', 'transfer', 'other']);
  s.appendText(`\ntemplate: ${template.name}\n---\n`);
  for (const section of template.sections) {
    s.appendText(`\n## ${section.name}\n`);
    if (section.name === 'Goals') {
      s.appendText('- [G1] ');
      s.appendPlaceholder('Something they want to do or be able to do');
      s.appendText('\n');
    } else if (section.name === 'Medication meaning') {
      s.appendText('### ');
      s.appendPlaceholder('Medication dose schedule');
      s.appendText('\n- Change: ');
      s.appendChoice([...changeValues]);
      s.appendText('\n- Rationale: ');
      s.appendPlaceholder('How it helps them toward a goal');
      s.appendText(' [G1].\n');
      for (const field of template.medicationFields.filter((f) => !/^(rationale|change)$/i.test(f))) {
        s.appendText(`- ${field}: `);
        s.appendPlaceholder(field === 'Meaning' ? 'What taking it means to them' : '');
        s.appendText('\n');
      }
    } else {
      s.appendPlaceholder(section.description ?? '');
      s.appendText('\n');
    }
  }
  s.appendTabstop(0);
  return s;
}

export async function newNote(
  templatesFor: (note: vscode.Uri) => Promise<NoteTemplates>,
  args: NewNoteArgs | vscode.Uri = {},
  lookupKeys: PatientKeyLookup = async () => [],
): Promise<vscode.TextEditor | undefined> {
  const opts: NewNoteArgs = args instanceof vscode.Uri ? { folder: args } : (args ?? {});
  const folder = opts.folder ?? (await pickFolder());
  if (!folder) {
    void vscode.window.showWarningMessage('Visit Notes: open a folder first; new notes are created in it.');
    return undefined;
  }
  const config = await templatesFor(vscode.Uri.joinPath(folder, 'new.visit.md'));
  let templateName = opts.template;
  if (!templateName) {
    const items = config.templates.map((t) => ({
      label: t.name,
      description: t.name === config.defaultTemplate ? 'default' : '',
      detail: t.description ?? t.sections.map((s) => s.name).join(' · '),
    }));
    items.sort((a, b) => Number(b.label === config.defaultTemplate) - Number(a.label === config.defaultTemplate));
    const picked = await vscode.window.showQuickPick(items, { title: 'New visit note (1/2): template', placeHolder: 'Which template?' });
    if (!picked) return undefined;
    templateName = picked.label;
  }
  const template = config.templates.find((t) => t.name === templateName);
  if (!template) {
    void vscode.window.showErrorMessage(`Visit Notes: no template named "${templateName}" in this folder's config.`);
    return undefined;
  }
  const patient =
    opts.patient ??
    (await vscode.window.showInputBox({
      title: 'New visit note (2/2): patient',
      prompt: 'Initials or a pseudonym, never a full name',
      placeHolder: 'R.M.',
      validateInput: checkPseudonym,
    }));
  if (patient === undefined || checkPseudonym(patient)) return undefined;
  let patientKey = opts.patientKey === 'new' ? undefined : opts.patientKey;
  if (opts.patientKey === undefined) {
    const known = await lookupKeys(folder, patient.trim()).catch(() => [] as KnownPatientKey[]);
    if (opts.patient !== undefined) patientKey = defaultPatientKey(known);
    else {
      const choices = patientKeyChoices(known, patient.trim());
      if (choices.length) {
        const picked = await vscode.window.showQuickPick(choices, {
          title: 'New visit note: which person?',
          placeHolder: `Earlier notes with ${patient.trim()} carry a patient key`,
        });
        if (!picked) return undefined;
        patientKey = picked.key;
      }
    }
  }
  patientKey ??= config.newPatientKey();
  const date = opts.date ?? today();
  const uri = await freeName(folder, fileNameFor(date, patient.trim()));
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(noteSnippet(template, patient.trim(), date, config.changeValues, patientKey), new vscode.Position(0, 0));
  return editor;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  // Beside the open note, in its own file system (the disk, or vscode.dev's and github.dev's).
  if (active && vscode.workspace.getWorkspaceFolder(active)) return vscode.Uri.joinPath(active, '..');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the note go?' }))?.uri;
}

async function freeName(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const base = noteBaseName(name);
  for (let i = 1; ; i++) {
    const candidate = vscode.Uri.joinPath(folder, i === 1 ? name : `${base}-${i}.visit.md`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

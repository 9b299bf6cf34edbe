/**
 * The open note's health in the status bar: errors, warnings and missing
 * sections (from the language server's diagnostics). Clicking opens Problems
 * or the preview (`visitNotes.statusBar.clickAction`). Also keeps the context
 * keys menus and the walkthrough use: `visitNotes.noteActive` and
 * `visitNotes.activeNoteClean`.
 */
import * as vscode from 'vscode';
import { findingDetailsOf, ruleIdOf } from './rule-id.ts';
import type { NoteDetector } from './notes.ts';

export interface NoteHealth {
  errors: number;
  warnings: number;
  infos: number;
  missingSections: string[];
}

export function healthOf(diagnostics: readonly vscode.Diagnostic[]): NoteHealth {
  const h: NoteHealth = { errors: 0, warnings: 0, infos: 0, missingSections: [] };
  for (const d of diagnostics) {
    const rule = ruleIdOf(d);
    if (!rule) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) h.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) h.warnings++;
    else h.infos++;
    if (rule === 'required-section') {
      const section = findingDetailsOf(d)?.section;
      h.missingSections.push(typeof section === 'string' ? section : 'a section');
    }
  }
  return h;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class NoteHealthStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private generation = 0;

  constructor(private readonly notes: NoteDetector) {
    this.item = vscode.window.createStatusBarItem('visitNotes.health', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Visit Notes: note health';
    this.item.command = 'visitNotes.statusBarClick';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('visitNotes.statusBar')) void this.update();
      }),
    );
    void this.update();
  }

  /** Health of the active note, or undefined when the active editor holds no note. */
  async current(): Promise<NoteHealth | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !(await this.notes.isNote(doc))) return undefined;
    return healthOf(vscode.languages.getDiagnostics(doc.uri));
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const health = await this.current();
    if (generation !== this.generation) return; // a newer update is on its way
    void vscode.commands.executeCommand('setContext', 'visitNotes.noteActive', !!health);
    const clean = !!health && health.errors + health.warnings + health.infos === 0;
    void vscode.commands.executeCommand('setContext', 'visitNotes.activeNoteClean', clean);
    const enabled = vscode.workspace.getConfiguration('visitNotes').get<boolean>('statusBar.enabled', true);
    if (!health || !enabled) {
      this.item.hide();
      return;
    }
    const parts: string[] = [];
    if (health.errors || health.warnings) parts.push(`$(error) ${health.errors}`, `$(warning) ${health.warnings}`);
    else parts.push(health.infos ? `$(info) ${health.infos}` : '$(pass) Note clean');
    if (health.missingSections.length) parts.push(`$(list-unordered) ${plural(health.missingSections.length, 'missing section')}`);
    this.item.text = parts.join('  ');
    const summary = `${plural(health.errors, 'error')}, ${plural(health.warnings, 'warning')}, ${plural(health.infos, 'info')}`;
    const tooltip = new vscode.MarkdownString(`**Visit note**: ${summary}`);
    if (health.missingSections.length) tooltip.appendMarkdown(`\n\nMissing: ${health.missingSections.map((s) => `*${s}*`).join(', ')}`);
    tooltip.appendMarkdown('\n\nClick to open the problems or the preview.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: `Visit note health: ${summary}${health.missingSections.length ? `, ${plural(health.missingSections.length, 'missing section')}` : ''}`,
    };
    this.item.backgroundColor = health.errors
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : health.warnings
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.show();
  }

  /** What a click does: Problems when there is something to fix, else the preview (or as configured). */
  async click(): Promise<void> {
    const action = vscode.workspace.getConfiguration('visitNotes').get<string>('statusBar.clickAction', 'auto');
    const health = await this.current();
    const problems = action === 'problems' || (action === 'auto' && !!health && health.errors + health.warnings > 0);
    await vscode.commands.executeCommand(problems ? 'workbench.actions.view.problems' : 'visitNotes.openPreviewToSide');
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * The subcommand table. A new command is one module under commands/ and one line
 * here; each is loaded only when it runs, so `--version` and `--help` stay fast.
 */
import type { Command } from './types.ts';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'lint', summary: 'Lint notes (the default command)', load: async () => (await import('./lint.ts')).default },
  { name: 'rules', summary: 'List every rule with its default severity', load: async () => (await import('./rules.ts')).default },
  { name: 'init', summary: 'Write a starter .visitnotes.yaml and an example note', load: async () => (await import('./init.ts')).default },
  { name: 'lsp', summary: 'Start the language server (--stdio)', load: async () => (await import('./lsp.ts')).default },
  { name: 'timeline', summary: "Draw one patient's course of care as an HTML page", load: async () => (await import('./timeline.ts')).default },
  { name: 'report', summary: 'Program report per clinician and rule, by month (counts only)', load: async () => (await import('./report.ts')).default },
  { name: 'export', summary: 'Write a note as self-contained HTML to share (Countertransference left out)', load: async () => (await import('./export.ts')).default },
];

export const DEFAULT_COMMAND = 'lint';

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/**
 * The engine in the extension host, for one thing only: the early diagnostics
 * shown before the language server is up (early-diagnostics.ts). The preview,
 * export, New Note and Insert Missing Sections ask the server
 * (commands/server-sources.ts), which holds the one config store. Config is
 * found exactly as the CLI and the server find it (nearest `.visitnotes.*`),
 * cached per folder and dropped when any config file changes. The cache policy
 * is the server's (lsp/configs.ts): a broken config keeps the last good one of
 * that folder in effect, the built-in `recommended` only if it never loaded (the
 * server reports the problem on the config file). See docs/architecture.md,
 * "Where the engine runs in the extension".
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type * as EngineModule from '../../server/src/engine/index.ts';
import type { Finding, Note, ResolvedConfig, ResolvedTemplate } from '../../server/src/engine/index.ts';
import { loadEngineModule } from './engine-loader.ts';

export type Engine = typeof EngineModule;

/**
 * The engine (remark, YAML, the rules) is loaded on first use, not at
 * activation: activation only needs the language client. In the built
 * extension it comes from the language server's bundle (engine-loader.ts).
 */
export function loadEngine(): Promise<Engine> {
  return loadEngineModule();
}

export { DIAGNOSTIC_SOURCE, ruleIdOf } from './rule-id.ts';

export interface NoteAnalysis {
  engine: Engine;
  note: Note;
  config: ResolvedConfig;
  template: ResolvedTemplate;
}

export class NoteEngine implements vscode.Disposable {
  private readonly configs = new Map<string, Promise<ResolvedConfig>>();
  /** The last config each folder loaded without error: what a broken config falls back to. */
  private readonly lastGood = new Map<string, ResolvedConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a config file changed (cached configs were dropped). */
  readonly onDidChangeConfig = this.changed.event;

  constructor(watcher: vscode.FileSystemWatcher) {
    const drop = () => {
      this.configs.clear();
      this.changed.fire();
    };
    watcher.onDidChange(drop);
    watcher.onDidCreate(drop);
    watcher.onDidDelete(drop);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** The resolved config for a note (built-in `recommended` outside the file system or on a broken config). */
  configFor(uri: vscode.Uri): Promise<ResolvedConfig> {
    const file = notePathFor(uri);
    const dir = file ? path.dirname(file) : '';
    let config = this.configs.get(dir);
    if (!config) {
      config = loadEngine().then((engine) =>
        file
          ? engine.loadConfigFor(file, { roots: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) }).then(
              (loaded) => {
                this.lastGood.set(dir, loaded.config);
                return loaded.config;
              },
              () => this.lastGood.get(dir) ?? engine.RECOMMENDED, // the server reports config problems on the config file itself
            )
          : engine.RECOMMENDED,
      );
      this.configs.set(dir, config);
    }
    return config;
  }

  async parse(document: vscode.TextDocument): Promise<NoteAnalysis> {
    const [engine, config] = await Promise.all([loadEngine(), this.configFor(document.uri)]);
    const note = engine.parseWithConfig(document.getText(), config);
    return { engine, note, config, template: engine.templateFor(config, engine.frontMatterValue(note, 'template')) };
  }

  lint(analysis: NoteAnalysis): Finding[] {
    return analysis.engine.lintNote(analysis.note, analysis.config);
  }
}

/** A path to look config up from: the file itself, or a workspace folder for untitled notes. */
function notePathFor(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? path.join(folder.uri.fsPath, 'untitled.visit.md') : undefined;
}

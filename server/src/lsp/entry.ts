/**
 * Bundle entry of the language server (dist/server.js). The transport comes
 * from argv exactly as vscode-languageserver's `createConnection` reads it:
 * `--stdio`, `--node-ipc` (VS Code), `--socket=PORT` or `--pipe=NAME`. With
 * none given, stdio is used, which is what every other editor expects.
 */
import pkg from '../../../package.json' with { type: 'json' };
import { startServer } from './server.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    [
      'Usage: visitnotes-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]',
      '',
      'The Visit Notes language server (LSP 3.17). Editors start it; see docs/editors.md.',
      'With no transport argument it speaks LSP over stdin/stdout.',
      '',
    ].join('\n'),
  );
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${pkg.version}\n`);
} else {
  const transport = args.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
  if (!transport) process.argv.push('--stdio');
  startServer();
}

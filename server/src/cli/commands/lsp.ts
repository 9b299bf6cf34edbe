/**
 * `visitnotes lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]`: the
 * language server, for editors that start a command (Neovim, Helix, Emacs…).
 * Same server as `visitnotes-language-server`; stdio when no transport is given.
 * The server module is loaded only here, so `lint` never pays for it.
 */
import { stringValue } from '../args.ts';
import { UsageError } from '../io.ts';
import type { Command } from './types.ts';

const command: Command = {
  name: 'lsp',
  usage: 'visitnotes lsp [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]',
  description: `
Starts the Visit Notes language server (LSP 3.17), speaking over stdin/stdout
unless another transport is given. Editors run this; see docs/editors.md.`,
  options: {
    stdio: { type: 'boolean', description: 'Talk LSP over stdin/stdout (the default).' },
    'node-ipc': { type: 'boolean', description: 'Talk over Node IPC (when started by VS Code).' },
    socket: { type: 'string', valueName: '<port>', description: 'Talk over a TCP socket.' },
    pipe: { type: 'string', valueName: '<name>', description: 'Talk over a named pipe.' },
    clientProcessId: { type: 'string', valueName: '<pid>', description: 'Exit when this process exits.', hidden: true },
  },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`"lsp" takes no arguments (got "${positionals[0]}").`);
    const transports = ['stdio', 'node-ipc'].filter((t) => values[t] === true).length + ['socket', 'pipe'].filter((t) => stringValue(values, t) !== undefined).length;
    if (transports > 1) throw new UsageError('Choose one transport: --stdio, --node-ipc, --socket or --pipe.');
    // vscode-languageserver reads the transport from process.argv.
    if (transports === 0) process.argv.push('--stdio');
    const { startServer } = await import('../../lsp/server.ts');
    startServer();
    // The server runs until the client asks it to exit; the connection ends the process.
    return new Promise<number>(() => {});
  },
};

export default command;

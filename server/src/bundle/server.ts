/** dist/server.js: the language server (VS Code starts it over IPC; other editors over stdio). */
import { runLanguageServer } from './core.ts';

await runLanguageServer();

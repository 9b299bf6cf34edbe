/**
 * dist/cli.cjs: the `visitnotes` command as one CommonJS bundle, run by dist/cli.js
 * with V8's code cache (see compile-cache.ts). It carries the CLI and the
 * engine (the language server too, for `visitnotes lsp`); its worker threads load
 * dist/visitnotes.js, since the build points the code's `import.meta.url` at that
 * bundle (scripts/build.mjs).
 */
import '../cli/entry.ts';

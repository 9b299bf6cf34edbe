// Generates dist/api.d.ts, the types of `import ... from 'visit-notes'`, from
// server/src/api/index.ts alone. That file spells out its public types, so its
// declarations must stand on their own: the script fails if they import
// anything (an engine type leaking into the public contract).
//
// usage: node scripts/build-types.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.join(root, 'server/src/api/index.ts');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => readFileSync(f, 'utf8'));
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const program = ts.createProgram([entry], {
  ...options,
  noEmit: false,
  declaration: true,
  emitDeclarationOnly: true,
  // Types are checked by `tsc -p .`; here only the declarations are wanted, fast.
  noCheck: true,
  // Nothing else is needed: the file declares every type it exports.
  noResolve: true,
  skipLibCheck: true,
});

let declarations;
const result = program.emit(program.getSourceFile(entry), (file, text) => {
  if (file.endsWith('index.d.ts')) declarations = text;
}, undefined, true);
if (result.emitSkipped || declarations === undefined) {
  console.error(ts.formatDiagnostics(result.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  throw new Error('could not generate the API declarations');
}
const imports = declarations.split('\n').filter((l) => /^\s*(import|export .* from)\b/.test(l));
if (imports.length) throw new Error(`server/src/api/index.ts: its public types must not import other modules:\n${imports.join('\n')}`);

const header = "// The types of `import { lintText, lintFiles, loadConfigFor } from 'visit-notes'` (generated from server/src/api/index.ts).\n";
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/api.d.ts'), header + declarations);

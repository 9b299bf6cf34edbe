// dist/cli.cjs's cold section (server/src/bundle/cold-section.ts): the packages a plain
// `lint` of a note never runs leave the CLI's script and follow it in the same file, as a
// second script that is read only when one of them is needed.
import { createHash } from 'node:crypto';
import path from 'node:path';

/** What goes to the cold section: a module as imported (`spec`) by the importer matching `from`. */
export const COLD_MODULES = [
  { name: 'yaml', spec: 'yaml', from: /[\\/]engine[\\/]packages-provider-lazy\.ts$/ },
  { name: 'picomatch', spec: 'picomatch', from: /[\\/]engine[\\/]packages-provider-lazy\.ts$/ },
  { name: 'ignore', spec: 'ignore', from: /[\\/]engine[\\/]packages-provider-lazy\.ts$/ },
  { name: 'remark', spec: './remark.ts', from: /[\\/]engine[\\/]remark-provider-lazy\.ts$/, file: 'server/src/engine/remark.ts' },
  { name: 'piscina', spec: 'piscina', from: /[\\/]cli[\\/]lint[\\/]pool\.ts$/ },
  { name: 'tinyglobby', spec: 'tinyglobby', from: /[\\/]cli[\\/]lint[\\/]files\.ts$/ },
  // The vocabulary's data files: a lint restores its lists from the build's compiled copy; only a
  // config that changes a list reads them (vocabulary/data-provider.ts).
  ...['symptoms', 'diagnoses', 'jargon', 'formulaic', 'pressure', 'medications'].map((list) => ({
    name: `vocabulary-${list}`,
    spec: `./data/${list}.json`,
    from: /[\\/]engine[\\/]vocabulary[\\/]data-provider-lazy\.ts$/,
    file: `server/src/engine/vocabulary/data/${list}.json`,
  })),
  // The config file's precompiled schema validator (a fifth of the CLI's script): only a config file needs it.
  { name: 'config-validator', spec: './schema-validator.generated.js', from: /[\\/]engine[\\/]config[\\/]schema-check\.ts$/, file: 'server/src/engine/config/schema-validator.generated.js' },
];

// As in server/src/bundle/cold-section-marks.ts (test/cli/what-a-run-reads.test.ts checks the built file).
const MAIN_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const MAIN_TAIL = '\n})';
const MAIN_CALL = '.call(this, exports, require, module, __filename, __dirname);';
const COLD_SECTION_HEAD = '\nfunction __vnColdSection(exports, require, module, __filename, __dirname) {\n';
const COLD_SECTION_TAIL = '\n}\n';

// Fixed-width placeholders the build overwrites once the layout is known (strings: a padded
// number literal could read as octal).
const WIDTH = 16;
const placeholder = (tag) => `"${`@${tag}`.padEnd(WIDTH, '@')}"`;
export const COLD_DEFINES = { __VN_COLD_START__: placeholder('S'), __VN_COLD_END__: placeholder('E'), __VN_COLD_KEY__: placeholder('K') };

/** In the CLI's build: each cold module becomes `coldModule(name)` (cold-section.ts). */
export function coldSectionPlugin(root) {
  const loader = path.join(root, 'server/src/bundle/cold-section.ts');
  return {
    name: 'cli-cold-section',
    setup(b) {
      for (const m of COLD_MODULES) {
        const filter = new RegExp(`^${m.spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        b.onResolve({ filter }, (args) => (m.from.test(args.importer) ? { path: m.name, namespace: 'cli-cold' } : undefined));
      }
      b.onLoad({ filter: /.*/, namespace: 'cli-cold' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(loader)}).coldModule(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/** esbuild options of the cold section: one CommonJS script whose exports load each module. */
export function coldSectionOptions(root) {
  const lines = COLD_MODULES.map((m) => `exports[${JSON.stringify(m.name)}] = () => require(${JSON.stringify(m.file ? path.join(root, m.file) : m.spec)});`);
  return { stdin: { contents: lines.join('\n'), resolveDir: root, sourcefile: 'cli-cold-section.js', loader: 'js' }, format: 'cjs', write: false, sourcemap: false };
}

/** Packages of the cold section found in the CLI's own script (a static import elsewhere): the build refuses them. */
export function coldModulesIn(metafile) {
  const inputs = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  return COLD_MODULES.filter((m) => inputs.some((i) => (m.file ? i === m.file : i.includes(`node_modules/${m.spec}/`)))).map((m) => m.name);
}

/**
 * The file: the CLI's script wrapped as a function and called (cold-section-marks.ts), then
 * the cold section declared as a function (so that a plain require of the file still works),
 * its body being the second script. Returns the text and where the wrapped CLI script ends
 * (both ASCII: bytes = characters). The wrapper shares the script's first line, so the
 * source map's lines still hold.
 */
export function assemble(main, cold) {
  // The main script's source map comment goes last, where tools look for it.
  const mapComment = /\n\/\/# sourceMappingURL=[^\n]*\n?$/.exec(main);
  const script = `${MAIN_HEAD}${mapComment ? main.slice(0, mapComment.index) : main}${MAIN_TAIL}`;
  const head = `${script}${MAIN_CALL}${COLD_SECTION_HEAD}`;
  const start = head.length;
  const end = start + cold.length;
  const pad = (v) => `"${String(v).padStart(WIDTH, ' ')}"`;
  const key = createHash('sha256').update(cold).digest('hex').slice(0, WIDTH);
  let text = `${head}${cold}${COLD_SECTION_TAIL}${mapComment ? mapComment[0].replace(/^\n/, '') : ''}`;
  for (const [define, value] of [[COLD_DEFINES.__VN_COLD_START__, pad(start)], [COLD_DEFINES.__VN_COLD_END__, pad(end)], [COLD_DEFINES.__VN_COLD_KEY__, `"${key}"`]]) {
    const at = text.indexOf(define);
    if (at < 0 || at >= start || text.slice(at + 1, start).includes(define)) throw new Error(`dist/cli.cjs: the cold section's placeholder ${define} is not once in the CLI's script`);
    text = text.slice(0, at) + value + text.slice(at + define.length);
  }
  // The wrapped CLI script ends where its call begins.
  return { text, mainEnd: script.length };
}

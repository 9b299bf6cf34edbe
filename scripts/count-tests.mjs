// Counts test declarations and assertions in the unit suites (test/**/*.test.ts,
// not test/vscode/), so a change of runner or a refactor can show that no test
// and no assertion went missing. Static counts: a `test(` inside a loop or a
// `test.each` counts once here; the runner's own count covers the expansion.
//
//   node scripts/count-tests.mjs          # totals
//   node scripts/count-tests.mjs --files  # per file
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'vscode') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

// Comments and strings could hold "test(" or "assert." as prose; strip comments.
const uncomment = (src) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

// test( it( test.skipIf(x)( test.each(xs)( test.concurrent( ... — one per call site.
const TEST = /(?<![\w.])(?:test|it)(?:\.\w+(?:\([^()]*\))?)*\(/g;
// assert( assert.equal( assert.deepEqual( ... and expect( expect.soft( ...
const ASSERT = /(?<![\w.])(?:assert(?:\.\w+)?|expect(?:\.\w+)?)\(/g;

// RuleTester files (test/helpers/rule-tester.ts) are data: each case (a `text:`)
// is a test, and each expectation key is one assertion the tester makes.
const RULE_TESTER_CASE = /(?<![\w.])text:/g;
const RULE_TESTER_EXPECT = /(?<![\w.])(?:line|endLine|message|severity|related|suggestions|title|output|fix|data|unnecessary):/g;

const files = collect(path.join(root, 'test'), []).sort();
const rows = files.map((file) => {
  const src = uncomment(readFileSync(file, 'utf8'));
  const tester = /new RuleTester\(/.test(src);
  const cases = tester ? (src.match(RULE_TESTER_CASE) ?? []).length : 0;
  const expectations = tester ? (src.match(RULE_TESTER_EXPECT) ?? []).length : 0;
  return {
    file: path.relative(root, file),
    tests: (src.match(TEST) ?? []).length + cases,
    asserts: (src.match(ASSERT) ?? []).length + expectations,
  };
});
const suites = rows.filter((r) => r.file.endsWith('.test.ts'));
const helpers = rows.filter((r) => !r.file.endsWith('.test.ts'));
const sum = (rs, k) => rs.reduce((n, r) => n + r[k], 0);

if (process.argv.includes('--files')) for (const r of rows) console.log(`${String(r.tests).padStart(4)} ${String(r.asserts).padStart(5)}  ${r.file}`);
console.log(`test files:              ${suites.length}`);
console.log(`test declarations:       ${sum(suites, 'tests')}`);
console.log(`assertions in tests:     ${sum(suites, 'asserts')}`);
console.log(`assertions in helpers:   ${sum(helpers, 'asserts')} (${helpers.length} helper files)`);

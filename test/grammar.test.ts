/**
 * Tokenizer tests for syntaxes/: the real TextMate engine VS Code uses
 * (vscode-textmate + the Oniguruma WASM build). The embedded Markdown grammar
 * ships with VS Code rather than on npm, so the registry serves a small stub
 * for text.html.markdown (test/grammar/markdown-stub.tmLanguage.json); when the
 * test host is installed (.vscode-test/host), the same cases also run against
 * VS Code's real Markdown grammar.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as OnigurumaModule from 'vscode-oniguruma';
import type * as TextmateModule from 'vscode-textmate';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// Both packages are UMD bundles: load them as CommonJS.
const oniguruma = require('vscode-oniguruma') as typeof OnigurumaModule;
const textmate = require('vscode-textmate') as typeof TextmateModule;
const realMarkdown = path.join(
  root,
  '.vscode-test/host/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
);
const stubMarkdown = path.join(root, 'test/grammar/markdown-stub.tmLanguage.json');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
};

let wasmLoaded: Promise<void> | undefined;
function onigLib(): Promise<TextmateModule.IOnigLib> {
  wasmLoaded ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  return wasmLoaded.then(() => ({
    createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
}

function registry(markdownFile: string): TextmateModule.Registry {
  const files = new Map<string, string>([['text.html.markdown', markdownFile]]);
  for (const g of manifest.contributes.grammars) files.set(g.scopeName, path.join(root, g.path));
  return new textmate.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      if (!file) return null; // e.g. source.yaml inside front matter: not needed here
      return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    // As VS Code does for `injectTo` in the manifest.
    getInjections: (scopeName) =>
      manifest.contributes.grammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
}

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(reg: TextmateModule.Registry, scope: string, text: string): Promise<Token[][]> {
  const grammar = await reg.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the first token on `line` whose text is exactly `text`. */
function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const tok = lines[line]?.find((t) => t.text === text);
  assert.ok(tok, `line ${line} has a token ${JSON.stringify(text)}; got ${JSON.stringify(lines[line]?.map((t) => t.text))}`);
  return tok.scopes;
}
const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

const NOTE = [
  '---', //                                                             0
  'patient: R.M. [G1]', //                                              1
  '---', //                                                             2
  '', //                                                                3
  '## Goals', //                                                        4
  '- [G1] Coach his daughter\'s team again by spring.', //              5
  '- [G12] Sleep enough to work day shifts.', //                        6
  '', //                                                                7
  '## Medication meaning', //                                           8
  '### Sertraline 100 mg daily', //                                     9
  '- Change: continue', //                                              10
  '- Rationale: Stay on the field [G1] [G12].', //                      11
  '- meaning: "Pills mean I\'m like my dad".', //                       12
  '- Change: sometimes', //                                             13
  '', //                                                                14
  '<!-- visitnotes-disable-next-line phi, goal-id -->', //              15
  'Call back on Tuesday.', //                                           16
  '<!-- an ordinary comment [G1] -->', //                               17
  'Inline `[G1]` code and an escaped \\[G2] token.', //                 18
  '```', //                                                             19
  '- [G1] inside a fence', //                                           20
  '```', //                                                             21
].join('\n');

const GOAL_DEF = 'entity.name.type.goal.visitnote';
const GOAL_REF = 'variable.other.constant.goal.visitnote';
const FIELD = 'support.type.property-name.field.visitnote';
const CHANGE = 'constant.language.change.visitnote';

function checkNote(lines: Token[][], frontMatterScoped: boolean): void {
  assert.ok(has(scopesOf(lines, 5, 'G1'), GOAL_DEF), 'goal definition');
  assert.ok(has(scopesOf(lines, 5, '['), 'punctuation.definition.goal.begin.visitnote'));
  assert.ok(has(scopesOf(lines, 6, 'G12'), GOAL_DEF), 'three-digit-capable goal ID');
  const refs = lines[11]!.filter((t) => has(t.scopes, GOAL_REF)).map((t) => t.text);
  assert.deepEqual(refs, ['G1', 'G12'], 'both references on the rationale line');
  assert.ok(!has(scopesOf(lines, 11, 'G1'), GOAL_DEF), 'a reference is not a definition');
  assert.ok(has(scopesOf(lines, 10, 'Change'), FIELD));
  assert.ok(has(scopesOf(lines, 10, 'continue'), CHANGE));
  assert.ok(has(scopesOf(lines, 11, 'Rationale'), FIELD));
  assert.ok(has(scopesOf(lines, 12, 'meaning'), FIELD), 'field names are case-insensitive');
  assert.ok(has(scopesOf(lines, 13, 'Change'), FIELD), 'an invalid Change value still marks the field');
  assert.ok(!lines[13]!.some((t) => has(t.scopes, CHANGE)), 'an invalid Change value is not a constant');
  assert.ok(has(scopesOf(lines, 15, 'visitnotes-disable-next-line'), 'keyword.control.directive.visitnote'));
  assert.ok(has(scopesOf(lines, 15, 'phi'), 'support.constant.rule.visitnote'));
  assert.ok(has(scopesOf(lines, 15, 'goal-id'), 'support.constant.rule.visitnote'));
  assert.ok(has(scopesOf(lines, 15, 'phi'), 'comment.block.directive.visitnote'), 'the directive is still a comment');
  assert.ok(!has(scopesOf(lines, 16, 'Call back on Tuesday.'), 'comment'), 'the comment closed');
  // VS Code's own grammar scopes front matter via a rule vscode-textmate's standalone build does not compile here.
  for (const line of frontMatterScoped ? [1, 17, 18, 20] : [17, 18, 20]) {
    assert.ok(!lines[line]!.some((t) => has(t.scopes, GOAL_REF) || has(t.scopes, GOAL_DEF)), `no goal scope on line ${line}`);
  }
}

const markdownGrammars = [['stub Markdown', stubMarkdown], ...(existsSync(realMarkdown) ? [['VS Code Markdown', realMarkdown]] : [])];
for (const [label, file] of markdownGrammars) {
  test(`visitnote grammar embeds Markdown and adds note scopes (${label})`, async () => {
    const lines = await tokenize(registry(file!), 'text.html.visitnote', NOTE);
    checkNote(lines, label === 'stub Markdown');
    assert.ok(lines[5]!.every((t) => t.scopes[0] === 'text.html.visitnote'));
    assert.ok(lines[4]!.some((t) => has(t.scopes, 'markup.heading')), 'Markdown headings still highlighted');
  });
  test(`injection gives plain Markdown the same scopes (${label})`, async () => {
    const lines = await tokenize(registry(file!), 'text.html.markdown', NOTE);
    checkNote(lines, label === 'stub Markdown');
    assert.ok(lines[5]!.every((t) => t.scopes[0] === 'text.html.markdown'));
  });
}

test('manifest wires the grammars', () => {
  const byScope = new Map(manifest.contributes.grammars.map((g) => [g.scopeName, g]));
  assert.ok(byScope.get('text.html.visitnote'));
  assert.deepEqual(byScope.get('visitnote.markdown.injection')?.injectTo, ['text.html.markdown']);
  for (const g of manifest.contributes.grammars) assert.ok(existsSync(path.join(root, g.path)), g.path);
});

/**
 * Rule options are written twice, schema and defaults; their TypeScript type is
 * derived from the schema (server/src/engine/rules/options.ts). These checks
 * keep the two written ones agreeing: every rule's defaults satisfy its own
 * schema, and (checked by `tsc`, which covers test/) the derived types are the
 * options' real types.
 */
import { createRequire } from 'node:module';
import { expectTypeOf, test } from 'vitest';
import assert from 'node:assert/strict';
import { RULES_BY_ID, RULES } from '../../server/src/engine/index.ts';
import type { OptionsOf } from '../../server/src/engine/rules/types.ts';
import medicationFields from '../../server/src/engine/rules/medication-fields.ts';
import storyJargon from '../../server/src/engine/rules/story-clinical-jargon.ts';
import decisionRecorded from '../../server/src/engine/rules/decision-recorded.ts';
import type { ChangeValue } from '../../server/src/engine/model/note.ts';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default as typeof import('ajv').default;

test('every rule’s defaultOptions satisfy its optionsSchema, and give every option it declares', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  let checked = 0;
  for (const rule of RULES) {
    if (!rule.optionsSchema) continue;
    const validate = ajv.compile(rule.optionsSchema);
    assert.ok(validate(rule.defaultOptions), `${rule.id}: ${ajv.errorsText(validate.errors)}`);
    const declared = Object.keys((rule.optionsSchema as { properties?: object }).properties ?? {}).sort();
    assert.deepEqual(Object.keys(rule.defaultOptions as object).sort(), declared, `${rule.id}: defaults and schema name different options`);
    checked++;
  }
  assert.ok(checked >= 12, `only ${checked} rules have an options schema`);
  assert.ok(RULES_BY_ID.get('undefined-goal')!.optionsSchema);
});

test('option types are derived from the schemas', () => {
  type Options<R> = R extends { defaultOptions: infer O } ? O : never;
  expectTypeOf<Options<typeof medicationFields>['unknownFields']>().toEqualTypeOf<'typos' | 'all'>();
  expectTypeOf<Options<typeof medicationFields>['knownFields']>().toEqualTypeOf<string[]>();
  expectTypeOf<Options<typeof storyJargon>>().toEqualTypeOf<{ threshold: number; minWords: number; minTerms: number }>();
  expectTypeOf<Options<typeof decisionRecorded>['changes']>().toEqualTypeOf<ChangeValue[]>();
  expectTypeOf<OptionsOf<{ type: 'object'; properties: { on: { type: 'boolean' } } }>>().toEqualTypeOf<{ on: boolean }>();
});

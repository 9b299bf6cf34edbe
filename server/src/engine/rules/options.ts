/**
 * A rule's option types, derived from its `optionsSchema`, so an option is
 * written twice (schema and default) rather than three times (interface,
 * schema, default). Covers the JSON Schema the rules use: `boolean`, `string`,
 * `number`/`integer`, `enum`, arrays of those and one object level. Every
 * property is present in the type: the host merges config over
 * `defaultOptions`, which must give each one (`defineRule` checks it).
 *
 * The types only: nothing here runs. A tiny mapped type rather than
 * json-schema-to-ts, whose generality these flat schemas do not need.
 */

/** The schema of one option value. */
export type OptionSchema =
  | { readonly type: 'boolean' | 'string' | 'number' | 'integer'; readonly [k: string]: unknown }
  | { readonly enum: readonly unknown[]; readonly [k: string]: unknown }
  | { readonly type: 'array'; readonly items: OptionSchema; readonly [k: string]: unknown };

/** A rule's whole `optionsSchema`: an object of options. */
export interface OptionsSchema {
  readonly type: 'object';
  readonly properties: { readonly [name: string]: OptionSchema };
  readonly [k: string]: unknown;
}

/** The TypeScript type of one option value. */
export type OptionValue<S> = S extends { readonly enum: readonly (infer E)[] }
  ? E
  : S extends { readonly type: 'array'; readonly items: infer I }
    ? OptionValue<I>[]
    : S extends { readonly type: 'boolean' }
      ? boolean
      : S extends { readonly type: 'string' }
        ? string
        : S extends { readonly type: 'number' | 'integer' }
          ? number
          : unknown;

/** The options object a rule's `check` receives, from its schema. */
export type OptionsOf<S extends OptionsSchema> = { -readonly [K in keyof S['properties']]: OptionValue<S['properties'][K]> };

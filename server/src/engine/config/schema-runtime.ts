/**
 * The schema the loader validates with: the config schema without annotations,
 * and its hash, which tells whether the precompiled validator
 * (schema-validator.generated.js) was generated from this schema.
 */
import { configSchema, type JsonSchema } from './schema.ts';

const ANNOTATIONS = new Set(['title', 'description', 'examples', 'enumDescriptions', 'markdownDescription', 'default', '$id']);

/** The schema without annotations (descriptions, examples, defaults): what the loader validates with. */
export function stripAnnotations(schema: unknown, parentKey?: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => stripAnnotations(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  // Under `properties`, keys are property names (a rule option may be called `default`), not keywords.
  const literalKeys = parentKey === 'properties';
  for (const [k, v] of Object.entries(schema)) {
    if (!literalKeys && ANNOTATIONS.has(k)) continue;
    out[k] = stripAnnotations(v, literalKeys ? undefined : k);
  }
  return out;
}

let cachedRuntime: { schema: JsonSchema; hash: string } | undefined;
/** The validation schema and its hash (which says whether the precompiled validator is current). */
export function runtimeSchema(): { schema: JsonSchema; hash: string } {
  if (!cachedRuntime) {
    const schema = stripAnnotations(configSchema()) as JsonSchema;
    cachedRuntime = { schema, hash: schemaHash(JSON.stringify(schema)) };
  }
  return cachedRuntime;
}

/** FNV-1a (32 bit) as hex: enough to notice a changed schema, not a security measure. */
export function schemaHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

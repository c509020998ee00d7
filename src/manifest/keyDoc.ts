/**
 * What the manifest reference (docs/manifest.md) and the JSON Schemas (schema/) say about a key,
 * registered for the key's zod schema in KEY_DOCS, so both are made from the schema banmian
 * validates with (scripts/gen-docs.ts, `npm run docs`). `.register()` adds to the registry;
 * zod's `.meta()` would clone every schema it describes, which costs start-up time. Register a
 * key's own schema (`x.optional().register(…)`, a fresh `count('col')`), never a shared constant:
 * a second registration replaces the first.
 */
import { z } from 'zod';
import { lengthPattern, type LengthUnit } from './units.ts';

// a type, not an interface: the registry's entries have an index signature
export type KeyDoc = {
  description: string;
  default?: unknown; // what banmian takes when the key is left out
  examples?: unknown[];
  codes?: readonly string[]; // diagnostics it can raise besides the schema's (UNKNOWN_KEY, MISSING_KEY, BAD_VALUE, TEXT_TOO_LONG)
};

/** A key's description, with its default, examples and the diagnostic codes it can raise. */
export const doc = (description: string, more: Omit<KeyDoc, 'description'> = {}): KeyDoc => ({ description, ...more });

/** A length's units, and as a pattern the strings that are one (units.ts), for the editor's checks. */
export const lengthDoc = (units: readonly LengthUnit[], signed = true) => ({ units, pattern: lengthPattern(units, signed), ...(signed ? {} : { minimum: 0 }) });

/** The descriptions of every manifest key, by its schema. */
export const KEY_DOCS = z.registry<{ description?: string; [k: string]: unknown }>();

/**
 * Where the engine gets its vocabulary data files (data/*.json) from. This module loads
 * them with the engine; the bundles (scripts/bundle-options.mjs, `lazyProviders`) use
 * data-provider-lazy.ts instead, which loads them on first use: a lint restores every
 * list from the build's compiled copy (precompiled.ts) and needs the files only for a
 * config that changes a list, or for the language server's completions. The CLI keeps
 * them in its cold section (scripts/cli-cold-section.mjs), a tenth of its script.
 */
import symptoms from './data/symptoms.json' with { type: 'json' };
import diagnoses from './data/diagnoses.json' with { type: 'json' };
import jargon from './data/jargon.json' with { type: 'json' };
import formulaic from './data/formulaic.json' with { type: 'json' };
import pressure from './data/pressure.json' with { type: 'json' };
import medications from './data/medications.json' with { type: 'json' };
import type { VocabularyData } from './data-types.ts';

const data: VocabularyData = { symptoms, diagnoses, jargon, formulaic, pressure, medications };

export const getVocabularyData = (): VocabularyData => data;

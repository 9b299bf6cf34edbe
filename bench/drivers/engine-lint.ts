/**
 * The engine alone, one thread: read every note under a folder, parse, build
 * the model and run every rule (recommended config, no config discovery, no
 * cross-visit history). Bundled by bench/run.ts; shows what the CLI adds.
 *
 *   node engine-lint.mjs <folder>
 */
import { readFileSync } from 'node:fs';
import { lintText } from '../../server/src/engine/run-rules.ts';
import { markdownFiles } from './files.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: engine-lint <folder>');
let findings = 0;
for (const file of markdownFiles(dir)) findings += lintText(readFileSync(file, 'utf8')).findings.length;
process.stdout.write(`${findings}\n`);

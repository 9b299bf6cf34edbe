/**
 * The parse-only floor: read every note under a folder and parse it, nothing
 * else. Bundled by bench/run.ts and run as its own process.
 *
 *   node parse-floor.mjs <folder>            unified + remark-parse + remark-frontmatter + remark-gfm
 *   node parse-floor.mjs <folder> --engine   the engine's parser (GFM parts chosen per note, see parse.ts)
 */
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parseTree } from '../../server/src/engine/parse.ts';
import { markdownFiles } from './files.ts';

const [dir, mode] = process.argv.slice(2);
if (!dir) throw new Error('usage: parse-floor <folder> [--engine]');
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const parse = mode === '--engine' ? parseTree : (text: string) => processor.parse(text);
let nodes = 0;
for (const file of markdownFiles(dir)) nodes += parse(readFileSync(file, 'utf8')).children.length;
process.stdout.write(`${nodes}\n`);

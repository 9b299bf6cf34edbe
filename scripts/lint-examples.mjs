// The README's main job: lint the bundled example notes with the built CLI.
// The examples deliberately contain findings, so exit code 1 ("lint errors") is the
// expected outcome here and is reported as success; 2 (usage/internal failure) is not.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = ['bin/visitnotes.js', 'lint', 'examples', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (r.status === 1) {
  console.log('\nThe example notes show each rule on purpose, so findings (exit code 1) are expected.');
  console.log('examples/clean-follow-up.visit.md is a note with no findings at all.');
  process.exit(0);
}
process.exit(r.status ?? 2);

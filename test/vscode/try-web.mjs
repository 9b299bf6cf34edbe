// Try the browser build by hand: starts code-server (the harness's, .vscode-test/host) with Visit
// Notes loaded from the working tree as a web-only extension, on a throwaway copy of a folder of
// notes, and prints the URL to open in a browser. Ctrl+C stops it.
//
// usage: npm run build && node test/vscode/try-web.mjs [folder]   (default: test/vscode/workspace-web)
import path from 'node:path';
import { startHost, workbenchUrl } from './host.mjs';
import { WEB_SETTINGS } from './web.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const folder = path.resolve(process.argv[2] ?? path.join(root, 'test', 'vscode', 'workspace-web'));
const host = await startHost({
  hostDir: process.env.VSCODE_HOST_DIR ?? path.join(root, '.vscode-test', 'host'),
  workspace: folder,
  settings: WEB_SETTINGS,
  log: console.log,
});
console.log(`Visit Notes in the browser (web worker extension host), on a copy of ${folder}:`);
console.log(`  ${workbenchUrl(host, { devPath: root })}`);
console.log('Edits go to the copy. Ctrl+C to stop.');
const stop = async () => {
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

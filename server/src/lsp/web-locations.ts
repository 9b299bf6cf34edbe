/**
 * Locations in the browser: a workspace there lives in a scheme of its own
 * (`vscode-vfs://github/owner/repo/...` on github.dev, `vscode-remote://host/...`
 * in code-server, `file:` for a local folder opened in vscode.dev). The engine
 * works with paths, so a URI's path part is the path, and the scheme and
 * authority of the workspace folder holding a path turn it back into a URI.
 * Two folders with the same path in different schemes would collide; a
 * workspace opened in the browser has one scheme.
 */
import type { Locations } from './locations.ts';

const URI = /^([A-Za-z][\w+.-]*):\/\/([^/?#]*)([^?#]*)/;

export class WebLocations implements Locations {
  /** Folder path → `scheme://authority`, longest path first. */
  private folders: { path: string; origin: string }[] = [];
  /** The origin of the last URI read: for paths outside every folder. */
  private lastOrigin = 'file://';

  toPath(uri: string): string | undefined {
    const m = URI.exec(uri);
    if (!m) return undefined;
    this.lastOrigin = `${m[1]!.toLowerCase()}://${m[2]}`;
    try {
      return decodeURIComponent(m[3] || '/');
    } catch {
      return undefined;
    }
  }

  toUri(file: string): string {
    const folder = this.folders.find((f) => file === f.path || file.startsWith(f.path.endsWith('/') ? f.path : `${f.path}/`));
    const encoded = file
      .split('/')
      .map((s) => encodeURIComponent(s))
      .join('/');
    return `${folder?.origin ?? this.lastOrigin}${encoded}`;
  }

  /** Whether a path lies in one of the workspace folders. */
  inWorkspace(file: string): boolean {
    return this.folders.some((f) => file === f.path || file.startsWith(f.path.endsWith('/') ? f.path : `${f.path}/`));
  }

  /** The workspace folders' URIs (the server calls this whenever they change). */
  foldersChanged(uris: readonly string[]): void {
    this.folders = uris
      .flatMap((uri) => {
        const m = URI.exec(uri);
        const p = this.toPath(uri);
        return m && p !== undefined ? [{ path: trimSlash(p), origin: `${m[1]!.toLowerCase()}://${m[2]}` }] : [];
      })
      .sort((a, b) => b.path.length - a.path.length);
  }
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

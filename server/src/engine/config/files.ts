/**
 * How the config loader touches the file system, and the trust boundary it
 * keeps. Opening a repository must never let its config read files outside
 * it: `extends` only reaches files inside the config's *project folder*, and
 * neither a config file nor an `extends` target may be a symbolic link that
 * leaves it. The project folder of a config file is
 *   1. the nearest folder at or above it that holds `.git` (its repository),
 *   2. else the workspace root it sits in (the editor's workspace folder, the
 *      CLI's current folder),
 *   3. else the config file's own folder.
 * Paths are compared after resolving symbolic links on both sides.
 *
 * Only regular files are read, and only up to MAX_CONFIG_BYTES: a FIFO would
 * block forever, /dev/zero never ends, and a config is small.
 */
import path from 'node:path';
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, realpathSync, statSync, type Stats } from 'node:fs';

/** A config file larger than this is refused (real ones are a few kilobytes). */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** A file that exists but cannot be used; `reason` is shown, never the content. */
export class UnreadableFile extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableFile';
  }
}

/** Text of a file; undefined when there is no such file; throws UnreadableFile when it exists but cannot be read. */
export type ReadFile = (file: string) => Promise<string | undefined>;

/** The file system as the loader sees it; the editor and tests inject their own. */
export interface ConfigFileAccess {
  readFile: ReadFile;
  /** The path with symbolic links resolved (the path itself when it cannot be resolved). */
  realpath(file: string): Promise<string>;
  /** Whether `dir` is the top of a repository (holds `.git`). */
  isRepositoryRoot(dir: string): Promise<boolean>;
}

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

/** What a file access found at a path it was asked to read (Node's `fs`, or `workspace.fs` in the browser). */
export type FileFacts = { kind: 'directory' } | { kind: 'other' } | { kind: 'file'; size: number; binary?: boolean };

/**
 * Why a path cannot be read as text, in the words every face shows (undefined:
 * it can). One wording for the Node reader below and the browser's reads over
 * `workspace.fs` (server/src/lsp/web-file-system.ts).
 */
export function unreadableReason(facts: FileFacts, limit: number): string | undefined {
  if (facts.kind === 'directory') return 'is a folder, not a file';
  if (facts.kind === 'other') return 'is not a regular file (a named pipe, socket or device); only regular files are read';
  if (facts.size > limit) return `is larger than ${Math.round(limit / 1024)} KB; a config file is small`;
  if (facts.binary) return 'is a binary file, not YAML or JSON';
  return undefined;
}

/**
 * Reads a regular file as UTF-8. Opens without blocking (O_NONBLOCK: a FIFO
 * swapped in after a check cannot hang the read), then checks what was opened.
 */
export const readRegularFile = async (file: string, limit = MAX_CONFIG_BYTES): Promise<string | undefined> => {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, openFlags());
  } catch (err) {
    return openFailure(err);
  }
  try {
    const st = await handle.stat();
    refuseOpened(st, limit);
    const into = Buffer.alloc(Math.min(st.size, limit) + 1);
    const { bytesRead } = await handle.read(into, 0, into.length, 0);
    return textOf(into, bytesRead, limit);
  } catch (err) {
    throw asUnreadable(err);
  } finally {
    await handle.close().catch(() => {});
  }
};

/**
 * readRegularFile, synchronously, with the same checks and reasons: the CLI's
 * config lookups and folder walk, where a thread-pool round trip per probe
 * (three config names in every folder) cost more than the probe.
 */
export function readRegularFileSync(file: string, limit = MAX_CONFIG_BYTES): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, openFlags());
  } catch (err) {
    return openFailure(err);
  }
  try {
    const st = fstatSync(fd);
    refuseOpened(st, limit);
    const into = Buffer.alloc(Math.min(st.size, limit) + 1);
    return textOf(into, readSync(fd, into, 0, into.length, 0), limit);
  } catch (err) {
    throw asUnreadable(err);
  } finally {
    closeSync(fd);
  }
}

/** A function, not a constant: the browser bundle must be able to drop `node:fs` with everything here. */
function openFlags(): number {
  return constants.O_RDONLY | constants.O_NONBLOCK;
}

/** A failed open: no such file (undefined), else why it cannot be read. */
function openFailure(err: unknown): undefined {
  const code = (err as NodeJS.ErrnoException).code;
  if (code && ABSENT.has(code)) return undefined;
  if (code === 'EISDIR') throw new UnreadableFile('is a folder, not a file');
  if (code === 'EACCES' || code === 'EPERM') throw new UnreadableFile('cannot be read (permission denied)');
  if (code === 'ELOOP') throw new UnreadableFile('is a symbolic link that loops');
  throw new UnreadableFile(`cannot be read (${code ?? 'error'})`);
}

/** What was opened is not a regular file of a sensible size: say why. */
function refuseOpened(st: Stats, limit: number): void {
  const kind = st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
  const before = unreadableReason(kind === 'file' ? { kind, size: st.size } : { kind }, limit);
  if (before) throw new UnreadableFile(before);
}

/** The bytes read (one past the limit, to notice a file that grew), checked and decoded. */
function textOf(buffer: Buffer, bytesRead: number, limit: number): string {
  const after = unreadableReason({ kind: 'file', size: bytesRead, binary: buffer.subarray(0, bytesRead).includes(0) }, limit);
  if (after) throw new UnreadableFile(after);
  return buffer.toString('utf8', 0, bytesRead);
}

function asUnreadable(err: unknown): UnreadableFile {
  return err instanceof UnreadableFile ? err : new UnreadableFile(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
}

export const nodeConfigFileAccess: ConfigFileAccess = {
  readFile: (file) => readRegularFile(file),
  realpath: (file) => fs.realpath(file).catch(() => path.resolve(file)),
  isRepositoryRoot: (dir) =>
    fs.stat(path.join(dir, '.git')).then(
      () => true,
      () => false,
    ),
};

/** The same access done synchronously (readRegularFileSync says when that pays). */
export const nodeConfigFileAccessSync: ConfigFileAccess = {
  // Most probes find nothing (three names in each folder up to the root): a stat that says so
  // makes no error object, where a failed open makes one with its stack each time.
  readFile: async (file) => (absentQuietly(file) ? undefined : readRegularFileSync(file)),
  realpath: async (file) => {
    try {
      return realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  },
  isRepositoryRoot: async (dir) => {
    try {
      return statSync(path.join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
    } catch {
      return false;
    }
  },
};

/** True when nothing is at `file` (known without an error); false for anything else, the open then says what. */
function absentQuietly(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/** Whether `inner` is `outer` or inside it (both absolute, normalised). */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Finds and caches the project folder (see the top of this file) of config files. */
export class TrustBoundary {
  private readonly repos = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly files: ConfigFileAccess,
    /** Workspace roots (absolute); the deepest one holding a config file bounds it outside a repository. */
    private readonly roots: () => readonly string[],
  ) {}

  /** The project folder of a config file (its lexical path, not resolved). */
  async of(configFile: string): Promise<string> {
    const dir = path.dirname(path.resolve(configFile));
    const repo = await this.repositoryOf(dir);
    if (repo) return repo;
    const root = this.roots()
      .map((r) => path.resolve(r))
      .filter((r) => isInside(dir, r))
      .sort((a, b) => b.length - a.length)[0];
    return root ?? dir;
  }

  /** Whether `file` (and what its symbolic links lead to) lies inside `boundary`. */
  async contains(boundary: string, file: string): Promise<boolean> {
    const abs = path.resolve(file);
    if (!isInside(abs, boundary)) return false;
    const [real, realBoundary] = await Promise.all([this.files.realpath(abs), this.files.realpath(boundary)]);
    return isInside(real, realBoundary);
  }

  forget(): void {
    this.repos.clear();
  }

  private repositoryOf(dir: string): Promise<string | undefined> {
    let hit = this.repos.get(dir);
    if (!hit) {
      hit = (async () => {
        if (await this.files.isRepositoryRoot(dir)) return dir;
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.repositoryOf(parent);
      })();
      this.repos.set(dir, hit);
    }
    return hit;
  }
}

/** What reading a file gave: its text, nothing (no such file), or why it cannot be used. */
export type FileText = { text: string } | { absent: true } | { problem: string };

/** A config file's text, or why there is none: read once per run by the loader (load.ts). */
export function readConfigText(files: ConfigFileAccess, file: string): Promise<FileText> {
  return files.readFile(file).then(
    (text): FileText => {
      if (text === undefined) return { absent: true };
      if (text.length > MAX_CONFIG_BYTES) return { problem: `is larger than ${MAX_CONFIG_BYTES / 1024} KB; a config file is small` };
      return { text };
    },
    (err: unknown): FileText => ({
      problem: err instanceof UnreadableFile ? err.reason : `cannot be read (${(err as Error)?.name ?? 'error'})`,
    }),
  );
}

/**
 * Server settings: from `initializationOptions` at start, then from the
 * client's `visitNotes` configuration section (pulled through
 * `workspace/configuration` when supported, else read from
 * `didChangeConfiguration`). Accepts both `{ visitNotes: { … } }` and the bare
 * section, since editors pass either.
 */
export interface Settings {
  inlayHints: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = { inlayHints: { enabled: true } };

export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const section = pick(raw, 'visitNotes') ?? raw;
  const inlay = pick(section, 'inlayHints');
  const enabled = pick(inlay, 'enabled');
  // Dotted keys, as some clients send flat settings objects.
  const dotted = pick(section, 'inlayHints.enabled') ?? pick(raw, 'visitNotes.inlayHints.enabled');
  const value = typeof enabled === 'boolean' ? enabled : typeof dotted === 'boolean' ? dotted : base.inlayHints.enabled;
  return { inlayHints: { enabled: value } };
}

function pick(obj: unknown, key: string): unknown {
  return obj && typeof obj === 'object' && key in obj ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Names of the built-in formatters (kept apart so `lint --help` does not load them). */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * Imported first by extension.ts, so this runs before the rest of the bundle is
 * evaluated: the start of the extension's cold activation, for the timing
 * reported in docs/performance.md.
 */
export const LOAD_START = performance.now();
/** How long the extension host process had been running when this extension started loading. */
export const HOST_UPTIME_AT_LOAD = Math.round(process.uptime() * 1000);

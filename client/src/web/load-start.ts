/**
 * Imported first by the browser entry, so this runs before the rest of the
 * bundle is evaluated: the start of the web extension's activation, for the
 * timing the web test phase reports. In a worker, performance.now() counts
 * from the worker's start, so it is also how long the extension host had been
 * up when this extension started loading.
 */
export const LOAD_START = performance.now();
export const HOST_UPTIME_AT_LOAD = Math.round(LOAD_START);

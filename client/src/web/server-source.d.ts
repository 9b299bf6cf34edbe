/** The language server's worker script, as text: embedded by the browser build (scripts/bundle-options.mjs). */
declare module 'visitnotes:web-server' {
  const source: string;
  export default source;
}

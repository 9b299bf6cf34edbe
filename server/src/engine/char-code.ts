/**
 * `s.charCodeAt(i)` for the loops that read every character of strings of many
 * kinds (a note's text, a section's, a word sliced from either; one- and two-byte,
 * flat, sliced and concatenated). V8 keeps a property lookup per kind of string it
 * has seen at each `s.charCodeAt` and `s.length`; past four kinds the lookup goes
 * generic, and a profile of the CLI found these generic lookups were 12 % of what a
 * 600-note run executed. Called through the one function, the optimising compiler
 * needs no lookup at all (docs/performance.md). A loop should read `s.length` once.
 *
 * `String.prototype.charCodeAt` is named where it is called, not kept in a
 * module constant: the bundle assigns a module's constants in a function it runs
 * on first use, so the compiler could not tell the constant is that method and
 * would call it instead of reading the character in place.
 */
export function charCode(s: string, i: number): number {
  return String.prototype.charCodeAt.call(s, i);
}

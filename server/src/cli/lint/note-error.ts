/** An engine failure on one note (the engine's, so `lintFiles` and the CLI throw the same class). */
export { NoteProcessingError } from '../../engine/workspace/index.ts';

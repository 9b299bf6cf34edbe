/** The note limits live in the engine (the language server applies them too). */
export { MAX_NOTE_BYTES, MAX_NESTING, TOO_LARGE, TOO_DEEP, containerDepth, isStackOverflow } from '../../engine/index.ts';

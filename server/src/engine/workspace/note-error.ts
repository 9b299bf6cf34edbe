/**
 * An engine failure on one note: named by file and error type only. Engine error
 * messages could quote note text, so the details (stack, cause) need --debug.
 */
export class NoteProcessingError extends Error {
  constructor(file: string, cause: unknown) {
    super(`failed while linting ${file} (${(cause as Error)?.name ?? 'Error'})`, { cause });
    this.name = 'NoteProcessingError';
  }
}

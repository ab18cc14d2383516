// The project's own error type for problems a user can cause (bad files, bad flags, impossible designs).
// The CLI prints its message as one line, without a stack trace, and exits non-zero. Anything else that
// escapes is a bug in fpgasim and is shown with its stack.
export class FpgasimError extends Error {
  override readonly name = 'FpgasimError';
}

/** Throws FpgasimError(message) unless condition holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FpgasimError(message);
}

/** A bad command line; the message says what to change. `main` prints it and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The stream was not at the version the writer expected: someone else appended first. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'STALE_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    detail?: string,
  ) {
    super(detail ?? `Stream ${streamId} is not at the expected version ${expected}`);
  }
}

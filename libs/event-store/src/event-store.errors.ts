/** The stream was not at the version the writer expected: someone else appended first. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'STALE_VERSION';
  /** The stream's version when the write was refused, when known: what a client should read again. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly streamId: string,
    readonly expected: string,
    detail?: string,
    readonly currentVersion?: bigint,
  ) {
    super(
      detail ??
        (currentVersion === undefined
          ? `Stream ${streamId} is not at the expected version ${expected}`
          : `${streamId} is at version ${currentVersion}, not ${expected} as If-Match said: read it again (ETag "${currentVersion}") and retry.`),
    );
    this.details =
      currentVersion === undefined
        ? { expectedVersion: expected }
        : { expectedVersion: expected, currentVersion: currentVersion.toString() };
  }
}

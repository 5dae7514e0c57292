export type PeriodicPass = { stop(): Promise<void> };

/**
 * Runs `pass` every `everyMs`, never two at once (a slow pass makes the next ticks skip); `stop()` clears
 * the timer and waits for the pass under way.
 */
export const periodicPass = (
  pass: () => Promise<void>,
  everyMs: number,
  onError: (error: Error) => void,
): PeriodicPass => {
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    current ??= pass()
      .catch((error: unknown) => onError(error as Error))
      .finally(() => (current = null));
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
};

/** Lets a polling loop sleep until either something happens or the poll interval elapses. */
export class WakeSignal {
  private pending = false;
  private wakeUp: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.wakeUp?.(), timeoutMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          this.wakeUp = null;
          resolve();
        };
      });
    }
    this.pending = false;
  }
}

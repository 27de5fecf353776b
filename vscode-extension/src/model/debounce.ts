export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Runs the last scheduled action once nothing new was scheduled for `delayMs`. `flush` runs a
 * pending action now; `cancel` drops it. Timers are injectable for tests.
 */
export class Debouncer {
  private handle: unknown;
  private pending: (() => void) | undefined;

  constructor(private readonly delayMs: number, private readonly timers: Timers = realTimers) {}

  schedule(action: () => void, delayMs: number = this.delayMs): void {
    this.cancel();
    this.pending = action;
    this.handle = this.timers.setTimeout(() => this.flush(), delayMs);
  }

  get isPending(): boolean { return this.pending !== undefined; }

  flush(): void {
    const action = this.pending;
    this.cancel();
    action?.();
  }

  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.pending = undefined;
  }
}

/** Latest-wins: every request takes a ticket; only the newest ticket's answer is shown. */
export class Sequencer {
  private last = 0;
  next(): number { return ++this.last; }
  isCurrent(ticket: number): boolean { return ticket === this.last; }
}

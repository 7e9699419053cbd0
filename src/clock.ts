// The one place that reads the system clock. Everything else receives a Clock, so tests
// can fix time and move it forward.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that stands still until told to move; for tests and scripts. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(at: Date | string) {
    this.#ms = new Date(at).getTime();
    if (Number.isNaN(this.#ms)) throw new Error(`Invalid time for ManualClock: ${String(at)}`);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

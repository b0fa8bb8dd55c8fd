/**
 * What bounds a connection's and a view's appetite: a token bucket for the rate of frames, and a
 * log that says a refusal once rather than once per refused frame.
 */

/** A clock in milliseconds; `Date.now` unless a test injects its own. */
export type Clock = () => number;

/**
 * A token bucket: it holds up to `burst` tokens and gains `rate` a second; each admitted frame
 * takes one. A client may send `burst` frames at once and `rate` a second after that.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: Clock = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes a token if there is one; a rate of `Infinity` admits everything. */
  take(): boolean {
    if (this.rate === Infinity) return true;
    const now = this.now();
    // A clock that goes back (a test's, or a wall clock set back) adds nothing.
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A log line for something that repeats (every frame of a flood refused): written the first
 * time, then at most once per `intervalMs` with the count of the repeats it left out.
 */
export class ThrottledLog {
  private next = -Infinity;
  private skipped = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly intervalMs = 10_000,
    private readonly now: Clock = Date.now,
  ) {}

  note(line: string): void {
    const now = this.now();
    if (now < this.next) {
      this.skipped++;
      return;
    }
    this.write(this.skipped > 0 ? `${line} (${this.skipped} more since the last such line)` : line);
    this.skipped = 0;
    this.next = now + this.intervalMs;
  }
}

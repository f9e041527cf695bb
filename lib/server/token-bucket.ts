/**
 * A token bucket: `capacity` tokens, refilled continuously at `ratePerSecond`. Pure (the clock is passed in), so
 * the CI call budget can be tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly ratePerSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
    }
  }

  /** Tokens available now (fractional). */
  level(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /**
   * Takes one token if at least `1 + reserve` are there (a reserve is left for callers of higher priority).
   * Returns 0 on success, else the ms until the token would be there.
   */
  take(now: number, reserve = 0): number {
    this.refill(now);
    const needed = 1 + reserve;
    if (this.tokens >= needed) {
      this.tokens -= 1;
      return 0;
    }
    if (this.ratePerSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.max(1, Math.ceil(((needed - this.tokens) / this.ratePerSecond) * 1000));
  }
}

// Per-client message rate limit: a token bucket (steady rate, short bursts allowed). Colyseus's own
// maxMessagesPerSecond disconnects the client; this one only refuses the message with an error, so a
// client that clicks too fast is told so and stays at the table.
// It runs on real time (performance.now) rather than the table's scheduler: a test that freezes the
// game clock must not freeze the refill of everyone's bucket.

export interface RateLimitOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: the most messages accepted in one burst. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 20, burst: 40 };

export class TokenBucket {
  #tokens: number;
  #last: number;
  #options: RateLimitOptions;
  #now: () => number;

  constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
    this.#options = options;
    this.#now = now;
    this.#tokens = options.burst;
    this.#last = now();
  }

  /** Takes one token; false when the bucket is empty (the message must be refused). */
  take(): boolean {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#last) / 1000;
    this.#last = now;
    this.#tokens = Math.min(this.#options.burst, this.#tokens + elapsed * this.#options.perSecond);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** One bucket per key (a client's session id). */
export class RateLimiter {
  #buckets = new Map<string, TokenBucket>();
  #options: RateLimitOptions;
  #now: (() => number) | undefined;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT, now?: () => number) {
    this.#options = options;
    this.#now = now;
  }

  take(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.#options, this.#now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }
}

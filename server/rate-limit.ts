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
      // Bounded memory: a flood of new keys clears the oldest buckets rather than growing forever.
      if (this.#buckets.size >= MAX_KEYS) for (const k of [...this.#buckets.keys()].slice(0, MAX_KEYS / 2)) this.#buckets.delete(k);
      bucket = new TokenBucket(this.#options, this.#now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }
}

/** Buckets kept at most; past this the idle ones are forgotten (a forgotten bucket starts full). */
const MAX_KEYS = 50_000;

import { EmptyTables } from "./empty-tables.ts";

/** Per-address limits, against one machine (or a script) flooding the server from many clients. */
export interface AddressLimitOptions {
  /** Creating or joining a table (the matchmaking request). */
  joins: RateLimitOptions;
  /** WebSocket connections (joins and reconnections). */
  connections: RateLimitOptions;
  /** Messages from all the address's clients together. */
  messages: RateLimitOptions;
  /** Tables one address may have created and nobody joined yet (default EMPTY_TABLES_PER_ADDRESS). */
  emptyTables?: number;
}

// Generous: a whole school may share one address behind its NAT, and after a server restart every
// one of its clients rejoins at once.
export const DEFAULT_ADDRESS_LIMITS: AddressLimitOptions = {
  joins: { perSecond: 20, burst: 300 },
  connections: { perSecond: 20, burst: 300 },
  messages: { perSecond: 500, burst: 1000 },
};

/** The per-address buckets of one server. Addresses unknown to the transport share the key "?". */
export class AddressLimiter {
  readonly joins: RateLimiter;
  readonly connections: RateLimiter;
  readonly messages: RateLimiter;
  /** Tables each address created that nobody has joined yet (empty-tables.ts). */
  readonly emptyTables: EmptyTables;

  constructor(options: AddressLimitOptions = DEFAULT_ADDRESS_LIMITS) {
    this.emptyTables = new EmptyTables(undefined, options.emptyTables);
    this.joins = new RateLimiter(options.joins);
    this.connections = new RateLimiter(options.connections);
    this.messages = new RateLimiter(options.messages);
  }
}

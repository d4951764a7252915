// Tables created that nobody has joined yet, by the address that asked for them. A table costs
// memory and a row in the database from the moment it is created, before any socket connects; one
// address may therefore hold only a few of them at once (and each closes within a minute unless
// someone joins it: ServerConfig.unjoinedDisposeSeconds). Creating is refused (HTTP 429) while the
// address holds EMPTY_TABLES_PER_ADDRESS; joining one of them, or its closing, frees the place.

/** Tables one address may have created and not yet joined, at once. */
export const EMPTY_TABLES_PER_ADDRESS = 5;

/**
 * How long a creation counts at most. A table nobody joins closes well within it; the bound also
 * frees the place when the table lives in another process (scale-out), whose joins this one never sees.
 */
export const EMPTY_TABLE_HOLD_MS = 60_000;

export class EmptyTables {
  /** Creations under way (the answer not sent yet), per address. */
  #creating = new Map<string, number>();
  /** Created and not yet joined: table code → the address that created it, and until when it counts. */
  #held = new Map<string, { address: string; until: number }>();
  #now: () => number;
  #perAddress: number;

  /** `perAddress`: tables one address may hold empty at once (the load test, on one address, lifts it). */
  constructor(now: () => number = () => Date.now(), perAddress = EMPTY_TABLES_PER_ADDRESS) {
    this.#now = now;
    this.#perAddress = perAddress;
  }

  /** Whether `address` may create another table now. */
  mayCreate(address: string): boolean {
    return (this.#creating.get(address) ?? 0) + this.heldBy(address) < this.#perAddress;
  }

  /** A creation request from `address` has begun. */
  creating(address: string): void {
    this.#creating.set(address, (this.#creating.get(address) ?? 0) + 1);
  }

  /** The creation request was answered: `code` is the table it made (undefined when it failed). */
  created(address: string, code: string | undefined): void {
    const n = (this.#creating.get(address) ?? 1) - 1;
    if (n > 0) this.#creating.set(address, n);
    else this.#creating.delete(address);
    if (code !== undefined) this.#held.set(code, { address, until: this.#now() + EMPTY_TABLE_HOLD_MS });
  }

  /** Someone joined the table, or it closed: it no longer counts against its creator's address. */
  release(code: string): void {
    this.#held.delete(code);
  }

  /** How many tables `address` holds empty now (for tests and /health). */
  heldBy(address: string): number {
    const now = this.#now();
    let count = 0;
    for (const [code, held] of this.#held) {
      if (held.until <= now) this.#held.delete(code);
      else if (held.address === address) count++;
    }
    return count;
  }
}

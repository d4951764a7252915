// Tables created that nobody has joined yet, by the address that asked for them. A table costs
// memory and a row in the database from the moment it is created, before any socket connects; one
// address may therefore hold only a few of them at once (and each closes within a minute unless
// someone joins it: ServerConfig.unjoinedDisposeSeconds). Creating is refused (HTTP 429) while the
// address holds EMPTY_TABLES_PER_ADDRESS; joining one of them, or its closing, frees the place.

/** Tables one address may have created and not yet joined, at once. */
export const EMPTY_TABLES_PER_ADDRESS = 5;

export class EmptyTables {
  /** Creations under way (the answer not sent yet), per address. */
  #creating = new Map<string, number>();
  /** Created and not yet joined: table code → the address that created it. */
  #held = new Map<string, string>();

  /** Whether `address` may create another table now. */
  mayCreate(address: string): boolean {
    let count = this.#creating.get(address) ?? 0;
    for (const a of this.#held.values()) if (a === address) count++;
    return count < EMPTY_TABLES_PER_ADDRESS;
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
    if (code !== undefined) this.#held.set(code, address);
  }

  /** Someone joined the table, or it closed: it no longer counts against its creator's address. */
  release(code: string): void {
    this.#held.delete(code);
  }

  /** How many tables `address` holds empty now (for tests and /health). */
  heldBy(address: string): number {
    let count = 0;
    for (const a of this.#held.values()) if (a === address) count++;
    return count;
  }
}

// What a WeakMap does for a memo (a value kept as long as its key object lives, and collected
// with it), without the WeakMap's price in the server's full collections.
//
// The views' memos (an item's JSON and size, an offer's kept copy, a list's windows, a section's
// last view…) are keyed by objects that live as long as their table: hundreds of thousands of
// WeakMap entries on a busy server. A WeakMap entry is an ephemeron: V8 may mark its value only
// once it has marked the key, and what its concurrent marker has not settled by then it settles in
// the full collection's pause, with the server stopped. At 400 tables those ephemerons were 10–30
// ms of each full collection's pause (and up to half a second once), the largest part of it
// (`--trace-gc-nvp`: mark.ephemeron.marking; docs/OPERATIONS.md, "Memory per table, and the tail").
//
// Here the value hangs from the key itself, under a symbol no other code reads and that is not
// enumerable: JSON, structuredClone, spreads, Object.keys and for…in never see it, so the key is
// the same object to everything else. It is an ordinary reference, marked like any other, and it
// dies with its key exactly as a WeakMap's entry would. A key that cannot take a property (frozen)
// falls back to a WeakMap.
//
// Not for states: a memo keyed by a GameState (its public view, its copies' lists) stays a WeakMap.
// A state lives for one action or a few, so its entries are mostly dead by the next collection and
// cost the pause little; and a state with a memo on it has another shape, which the rules, reading
// states in every action, paid for: with states' memos on them too, the server's CPU per accepted
// action at 400 tables was 0.68–0.75 ms, with them in WeakMaps 0.50–0.57 (docs/OPERATIONS.md).
//
// Each memo has its own symbol: a key gets one property per memo that knows it (an item two, a
// list or a section one or two, always set by the same paths in the same order, so few shapes). Setting one is
// slower than a WeakMap's set, but a key is set once and read many times, and the read is a
// property load (`npm run bench:memo-gc` compares the two kinds' CPU and pauses).

let memosMade = 0;

export class ObjectMemo<K extends object, V> {
  /** Where this memo's value hangs on a key. */
  readonly #slot = Symbol(`memo ${memosMade++}`);
  /** Keys that cannot take a property (frozen, sealed or not extensible). */
  #fixed: WeakMap<K, V> | null = null;

  get(key: K): V | undefined {
    const value = (key as Record<symbol, V | undefined>)[this.#slot];
    return value !== undefined || this.#fixed === null ? value : this.#fixed.get(key);
  }

  set(key: K, value: V): this {
    const slotted = key as Record<symbol, V | undefined>;
    if (Object.hasOwn(slotted, this.#slot)) slotted[this.#slot] = value;
    else if (Object.isExtensible(key)) Object.defineProperty(key, this.#slot, { value, enumerable: false, writable: true, configurable: false });
    else (this.#fixed ??= new WeakMap()).set(key, value);
    return this;
  }

  delete(key: K): boolean {
    const slotted = key as Record<symbol, V | undefined>;
    if (slotted[this.#slot] !== undefined) {
      slotted[this.#slot] = undefined;
      return true;
    }
    return this.#fixed?.delete(key) ?? false;
  }
}

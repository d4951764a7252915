// What a WeakMap does for a memo (a value kept as long as its key object lives, and collected
// with it), without the WeakMap's price in the server's full collections.
//
// The views' memos (an item's JSON and size, a state's public view, a list's windows, a section's
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
// Every memo shares one symbol, whose value is a short list of (memo, value) pairs: one property
// per object however many memos know it, so objects keep one shape more at most (the rules read
// states and items in hot loops, and a shape per combination of memos would make those reads slower).

const MEMOS = Symbol("memos");

type Slotted = { [MEMOS]?: unknown[] };

let memosMade = 0;

export class ObjectMemo<K extends object, V> {
  readonly #id = memosMade++;
  /** Keys that cannot take a property (frozen, sealed or not extensible). */
  #fixed: WeakMap<K, V> | null = null;

  get(key: K): V | undefined {
    const slots = (key as Slotted)[MEMOS];
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i += 2) if (slots[i] === this.#id) return slots[i + 1] as V;
      return undefined;
    }
    return this.#fixed?.get(key);
  }

  has(key: K): boolean {
    const slots = (key as Slotted)[MEMOS];
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i += 2) if (slots[i] === this.#id) return true;
      return false;
    }
    return this.#fixed?.has(key) ?? false;
  }

  set(key: K, value: V): this {
    const slotted = key as Slotted;
    const slots = slotted[MEMOS];
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i += 2)
        if (slots[i] === this.#id) {
          slots[i + 1] = value;
          return this;
        }
      slots.push(this.#id, value);
    } else if (Object.isExtensible(key)) {
      Object.defineProperty(key, MEMOS, { value: [this.#id, value], enumerable: false, writable: false, configurable: false });
    } else {
      (this.#fixed ??= new WeakMap()).set(key, value);
    }
    return this;
  }

  delete(key: K): boolean {
    const slots = (key as Slotted)[MEMOS];
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i += 2)
        if (slots[i] === this.#id) {
          slots.splice(i, 2);
          return true;
        }
      return false;
    }
    return this.#fixed?.delete(key) ?? false;
  }
}

// Freezing a value and everything in it, to prove that code given it never changes any of it:
// a write to a frozen object throws in strict mode (every module here is one).

/** Freezes `value` and everything in it; what is frozen already (shared with an earlier value) is not walked again. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

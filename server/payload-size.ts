// How large a message may be: at most MAX_PAYLOAD_CHARS characters of JSON (docs/PROTOCOL.md). A
// table asks this of every intent and command it is sent, and nearly all are a few hundred
// characters. Writing the whole JSON text to measure it cost more than the protocol's schema check
// that follows (a 500-character statement is written, escaped, and thrown away); here a walk over
// the message first adds up what its JSON can be at most — six characters for every character of a
// string (the longest escape, \uXXXX), 25 for a number — and only a message that might be too large,
// holds anything but plain JSON data, or is nested deeper than any message of the protocol, has its
// JSON text written and measured, as before: the answer is always the one that text gives.
import { MAX_PAYLOAD_CHARS } from "../shared/protocol.ts";
import type { ErrorCode } from "../shared/protocol.ts";

const LONGEST_NUMBER = 25; // "-0.0000012345678901234567"
const LONGEST_ESCAPE = 6; // "\u001f"
/** Deeper than any message of the protocol: left to JSON.stringify, which judges a nesting too deep to write. */
const DEEPEST = 32;

/**
 * At most how many characters of JSON `value` is written as, or more than `budget` when that cannot
 * be said cheaply: it might be larger, or it is not plain data (a Date or a Buffer writes itself,
 * a BigInt cannot be written at all). A cycle runs the sum over the budget.
 */
function jsonBound(value: unknown, budget: number, depth = 0): number {
  switch (typeof value) {
    case "string":
      return 2 + LONGEST_ESCAPE * value.length;
    case "number":
      return LONGEST_NUMBER;
    case "boolean":
      return 5;
    case "undefined":
      // Left out of an object, "null" in an array, nothing at the top.
      return 4;
    case "object": {
      if (value === null) return 4;
      if (depth >= DEEPEST) return budget + 1;
      const array = Array.isArray(value);
      if (!array && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return budget + 1;
      let total = 2;
      if (array) {
        for (const item of value) {
          total += 1 + jsonBound(item, budget - total, depth + 1);
          if (total > budget) return total;
        }
        return total;
      }
      for (const key in value) {
        total += 2 + jsonBound(key, budget) + jsonBound((value as Record<string, unknown>)[key], budget - total, depth + 1);
        if (total > budget) return total;
      }
      return total;
    }
    default:
      // A function, a symbol, a BigInt: for JSON.stringify to judge.
      return budget + 1;
  }
}

/** Why `raw` is refused for its size or its form, or null: at most MAX_PAYLOAD_CHARS characters of plain JSON data. */
export function payloadSizeProblem(raw: unknown): { code: ErrorCode; message: string } | null {
  if (jsonBound(raw, MAX_PAYLOAD_CHARS) <= MAX_PAYLOAD_CHARS) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    return { code: "bad_payload", message: "the message is not plain JSON data" };
  }
  if (text !== undefined && text.length > MAX_PAYLOAD_CHARS)
    return { code: "payload_too_large", message: `a message is at most ${MAX_PAYLOAD_CHARS} characters of JSON; this one has ${text.length}` };
  return null;
}

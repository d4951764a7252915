// A message is refused for its size exactly when its JSON text is longer than MAX_PAYLOAD_CHARS, and
// for its form exactly when it cannot be written as JSON (server/payload-size.ts). The table first
// adds up what the JSON can be at most and writes the text only when that is not enough to tell: the
// answer must be the text's, for every message, near the limit and far from it.
import { describe, expect, it } from "vitest";
import { payloadSizeProblem } from "../../server/payload-size.ts";
import { MAX_PAYLOAD_CHARS } from "../../shared/protocol.ts";
import { Random, seedToRng } from "../../shared/rng.ts";

/** The rule itself: the JSON text written and measured. */
function byTheText(raw: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    return "bad_payload";
  }
  return text !== undefined && text.length > MAX_PAYLOAD_CHARS ? "payload_too_large" : null;
}
const code = (raw: unknown) => payloadSizeProblem(raw)?.code ?? null;

const PIECES = ["a", "é", "שלום", "\u0000", "\u001f", '"', "\\", "\u2028", "😀", "\ud800"];
function randomValue(r: Random, depth: number, scale: number): unknown {
  const pick = r.int(depth > 4 ? 6 : 9);
  if (pick === 0) return (r.int(2e6) - 1e6) / (1 + r.int(1e6));
  if (pick === 1) return [-0.0000012345678901234567, 1e21, -1.7976931348623157e308, NaN, Infinity, 5e-324][r.int(6)];
  if (pick === 2) return r.int(2) === 1;
  if (pick === 3) return null;
  if (pick === 4 || pick === 5) {
    let text = "";
    const length = r.int(scale + 1);
    const piece = PIECES[r.int(PIECES.length)]!;
    while (text.length < length) text += piece;
    return text;
  }
  if (pick === 6) return Array.from({ length: r.int(7) }, () => randomValue(r, depth + 1, scale));
  const o: Record<string, unknown> = {};
  for (let i = r.int(7); i > 0; i--) o[`k${r.int(100)}${PIECES[r.int(4)]}`] = randomValue(r, depth + 1, scale);
  if (r.int(10) === 0) o.gone = undefined;
  return o;
}

describe("a message's size", () => {
  it("is judged as its JSON text judges it, for random messages near the limit and far from it", () => {
    const r = new Random(seedToRng(20251010));
    const outcomes = new Map<string | null, number>();
    for (let i = 0; i < 3000; i++) {
      // Strings of up to a few characters, up to the limit's sixth (where the bound is reached), and past the limit.
      const scale = [8, 600, Math.ceil(MAX_PAYLOAD_CHARS / 6), MAX_PAYLOAD_CHARS][i % 4]!;
      const value = { requestId: `r${i}`, intent: randomValue(r, 0, scale) };
      const expected = byTheText(value);
      expect(code(value), JSON.stringify(value).slice(0, 200)).toBe(expected);
      outcomes.set(expected, (outcomes.get(expected) ?? 0) + 1);
    }
    // Both answers came up many times: the limit itself was exercised.
    expect(outcomes.get(null)).toBeGreaterThan(100);
    expect(outcomes.get("payload_too_large")).toBeGreaterThan(100);
  });

  it("at the limit, to the character", () => {
    // {"text":"…"} is 11 characters around the text.
    const at = { text: "x".repeat(MAX_PAYLOAD_CHARS - 11) };
    expect(JSON.stringify(at).length).toBe(MAX_PAYLOAD_CHARS);
    expect(code(at)).toBeNull();
    expect(code({ text: "x".repeat(MAX_PAYLOAD_CHARS - 10) })).toBe("payload_too_large");
    // Escapes count as written: 2,731 control characters are 16,386 characters of JSON.
    expect(code({ t: "\u0001".repeat(2731) })).toBe("payload_too_large");
    expect(code({ t: "\u0001".repeat(2000) })).toBeNull();
  });

  it("anything but plain data is judged by its text too", () => {
    expect(code({ when: new Date(0) })).toBeNull();
    expect(code({ bytes: new Uint8Array(8000) })).toBe("payload_too_large");
    expect(code({ bytes: new Uint8Array(10) })).toBeNull();
    expect(code({ n: 10n })).toBe("bad_payload");
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(code(cycle)).toBe("bad_payload");
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(code(deep)).toBe(byTheText(deep));
    expect(code(undefined)).toBeNull();
    expect(code({ f: () => 1, toJSON: undefined })).toBeNull();
    expect(code({ toJSON: () => "x".repeat(MAX_PAYLOAD_CHARS) })).toBe("payload_too_large");
  });
});

// Clients decode strings flat (shared/wire-strings.ts): the text must be exactly what the library's
// own reader gives, for every length header and every kind of character, and a damaged frame must
// not throw or read past its end.
import { describe, expect, it } from "vitest";
import { Decoder, Encoder, decode, schema, t, type SchemaType } from "@colyseus/schema";
import { installFlatStringDecoder } from "../../shared/wire-strings.ts";

const Texts = schema({ one: t.string().default(""), many: t.array("string") }, "Texts");
type Texts = SchemaType<typeof Texts>;

const samples = [
  "",
  "a",
  "twelve chars",
  "thirteen char",
  "Türkiye",
  "Board of Peace — week 3: “phased” withdrawal",
  "العربية والعبرية: עברית",
  "emoji 🕊️ and a surrogate pair 𝄞",
  JSON.stringify({ tracks: { ceasefire: 62, aid: 40 }, note: "x".repeat(300) }),
  // Over 65,535 bytes: the 32-bit length header.
  "é".repeat(33_000),
];

/** Encodes a full state holding `texts` and decodes it with whatever string reader is installed. */
function roundTrip(texts: string[]): { one: string; many: string[] } {
  const state = new Texts();
  state.one = texts[1]!;
  state.many.push(...texts);
  const bytes = new Encoder(state).encodeAll();
  const decoded = new Texts();
  new Decoder(decoded).decode(bytes);
  return { one: decoded.one, many: [...decoded.many] };
}

// The server's encoder buffer (server/app.ts): the longest sample does not fit the library's default.
Encoder.BUFFER_SIZE = 256 * 1024;

describe("flat string decoding", () => {
  it("gives the same text as the library's reader, header lengths and multibyte characters included", () => {
    const before = roundTrip(samples);
    expect(before.many).toEqual(samples);
    installFlatStringDecoder();
    const after = roundTrip(samples);
    expect(after).toEqual(before);
  });

  it("reads a truncated string up to the end of the frame, without throwing", () => {
    installFlatStringDecoder();
    // A 0xd9 header announcing 200 bytes, with only 5 behind it.
    const bytes = Uint8Array.from([0xd9, 200, 104, 101, 108, 108, 111]);
    const it = { offset: 0 };
    expect(decode.string(bytes, it)).toBe("hello");
    expect(it.offset).toBe(bytes.length);
  });
});

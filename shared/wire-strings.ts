// Strings arrive flat. The schema decoder builds each string of a patch one character at a time
// (`s += String.fromCharCode(…)`), and V8 keeps such a string as a rope: a node of about 32 bytes per
// character until something flattens it. A view is mostly JSON text (the public table, every offer
// and message), so a client held ropes thirty times the size of its text — and a rope that is never
// read (an item the page does not show yet) stays that size, while every one that is read becomes
// garbage at once. Decoding the bytes in one call instead makes one flat string, byte for byte the
// same text. Installed once per page or process, before the first room is joined; the wire format
// does not change.
import { decode } from "@colyseus/schema";

interface Cursor {
  offset: number;
}

const utf8 = new TextDecoder();
/** V8 copies strings shorter than this flat as they grow; a character loop is cheaper there than a call into the text decoder. */
const SHORT = 13;

function decodeString(bytes: Uint8Array, it: Cursor): string {
  // The msgpack string header, as the schema encoder writes it.
  const prefix = bytes[it.offset++]!;
  let length: number;
  if (prefix < 0xc0) length = prefix & 0x1f;
  else if (prefix === 0xd9) length = decode.uint8(bytes, it);
  else if (prefix === 0xda) length = decode.uint16(bytes, it);
  else if (prefix === 0xdb) length = decode.uint32(bytes, it);
  else length = 0;
  // A short or damaged frame: read what is there, as the library's own reader does.
  length = Math.max(0, Math.min(length, bytes.length - it.offset));
  const start = it.offset;
  it.offset += length;
  if (length < SHORT) {
    let ascii = "";
    for (let i = start; i < start + length; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) return utf8.decode(bytes.subarray(start, start + length));
      ascii += String.fromCharCode(byte);
    }
    return ascii;
  }
  return utf8.decode(bytes.subarray(start, start + length));
}

let installed = false;

/** Makes every Colyseus state decoder in this process or page build flat strings. Idempotent. */
export function installFlatStringDecoder(): void {
  if (installed) return;
  installed = true;
  (decode as unknown as { string: typeof decodeString }).string = decodeString;
}

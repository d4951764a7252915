// The table's serializer without a table's worth of encoding buffers in every room.
//
// Colyseus gives each room two buffers of Encoder.BUFFER_SIZE (128 KB here, server/app.ts): the
// encoder's `sharedBuffer`, where every patch is written, and the serializer's `fullEncodeBuffer`,
// where a joiner's whole state is written — 256 KB or more per table (they only ever grow), held
// for the table's whole life although each is used for a moment at a time. Encoding is
// synchronous, one room at a time, so one pair of buffers serves every table of the process.
//
// What makes sharing safe: nothing that leaves an encoding call may point into a shared buffer.
// Colyseus hands the shared part of a patch to every client's socket as a view of `sharedBuffer`;
// a socket that cannot take it all at once keeps that view until it drains, and another table's
// patch would overwrite it in between. So the shared part is copied once per patch (a few hundred
// bytes, the same copy for every client); a section's patch and a joiner's state are already fresh
// copies (Colyseus concatenates them), except a joiner's state without a section, copied here.
// A room's own buffer had the same hazard with its own next patch; copying removes it too.
import { Encoder } from "@colyseus/schema";
import { Protocol, type Client } from "@colyseus/core";
import { FullStateSerializer } from "./full-state-serializer.ts";
import type { TableState } from "./table-schema.ts";

type Timing = Parameters<FullStateSerializer["getFullState"]>[1];

/** The process's encoding buffers, grown (never shrunk) to the largest table's need. */
type Bytes = Uint8Array<ArrayBuffer>;
const buffers: { patch: Bytes; full: Bytes } = {
  patch: new Uint8Array(0),
  full: new Uint8Array(0),
};
const EMPTY: Bytes = new Uint8Array(0);

/** The handshake (the state's types, for a joiner's decoder) per type context: the same for every table. */
const handshakes = new WeakMap<object, { types: number; bytes: Uint8Array }>();

/** A buffer of at least `bytes`, keeping the one there when it is large enough. */
function atLeast(buffer: Bytes, bytes: number): Bytes {
  return buffer.byteLength >= bytes ? buffer : new Uint8Array(bytes);
}

/** Runs `make` with Encoder.BUFFER_SIZE tiny, so the per-room buffers it would allocate are not made. */
export function withTinyBuffers<T>(make: () => T): T {
  const usual = Encoder.BUFFER_SIZE;
  Encoder.BUFFER_SIZE = 16;
  try {
    return make();
  } finally {
    Encoder.BUFFER_SIZE = usual;
  }
}

export class LeanStateSerializer extends FullStateSerializer {
  constructor() {
    // Colyseus allocates a room's full-state buffer here: not made (Encoder.BUFFER_SIZE tiny meanwhile).
    const usual = Encoder.BUFFER_SIZE;
    Encoder.BUFFER_SIZE = 16;
    super();
    Encoder.BUFFER_SIZE = usual;
    this.fullEncodeBuffer = EMPTY;
  }

  override reset(state: TableState): void {
    withTinyBuffers(() => super.reset(state));
    const encoder = this.encoder;
    // Every read and write of this encoder's `sharedBuffer` (including Colyseus growing it on
    // overflow) goes to the process's patch buffer.
    Object.defineProperty(encoder, "sharedBuffer", {
      configurable: true,
      get: () => (buffers.patch = atLeast(buffers.patch, 2 * Encoder.BUFFER_SIZE)),
      set: (grown: Bytes) => (buffers.patch = grown),
    });
    // The shared pass of a patch (no view) leaves the call as a copy (see the header). A section's
    // pass stays in the buffer: Colyseus reads it back and concatenates it with the shared part.
    const encode = encoder.encode.bind(encoder);
    encoder.encode = ((...args: Parameters<typeof encoder.encode>) => {
      const out = encode(...args);
      return args[1] === undefined ? out.slice() : out;
    }) as typeof encoder.encode;
  }

  // The description of the state's types a joiner decodes with (schema's Reflection) depends only on
  // the state's type context, which every table of the process shares: it is made once, not for the
  // first joiner of every new table (each time a Reflection encoder with a buffer of its own).
  override handshake(): Uint8Array {
    const context = this.encoder.context;
    const made = handshakes.get(context);
    // Keyed by the context, and made again should the context ever learn more types.
    if (made && made.types === context.schemas.size) return (this.handshakeCache = made.bytes);
    const bytes = super.handshake();
    handshakes.set(context, { types: context.schemas.size, bytes });
    return bytes;
  }

  override getFullState(client?: Client, timing?: Timing) {
    // Encoded afresh into the process's buffer each time (the cached copy of another table's
    // state would be there otherwise): a join is rare next to the patches.
    this.fullEncodeBuffer = buffers.full = atLeast(buffers.full, Encoder.BUFFER_SIZE);
    // Its first byte says "whole state" (Colyseus writes it once per room; the buffer is everyone's).
    this.fullEncodeBuffer[0] = Protocol.ROOM_STATE;
    this.needFullEncode = true;
    try {
      const body = super.getFullState(client, timing);
      return body.buffer === this.fullEncodeBuffer.buffer ? body.slice() : body;
    } finally {
      // The full-state serializer may have grown the buffer: keep the larger one for every table.
      buffers.full = this.fullEncodeBuffer as Bytes;
      this.fullEncodeBuffer = EMPTY;
      this.fullEncodeCache = EMPTY;
      this.needFullEncode = true;
    }
  }
}

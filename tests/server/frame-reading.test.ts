// Each frame a client sends is decoded once, by the table's frame guard (server/frame-guard.ts
// readFrame): a message sent with `room.send` goes on to its handler with the payload decoded there,
// exactly what Colyseus's own read of the frame gives; anything else that decodes is left to
// Colyseus; what cannot be decoded is named, never thrown.
import { describe, expect, it } from "vitest";
import { encode } from "@colyseus/schema";
import { Packr, unpack } from "msgpackr";
import { readFrame } from "../../server/frame-guard.ts";

const ROOM_DATA = 13;
const ROOM_REQUEST = 21;
const JOIN_ROOM = 10;

/** A frame as the SDK's `room.send` builds it (Room.send: type, then msgpack from its own Packr, records on). */
function sent(type: string | number, payload?: unknown): Buffer {
  const header = Buffer.alloc(64);
  header[0] = ROOM_DATA;
  const it = { offset: 1 };
  if (typeof type === "string") encode.string(header, type, it);
  else encode.number(header, type, it);
  const body = payload === undefined ? Buffer.alloc(0) : Buffer.from(new Packr().pack(payload));
  return Buffer.concat([header.subarray(0, it.offset), body]);
}

describe("a frame read once", () => {
  it("a message sent with room.send: its type and the payload Colyseus would decode", () => {
    const payload = { requestId: "r1", intent: { type: "propose", to: ["qatar"], obligations: [{ party: "hamas", term: { kind: "hostage_release", amount: 3 } }], note: "ça va — שלום" } };
    const frame = sent("intent", payload);
    const read = readFrame(frame);
    expect(read).toEqual({ type: "intent", message: payload });
    // The same bytes as Colyseus reads them (RoomMessages onData: msgpack after the type).
    expect((read as { message: unknown }).message).toEqual(unpack(frame.subarray(1 + 1 + "intent".length)));
  });

  it("a numeric type, and a message without a payload", () => {
    expect(readFrame(sent(7, [1, 2]))).toEqual({ type: 7, message: [1, 2] });
    expect(readFrame(sent("record"))).toEqual({ type: "record", message: undefined });
  });

  it("a request or a join is left to Colyseus", () => {
    const request = sent("intent", { requestId: "r2" });
    const asRequest = Buffer.concat([Buffer.from([ROOM_REQUEST, 5]), request.subarray(1)]);
    expect(readFrame(asRequest)).toBeNull();
    expect(readFrame(Buffer.from([JOIN_ROOM]))).toBeNull();
  });

  it("what cannot be decoded is named", () => {
    expect(readFrame(Buffer.alloc(0))).toBe("an empty frame");
    expect(readFrame(Buffer.from([31]))).toMatch(/unknown frame type/);
    const cut = sent("intent", { requestId: "r3", intent: { type: "ready" } });
    expect(readFrame(Buffer.concat([cut.subarray(0, 8), Buffer.from([0xdc, 0xff, 0xff])]))).toMatch(/not msgpack/);
  });
});

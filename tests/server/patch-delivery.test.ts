// What /health?stats reports about patches (server/patch-delivery.ts): a patch that is only the
// protocol byte never reaches a socket, and the counts say how many were sent and how many were not.
import { describe, expect, it } from "vitest";
import { Protocol, type Client } from "@colyseus/core";
import { carriesChanges, countChange, deliverPatch, takePatchCounts } from "../../server/patch-delivery.ts";

/** A client that records what its socket would be given. */
function recorder(): Client & { written: Uint8Array[] } {
  const written: Uint8Array[] = [];
  return { written, raw: (bytes: Uint8Array) => void written.push(bytes) } as unknown as Client & { written: Uint8Array[] };
}

describe("patch delivery", () => {
  it("sends a patch with changes, keeps back one that is only the protocol byte, and counts both", () => {
    takePatchCounts();
    const a = recorder();
    const b = recorder();
    const changed = Uint8Array.of(Protocol.ROOM_STATE_PATCH, 255, 3, 1);
    const nothing = Uint8Array.of(Protocol.ROOM_STATE_PATCH);
    countChange();
    expect(deliverPatch(a, changed, true)).toBe(true);
    expect(deliverPatch(b, nothing)).toBe(false);
    countChange();
    expect(deliverPatch(a, nothing, true)).toBe(false);
    expect(deliverPatch(b, changed)).toBe(true);
    expect(a.written).toEqual([changed]);
    expect(b.written).toEqual([changed]);
    expect(takePatchCounts()).toEqual({ patchChanges: 2, patchesSent: 2, patchesSkipped: 2, senderPatchesSkipped: 1 });
    // Taken counts start again from nothing.
    expect(takePatchCounts()).toEqual({ patchChanges: 0, patchesSent: 0, patchesSkipped: 0, senderPatchesSkipped: 0 });
  });
  it("tells a patch with changes from one without", () => {
    expect(carriesChanges(Uint8Array.of(Protocol.ROOM_STATE_PATCH))).toBe(false);
    expect(carriesChanges(Uint8Array.of(Protocol.ROOM_STATE_PATCH, 255, 0))).toBe(true);
    // A whole state is never "nothing", whatever its length.
    expect(carriesChanges(Uint8Array.of(Protocol.ROOM_STATE))).toBe(true);
  });
});

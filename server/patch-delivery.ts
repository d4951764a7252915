// A client is sent a patch only when it carries something for that client.
//
// Colyseus sends a patch to every client whenever anything at the table changed. A patch is the
// shared fields' changes followed by the changes in that client's own private section; when both
// are empty it is the protocol byte alone — a private message between two other parties, say, or
// an offer the client is not part of. Such a patch changes nothing the client holds, yet costs a
// socket write in the server and a decode and a view read in the client. Every patch path of the
// table's serializer (server/full-state-serializer.ts, server/sender-first-serializer.ts) sends
// through here, so a client hears from the table when its view changed, and only then.
//
// The counts are the process's, for /health?stats (server/app.ts): how many patches left, how many
// carried nothing and were not sent, and how many changes were sent.
import { Protocol, type Client } from "@colyseus/core";

/** Patch traffic since the counts were last taken. */
export interface PatchCounts {
  /** Changes the tables sent out (one per accepted action, join, leave or timer change that changed the synced state). */
  patchChanges: number;
  /** Patches written to clients' sockets. */
  patchesSent: number;
  /** Patches that carried nothing for their client, and so were not sent. */
  patchesSkipped: number;
  /** Of those, the patches of the client whose own message made the change. */
  senderPatchesSkipped: number;
}

const counts: PatchCounts = { patchChanges: 0, patchesSent: 0, patchesSkipped: 0, senderPatchesSkipped: 0 };

/** Whether `bytes` (a patch frame, untimed) carries any change: more than its protocol byte. */
export function carriesChanges(bytes: Uint8Array): boolean {
  return bytes.length > 1 || bytes[0] !== Protocol.ROOM_STATE_PATCH;
}

/**
 * Sends the patch `bytes` to `client` unless it carries nothing; says whether it was sent.
 * `sender`: the client whose message made the change (counted apart: its reply still tells it the
 * outcome).
 */
export function deliverPatch(client: Client, bytes: Uint8Array, sender = false): boolean {
  if (!carriesChanges(bytes)) {
    counts.patchesSkipped++;
    if (sender) counts.senderPatchesSkipped++;
    return false;
  }
  counts.patchesSent++;
  client.raw(bytes);
  return true;
}

/** Counts one change sent out by a table. */
export function countChange(): void {
  counts.patchChanges++;
}

/** The counts since the last call, and starts counting afresh. */
export function takePatchCounts(): PatchCounts {
  const taken = { ...counts };
  counts.patchChanges = counts.patchesSent = counts.patchesSkipped = counts.senderPatchesSkipped = 0;
  return taken;
}

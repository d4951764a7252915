// The patch of an accepted message, sent to its sender before anyone else's is made.
//
// The person who acted is the one waiting: their reply and their patch should not wait while the
// table makes and encodes every other viewer's private section. A patch is one encoding of the
// shared fields (the public table, seats, clock) followed, per client, by the private section
// that client's StateView may see (Colyseus's SchemaSerializer.applyPatches). Here that work is
// cut in two around the sender:
//   1. `holdBack(sender, rest)`, then the room's broadcastPatch: the shared part is encoded and
//      the sender's patch (shared part + the sender's own section) goes to the sender alone;
//   2. `release()` (once the sender's reply has left): `rest` writes the other viewers' sections
//      (server/state-mirror.ts), and each other client gets the shared part + its own section.
// Every client whose view changed still receives exactly one patch for the change, with the same
// bytes as an uncut broadcastPatch would give it: private sections are filtered fields, which the
// shared part never carries, and no client sees a private section but its own (and `rest` touches
// only those; the spectators' section, which several clients see, is written before the sender's
// patch, with the public table). A client whose view did not change is sent nothing, as on every
// other path (server/patch-delivery.ts); the sender then learns the outcome from its reply alone.
// Between the two steps nothing else may change this table's synced state: the mirror's writes
// release a held patch first (see TableRoom), and so do the next patch and the next joiner's state
// here. Other tables may run in between (the room releases on the event loop's next turn).
import { ClientState, Protocol, type Client } from "@colyseus/core";
import type { StateView } from "@colyseus/schema";
import { anyViewChanged, patchFor, SECTION_ROOM_MARGIN, sectionBound, sectionBytes, withEncoderRoom } from "./full-state-serializer.ts";
import type { TableState } from "./table-schema.ts";
import { LeanStateSerializer } from "./lean-serializer.ts";
import { countChange, deliverPatch } from "./patch-delivery.ts";

type Timing = Parameters<LeanStateSerializer["applyPatches"]>[2];

export class SenderFirstSerializer extends LeanStateSerializer {
  /** The sender and what to write before the others' patches, until the next patch is encoded. */
  #waiting: { sender: Client; rest: () => void } | null = null;
  /** The others' half of a patch already sent to its sender. */
  #held: (() => void) | null = null;
  /** A client being sent its whole state: it gets no held patch (its state already holds the change). */
  #joining: Client | null = null;

  /**
   * The next patch goes to `sender` alone; `rest` (the other viewers' sections) and everyone
   * else's patch wait for release(). Should the next patch not be cut (the sender has no private
   * view, say), `rest` runs first and the patch goes to everyone as usual.
   */
  holdBack(sender: Client, rest: () => void): void {
    this.release();
    this.#waiting = { sender, rest };
  }

  /** Whether a patch's second half (or a holdBack's sections) still waits for release(). */
  get holding(): boolean {
    return this.#held !== null || this.#waiting !== null;
  }

  /** Sends the held half of the last patch: writes the others' sections, then their patches. Never throws. */
  release(): void {
    const held = this.#held;
    this.#held = null;
    const waiting = this.#waiting;
    this.#waiting = null;
    // A holdBack with no patch after it: its sections are still owed to the synced state.
    if (waiting) runRest(waiting.rest);
    try {
      held?.();
    } catch (e) {
      // The room goes on; the others get the state at the next patch or join.
      console.error("[table] could not send the other clients' patches:", e);
    }
  }

  override getFullState(client?: Client, timing?: Timing) {
    // Colyseus marks a joiner JOINED just before asking for its state: a held patch sent to it
    // now would reach it before the state it patches, and its decoder would refuse it.
    this.#joining = client ?? null;
    try {
      this.release();
    } finally {
      this.#joining = null;
    }
    return super.getFullState(client, timing);
  }

  override applyPatches(clients: Client[], state?: unknown, timing?: Timing) {
    const waiting = this.#waiting;
    this.#waiting = null;
    this.release();
    if (!waiting) return super.applyPatches(clients, state, timing);
    const { sender, rest } = waiting;
    // Cut only the ordinary case: changes to send, the sender joined with a view, no timed frames.
    if (timing !== undefined || !this.hasFilters || !this.encoder.hasChanges || !sender.view || sender.state !== ClientState.JOINED || !clients.includes(sender)) {
      runRest(rest);
      return super.applyPatches(clients, state, timing);
    }
    this.needFullEncode = true;
    countChange();
    const encoder = this.encoder;
    const it = { offset: 1 };
    let shared: Uint8Array = EMPTY;
    withEncoderRoom(sender.view.changes.size > 0 ? roomForSender(encoder.state, sender.view) : 0, () => {
      encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
      shared = encoder.encode(it);
      deliverPatch(sender, patchFor(encoder, sender.view!, shared, it), true);
    });
    this.#held = () => {
      runRest(rest);
      try {
        withEncoderRoom(anyViewChanged(clients) ? sectionBound(encoder.state) : 0, () => {
          // The shared part goes back where each section's patch is put after it: other tables
          // share the buffer and may have encoded in it since (server/lean-serializer.ts).
          encoder.sharedBuffer.set(shared, 0);
          for (let i = clients.length - 1; i >= 0; i--) {
            const client = clients[i]!;
            if (client === sender || client === this.#joining || client.state !== ClientState.JOINED) continue;
            deliverPatch(client, client.view ? patchFor(encoder, client.view, shared, it) : shared);
          }
        });
      } finally {
        encoder.discardChanges();
      }
    };
    return true;
  }
}

const EMPTY = new Uint8Array(0);

function runRest(rest: () => void): void {
  try {
    rest();
  } catch (e) {
    // The sections stay as they were; the next change writes them again.
    console.error("[table] could not write the other viewers' sections:", e);
  }
}

/**
 * The room the sender's own patch needs: as sectionBound, over the sections its view may see only
 * (the spectators' section among them once the game has ended: server/open-readers.ts).
 */
function roomForSender(state: TableState, view: StateView): number {
  let largest = state.open && view.has(state.open) ? sectionBytes(state.open) : 0;
  if (state.facilitator && view.has(state.facilitator)) largest = Math.max(largest, sectionBytes(state.facilitator.view));
  state.seats.forEach((seat) => {
    if (view.has(seat)) largest = Math.max(largest, sectionBytes(seat.view));
  });
  return largest + SECTION_ROOM_MARGIN;
}

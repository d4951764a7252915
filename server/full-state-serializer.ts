// Colyseus's SchemaSerializer, made correct for a table state of any size: the whole state a joiner
// receives (a spectator, a team member, a co-teacher, a reconnecting client, a rejoin after a
// restart) and the patches that carry a seat's private section.
//
// Two things go wrong in Colyseus 0.18 / schema 5 once a state outgrows the encoder's buffer
// (Encoder.BUFFER_SIZE, server/app.ts):
// 1. The serializer keeps its own buffer for the whole state. When the state outgrows it, the
//    encoder encodes into a larger buffer, but the serializer goes on using its old, short one for
//    the joiner's private section, which is written after a shared part that is not in that
//    buffer. The joiner decodes zeros ("refId not found": no seats, no timer), and so does every
//    later joiner. Here the shared part is kept in a buffer with room for a section after it.
// 2. The objects just let into a client's view (a section granted as it joins) travel whole in its
//    next patch, and that part of a patch (encodeView's own loop) cannot re-encode on overflow:
//    before each object it only makes sure BUFFER_SIZE bytes are free, and writes past the end are
//    lost. A section can be larger than that. Here, while such a patch is encoded, the free room
//    asked for is at least the largest section's size (anyViewChanged, below). Every other part of
//    a patch grows the buffer and encodes again by itself (tests/server/patch-overflow.test.ts).
// And one thing Colyseus does that a table does not want: it sends every client a patch whenever
// anything changed, even one that carries nothing for that client. Here a client is sent a patch
// only when its view changed (server/patch-delivery.ts).
import { ClientState, Protocol, SchemaSerializer, type Client } from "@colyseus/core";
import { Encoder, type StateView } from "@colyseus/schema";
import { countChange, deliverPatch } from "./patch-delivery.ts";
import type { SectionSchema, TableState } from "./table-schema.ts";

type Timing = Parameters<SchemaSerializer<TableState>["getFullState"]>[1];

export class FullStateSerializer extends SchemaSerializer<TableState> {
  override getFullState(client?: Client, timing?: Timing) {
    if (this.needFullEncode || this.encoder.root.changes.next !== undefined) {
      this.sharedOffsetCache = { offset: 1 };
      let encoded = this.encoder.encodeAll(this.sharedOffsetCache, this.fullEncodeBuffer);
      const shared = this.sharedOffsetCache.offset;
      // Room for the shared part and a section after it (a section is at most about the size of
      // the whole table), kept for the next joiner. Should a section still not fit, the encoder
      // copies the whole buffer, shared part included, into a larger one: correct either way.
      const room = shared + sectionBound(this.encoder.state);
      if (encoded.buffer !== this.fullEncodeBuffer.buffer || room > this.fullEncodeBuffer.byteLength) {
        const grown = new Uint8Array(Math.max(this.fullEncodeBuffer.byteLength, room));
        grown.set(encoded.subarray(0, shared));
        this.fullEncodeBuffer = grown;
        encoded = grown.subarray(0, shared);
      }
      this.fullEncodeCache = encoded;
      this.needFullEncode = false;
    }
    // The rest as Colyseus does it: the client's own section encoded after the shared part.
    const body = super.getFullState(client, timing);
    // What was let into the client's view before now (its section, granted as it joined) is in
    // the whole state it is being sent. Colyseus leaves it queued in the view all the same, and the
    // client's next patch carried its whole section a second time (and made the table's next patch
    // take the slow path for new view objects): the queue is emptied, as encodeView does once it
    // has sent it.
    if (this.hasFilters && client?.view) client.view.changes.clear();
    return body;
  }

  override applyPatches(clients: Client[], state?: unknown, timing?: Timing) {
    // Timed frames (rooms with defineInput, which tables are not) and states without private
    // sections go as Colyseus sends them; so does a patch with nobody to send it to (it is discarded).
    if (timing !== undefined || !this.hasFilters || clients.length === 0) return super.applyPatches(clients, state, timing);
    // Colyseus calls this on every patch tick (once a second per table here) even when nothing
    // changed: the bound is worked out only when some section may actually be encoded.
    if (!this.encoder.hasChanges && !anyViewChanged(clients)) return false;
    return withEncoderRoom(anyViewChanged(clients) ? sectionBound(this.encoder.state) : 0, () => this.#sendPatches(clients));
  }

  /**
   * Colyseus's SchemaSerializer.applyPatches for a state with private sections and untimed frames,
   * with one difference: a client whose patch carries nothing for it is not sent one
   * (server/patch-delivery.ts). The shared part is encoded once; each client's section after it.
   */
  #sendPatches(clients: Client[]): boolean {
    const encoder = this.encoder;
    const it = { offset: 1 };
    encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    if (!encoder.hasChanges) {
      // Only views changed (a section granted or taken away): those clients' patches.
      for (const client of clients)
        if (client.state === ClientState.JOINED && client.view && client.view.changes.size > 0) deliverPatch(client, encoder.encodeView(client.view, 1, it));
      return false;
    }
    this.needFullEncode = true;
    const shared = encoder.encode(it);
    // A view shared by several clients is encoded once (encoding it empties its own changes).
    const byView = new Map<StateView, Uint8Array>();
    for (let i = clients.length - 1; i >= 0; i--) {
      const client = clients[i]!;
      if (client.state !== ClientState.JOINED) continue;
      let bytes = shared;
      if (client.view) {
        bytes = byView.get(client.view) ?? patchFor(encoder, client.view, shared, it);
        byView.set(client.view, bytes);
      }
      deliverPatch(client, bytes);
    }
    countChange();
    encoder.discardChanges();
    return true;
  }
}

/**
 * One client's patch: the shared part (`shared`, encoded just before, its bytes still at the start
 * of the encoder's buffer, `it` past them and any other client's section) and then what changed in
 * the sections `view` may see. As the schema's encodeView, which copies the shared part and the
 * section into a fresh array for every client, except that a client with nothing new in its
 * sections gets `shared` itself (no copy: the same bytes for each such client). Only a view with
 * no objects just let into it and no streams is encoded here; encodeView does the rest.
 */
export function patchFor(encoder: Encoder<TableState>, view: StateView, shared: Uint8Array, it: { offset: number }): Uint8Array {
  if (view.changes.size > 0 || hasStreams(encoder)) return encoder.encodeView(view, shared.length, it);
  const start = it.offset;
  const bytes = encoder.encode(it, view);
  if (it.offset === start) return shared;
  const patch = new Uint8Array(shared.length + it.offset - start);
  patch.set(shared, 0);
  patch.set(bytes.subarray(start, it.offset), shared.length);
  return patch;
}

/** Whether the state has streams (tables have none): their view entries are drained by encodeView alone. */
function hasStreams(encoder: Encoder<TableState>): boolean {
  return ((encoder.root as unknown as { streamTrees?: { size: number } }).streamTrees?.size ?? 0) > 0;
}

/**
 * Runs an encoding with `needed` bytes of room. Encoder.BUFFER_SIZE is read as "free room to keep"
 * by encodeView, whose objects let into a view cannot re-encode on overflow, so it is raised for the call
 * only (patches are encoded synchronously, one table at a time).
 */
export function withEncoderRoom<T>(needed: number, encode: () => T): T {
  const usual = Encoder.BUFFER_SIZE;
  if (needed > usual) Encoder.BUFFER_SIZE = needed;
  try {
    return encode();
  } finally {
    Encoder.BUFFER_SIZE = usual;
  }
}

/**
 * Whether any of `clients` has objects just let into its view (a section granted at a join, say),
 * which its next patch carries whole. Only that part of a patch is written without a check for
 * overflow (above): the shared part and the changes within a view grow the buffer and are encoded
 * again when they outgrow it. So the room for a whole section is needed only then, and the bound
 * (which reads every section's lists) is worked out only then.
 */
export function anyViewChanged(clients: readonly Client[]): boolean {
  // A client still joining is sent no patch (its whole state follows): its just-granted section
  // needs no room here.
  for (const client of clients) if ((client.view?.changes.size ?? 0) > 0 && client.state === ClientState.JOINED) return true;
  return false;
}

/** Room kept beyond the largest section's bound, for the patch's framing and the shared fields. */
export const SECTION_ROOM_MARGIN = 4096;

/**
 * Bytes the largest section can take encoded, at most: every UTF-16 unit of its text as 3 bytes of
 * UTF-8, plus a few bytes of framing per item. Reads only lengths, so it costs little per patch.
 */
export function sectionBound(state: TableState): number {
  let largest = sectionBytes(state.open);
  if (state.facilitator?.view) largest = Math.max(largest, sectionBytes(state.facilitator.view));
  state.seats?.forEach((seat) => {
    if (seat.view) largest = Math.max(largest, sectionBytes(seat.view));
  });
  return largest + SECTION_ROOM_MARGIN;
}

/** Bytes `section` can take encoded, at most (see sectionBound). */
export function sectionBytes(section: SectionSchema | undefined): number {
  if (!section) return 0;
  const units = section.viewer.length + section.lastingSecrets.length + section.changingSecrets.length + (section.inRecord?.length ?? 0) + textUnits(section.offers) + textUnits(section.commitments) + textUnits(section.messages);
  const items = section.offers.length + section.commitments.length + section.messages.length;
  return 3 * units + 10 * items + 64;
}

/** The UTF-16 units of a synced list's items, summed without making anything (it runs on every patch). */
function textUnits(list: SectionSchema["offers"]): number {
  // The array behind the ArraySchema's proxy: reading it item by item through the proxy cost
  // more than the rest of the bound.
  const raw = (list as unknown as { items?: readonly string[] }).items ?? Array.from(list);
  let units = 0;
  for (let i = 0; i < raw.length; i++) units += raw[i]!.length;
  return units;
}

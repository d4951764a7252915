// One client of a table's synced state, without a socket: it receives the shared part and its own
// section as a room's encoder makes them for it (a whole state when it joins or comes back, then
// patches), decodes them into a state of its own and reads its view back as a page or an agent
// does (shared/wire-view.ts readView, one WireReader kept per client).
import { Decoder, type Encoder, type StateView } from "@colyseus/schema";
import type { Viewer } from "../../shared/ids.ts";
import { readView, WireReader } from "../../shared/wire-view.ts";
import type { StateMirror } from "../../server/state-mirror.ts";
import { TableState } from "../../server/table-schema.ts";

export class DecodingClient {
  readonly state = new TableState();
  readonly #decoder = new Decoder(this.state);
  readonly #reader = new WireReader();
  readonly #view: StateView;
  readonly viewer: Viewer;

  constructor(mirror: StateMirror, viewer: Viewer) {
    this.viewer = viewer;
    // As a room grants it: its own section, and the spectators' section when the game has ended.
    this.#view = mirror.viewFor(viewer);
  }

  /** Receives the whole state, as on joining or coming back (its own section included). */
  join(encoder: Encoder<TableState>): void {
    const it = { offset: 0 };
    const shared = encoder.encodeAll(it);
    this.#decoder.decode(encoder.encodeAllView(this.#view, shared.length, { ...it }));
  }

  /** Receives the patch made after `encoder.encode(it)` gave the shared part (`sharedLength` bytes); returns the bytes received. */
  receive(encoder: Encoder<TableState>, it: { offset: number }, sharedLength: number): Uint8Array {
    const patch = encoder.encodeView(this.#view, sharedLength, { ...it });
    this.#decoder.decode(patch);
    return patch;
  }

  view() {
    return readView(this.state, this.viewer, this.#reader);
  }
}

// One client of a table's synced state, without a socket: it receives the shared part and its own
// section as a room's encoder makes them for it (a whole state when it joins or comes back, then
// patches), decodes them into a state of its own and reads its view back as a page or an agent
// does (shared/wire-view.ts readView, one WireReader kept per client).
import { Decoder, type Encoder, StateView } from "@colyseus/schema";
import type { Viewer } from "../../shared/ids.ts";
import { readView, WireReader } from "../../shared/wire-view.ts";
import type { StateMirror } from "../../server/state-mirror.ts";
import { TableState } from "../../server/table-schema.ts";

export class DecodingClient {
  readonly state = new TableState();
  readonly #decoder = new Decoder(this.state);
  readonly #reader = new WireReader();
  readonly #view = new StateView();
  readonly viewer: Viewer;

  constructor(mirror: StateMirror, viewer: Viewer) {
    this.viewer = viewer;
    if (viewer === "facilitator") this.#view.add(mirror.state.facilitator);
    else if (viewer !== "spectator") this.#view.add(mirror.state.seats.get(viewer)!);
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

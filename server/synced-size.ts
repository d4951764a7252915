// How many bytes the whole synced state is for someone joining a table now, per kind of viewer:
// what Colyseus sends a joiner (the shared part, then the viewer's own section), encoded by the
// same encoder a room uses. For the state bench (scripts/bench-state.ts) and the tests that hold
// the synced state to its bound; a room measures its own through its serializer instead.
import { Encoder } from "@colyseus/schema";
import { PARTY_IDS, type Viewer } from "../shared/ids.ts";
import type { StateMirror } from "./state-mirror.ts";
import type { TableState } from "./table-schema.ts";

export class SyncedSize {
  readonly state: TableState;
  readonly #mirror: StateMirror;
  readonly #encoder: Encoder<TableState>;
  // Larger than any table's state, so the shared part and a section always fit in one buffer.
  readonly #buffer = new Uint8Array(8 * 1024 * 1024);

  /** Watch `mirror`'s state from now on (before it is first written, as a room would). */
  constructor(mirror: StateMirror) {
    this.#mirror = mirror;
    this.state = mirror.state;
    this.#encoder = new Encoder(mirror.state);
  }

  /** Forgets the changes made since the last call, as sending a patch does. */
  patched(): void {
    this.#encoder.discardChanges();
  }

  /**
   * Bytes a joiner in the seat of `viewer` receives in its first state: the shared part, then what
   * its view holds — the view a room grants (StateMirror.viewFor), so the spectators' section counts
   * for a spectator throughout and for everyone once the game has ended.
   */
  joinerBytes(viewer: Viewer): number {
    const it = { offset: 0 };
    this.#encoder.encodeAll(it, this.#buffer);
    const view = this.#mirror.viewFor(viewer);
    try {
      return this.#encoder.encodeAllView(view, it.offset, { ...it }, this.#buffer).byteLength;
    } finally {
      this.#mirror.release(view);
    }
  }

  /** The largest joiner's state over every kind of viewer, and whose it is. */
  largest(): { viewer: Viewer; bytes: number } {
    let best: { viewer: Viewer; bytes: number } = { viewer: "spectator", bytes: this.joinerBytes("spectator") };
    for (const viewer of ["facilitator", ...PARTY_IDS] as const) {
      const bytes = this.joinerBytes(viewer);
      if (bytes > best.bytes) best = { viewer, bytes };
    }
    return best;
  }
}

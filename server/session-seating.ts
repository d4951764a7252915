// Who may sit at a classroom session's table. A session's table seats only the people its session
// put there: each student at the seat the session gave them (their own seat or their team), the host
// (by the session's host key, at any seat), and viewers with the session's viewer key (projector and
// spectator links the host hands out). The table code alone seats nobody: a student shows their
// student token, which the table knows only by its hash, from the seating list the session sends it
// (server/classroom/table-port.ts, "seating"), and the session sends a new list whenever it moves,
// renames or removes someone — people no longer on the list at their seat are taken from it.
import { createHmac } from "node:crypto";
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import type { SeatChoice, SeatRole } from "../shared/protocol.ts";
import { hashSecret, matchesHash, sameSecret } from "./seats.ts";

/** One student the session seats at this table. */
export interface SeatingEntry {
  /** SHA-256 of the student's token (the token itself stays with the student). */
  tokenHash: string;
  /** The session's public id of the student: what the table's log credits their actions to. */
  student: string;
  name: string;
  seat: PartyId;
}

/** A stored seating list read back: entries that do not have the right shape are left out. */
export function readSeating(raw: unknown[]): SeatingEntry[] {
  return raw.filter(
    (e): e is SeatingEntry =>
      typeof e === "object" && e !== null &&
      typeof (e as SeatingEntry).tokenHash === "string" && typeof (e as SeatingEntry).student === "string" &&
      typeof (e as SeatingEntry).name === "string" && (PARTY_IDS as readonly string[]).includes((e as SeatingEntry).seat),
  );
}

/**
 * The key a projector or spectator link carries to watch a session's tables: derived from the
 * session's host-key hash (which every table of the session holds), so it cannot be turned back into
 * the host key, and the session can give it out again after a restart.
 */
export function viewerKeyFor(hostKeyHash: string): string {
  return createHmac("sha256", hostKeyHash).update("ceasefire-viewer").digest("base64url").slice(0, 32);
}

export interface SeatingRequest {
  seat: SeatChoice;
  hostKey: string | undefined;
  studentToken: string | undefined;
  viewerKey: string | undefined;
}

export type SeatingVerdict =
  | { ok: true; kind: "host" }
  | { ok: true; kind: "viewer" }
  | { ok: true; kind: "student"; entry: SeatingEntry }
  | { ok: false; message: string };

export class SessionSeating {
  readonly #hostKeyHash: string;
  #entries = new Map<string, SeatingEntry>();
  /** Which student each connection is (its client's session id → the student's token hash). */
  #seated = new Map<string, string>();
  /** False until the session has sent its list (after a restart the table waits for it). */
  received = false;

  constructor(hostKeyHash: string) {
    this.#hostKeyHash = hostKeyHash;
  }

  /** Whether this join may go ahead, and as whom. */
  check(r: SeatingRequest): SeatingVerdict {
    if (r.hostKey !== undefined && matchesHash(r.hostKey, this.#hostKeyHash)) return { ok: true, kind: "host" };
    if (r.seat === "facilitator") return { ok: false, message: "hostKey: joining as facilitator needs this table's host key" };
    if (r.seat === "spectator") {
      if (r.viewerKey !== undefined && sameSecret(r.viewerKey, viewerKeyFor(this.#hostKeyHash))) return { ok: true, kind: "viewer" };
      return { ok: false, message: "seat: this table belongs to a classroom session; watching it needs the projector link from the teacher's console" };
    }
    if (r.studentToken === undefined)
      return { ok: false, message: "seat: this table belongs to a classroom session; join with your class's join code or link, and the session seats you" };
    const entry = this.#entries.get(hashSecret(r.studentToken));
    if (!entry) {
      const why = this.received ? "your teacher has not seated you at this table" : "the table is waiting for its session; try again in a moment";
      return { ok: false, message: `studentToken: ${why}` };
    }
    if (r.seat !== "any" && r.seat !== entry.seat)
      return { ok: false, message: `seat: your teacher seated you in the ${entry.seat} team at this table, not ${r.seat}` };
    return { ok: true, kind: "student", entry };
  }

  /** A student sat down on connection `sessionId`. */
  seated(sessionId: string, tokenHash: string): void {
    this.#seated.set(sessionId, tokenHash);
  }

  left(sessionId: string): void {
    this.#seated.delete(sessionId);
  }

  /** The student on connection `sessionId` (for the log's credits), if it is a student's. */
  studentOn(sessionId: string): SeatingEntry | undefined {
    const hash = this.#seated.get(sessionId);
    return hash === undefined ? undefined : this.#entries.get(hash);
  }

  /**
   * Takes the session's new list. Answers the connections that must leave (their student was moved
   * away or removed) and those whose name changed (renamed by the teacher).
   */
  replace(entries: SeatingEntry[]): { leave: string[]; renamed: Array<{ sessionId: string; name: string }> } {
    this.#entries = new Map(entries.map((e) => [e.tokenHash, e]));
    this.received = true;
    const leave: string[] = [];
    const renamed: Array<{ sessionId: string; name: string }> = [];
    for (const [sessionId, hash] of this.#seated) {
      const entry = this.#entries.get(hash);
      if (!entry) leave.push(sessionId);
      else renamed.push({ sessionId, name: entry.name });
    }
    return { leave, renamed };
  }

  /** Whether the role a student holds on `sessionId` is still theirs. */
  holds(sessionId: string, role: SeatRole): boolean {
    const entry = this.studentOn(sessionId);
    return entry !== undefined && entry.seat === role;
  }
}

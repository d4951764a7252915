// The session's roster beyond seating itself: students' public ids, their personal rejoin codes,
// the requests waiting for the teacher (a late joiner while joining is locked, or a student back on
// another device), the seating list each table is sent, and where each student sat from which week.
import { createHmac, randomBytes } from "node:crypto";
import type { PartyId } from "../../shared/ids.ts";
import { hashSecret, newSecret } from "../seats.ts";
import type { SeatingEntry } from "../session-seating.ts";

/** Rejoin codes are read off a screen and typed on a phone: no 0/O, 1/I/L. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const REJOIN_CODE_LENGTH = 6;

/** Where a student sat from the start of which week: a record persistence keeps (persistence/records.ts). */
import type { Stint } from "../persistence/records.ts";
export type { Stint };

/** A student's public id in the session: what the tables' logs credit their actions to. */
export const newStudentId = (): string => `s${randomBytes(6).toString("base64url")}`;

/**
 * A student's personal rejoin code: derived from the session's host-key hash and the student's id,
 * so the session can show it again at any time (to the student's page, and to the teacher) without
 * storing it, and nobody can work it out without the session's secret.
 */
export function rejoinCodeFor(hostKeyHash: string, studentId: string): string {
  const digest = createHmac("sha256", hostKeyHash).update(`rejoin:${studentId}`).digest();
  return Array.from(digest.subarray(0, REJOIN_CODE_LENGTH), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Whether `given` (any case, spaces and dashes ignored) is the student's rejoin code. */
export function isRejoinCode(hostKeyHash: string, studentId: string, given: string): boolean {
  const clean = given.toUpperCase().replace(/[\s-]/g, "");
  const expected = rejoinCodeFor(hostKeyHash, studentId);
  // Both public-length strings of the same alphabet; compared whole.
  return clean.length === expected.length && hashSecret(clean) === hashSecret(expected);
}

export interface SeatedStudent {
  id: string;
  tokenHash: string;
  name: string;
  table: number;
  seat: PartyId;
  removed?: boolean;
}

/** The list table `n` is sent: every student the session seats there. */
export function seatingFor<S extends SeatedStudent>(students: Iterable<S>, n: number): SeatingEntry[] {
  const out: SeatingEntry[] = [];
  for (const s of students) if (!s.removed && s.table === n) out.push({ tokenHash: s.tokenHash, student: s.id, name: s.name, seat: s.seat });
  return out;
}

/** A request waiting for the teacher's answer. */
export interface PendingRequest {
  /** Shown to the teacher; what "admit" and "refuse" name. */
  id: string;
  kind: "join" | "rejoin";
  name: string;
  preference: PartyId | null;
  /** The student coming back (kind `rejoin`). */
  student?: string;
  /** SHA-256 of the token the waiting page holds: it becomes the student's token once admitted. */
  tokenHash: string;
  at: number;
}

/** Most requests waiting at once: a teacher reads every one, and nobody may flood the list. */
export const MAX_PENDING = 60;

/** Requests waiting for the teacher, in the order they came. Kept in memory: a restart drops them (the pages ask again). */
export class PendingRequests {
  #byId = new Map<string, PendingRequest>();
  /** Answers for the pages still asking: token hash → refused. */
  #refused = new Set<string>();

  /** A new request; the page keeps the returned token and asks with it until it is answered. */
  add(kind: PendingRequest["kind"], name: string, preference: PartyId | null, at: number, student?: string): { request: PendingRequest; token: string } {
    // One request per name: asking again replaces the earlier one.
    for (const r of this.#byId.values()) if (r.name.toLocaleLowerCase() === name.toLocaleLowerCase()) this.#byId.delete(r.id);
    const token = newSecret();
    const request: PendingRequest = { id: `r${randomBytes(4).toString("hex")}`, kind, name, preference, tokenHash: hashSecret(token), at, ...(student ? { student } : {}) };
    this.#byId.set(request.id, request);
    return { request, token };
  }

  get(id: string): PendingRequest | undefined {
    return this.#byId.get(id);
  }

  byToken(tokenHash: string): PendingRequest | undefined {
    for (const r of this.#byId.values()) if (r.tokenHash === tokenHash) return r;
    return undefined;
  }

  wasRefused(tokenHash: string): boolean {
    return this.#refused.has(tokenHash);
  }

  /** Takes the request off the list (admitted, or refused: then its page is told so). */
  settle(id: string, refused: boolean): void {
    const r = this.#byId.get(id);
    if (!r) return;
    this.#byId.delete(id);
    if (refused) this.#refused.add(r.tokenHash);
  }

  /** A student removed while their request waited: nothing to admit any more. */
  dropFor(student: string): void {
    for (const r of this.#byId.values()) if (r.student === student) this.#byId.delete(r.id);
  }

  get size(): number {
    return this.#byId.size;
  }

  list(): PendingRequest[] {
    return [...this.#byId.values()];
  }
}

/** One line of the console's roster. */
export interface RosterLine {
  id: string;
  name: string;
  table: number;
  seat: PartyId;
  /** How many students the session seats in this student's team (same table and seat), them included. */
  team: number;
  preference: PartyId | null;
  connected: boolean;
  /** The student's last action at their table: its type and when (ms since the epoch), or null. */
  lastAction: { type: string; at: number | null } | null;
  removed: boolean;
  /** Their personal rejoin code, for the teacher to read out to a student whose device died. */
  rejoinCode: string;
}

export interface LiveTable {
  people: Array<{ student?: string; connected: boolean }>;
  log: { actions: Array<{ type: string }> };
  credits: Array<{ by: string; student?: string; at?: number }>;
}

/** The roster as the console shows it, from the session's students and its live tables. */
export function rosterLines(
  students: Array<SeatedStudent & { preference: PartyId | null }>,
  live: Array<LiveTable | undefined>,
  hostKeyHash: string,
): RosterLine[] {
  return students.map((s) => {
    const table = live[s.table - 1];
    const connected = !s.removed && (table?.people.some((p) => p.student === s.id && p.connected) ?? false);
    let lastAction: RosterLine["lastAction"] = null;
    for (const t of live) {
      if (!t) continue;
      for (let i = t.credits.length - 1; i >= 0; i--) {
        const c = t.credits[i]!;
        if (c.by !== "person" || c.student !== s.id) continue;
        const at = c.at ?? null;
        if (!lastAction || (at ?? 0) > (lastAction.at ?? 0)) lastAction = { type: t.log.actions[i]?.type ?? "?", at };
        break;
      }
    }
    const team = students.filter((o) => !o.removed && o.table === s.table && o.seat === s.seat).length;
    return { id: s.id, name: s.name, table: s.table, seat: s.seat, team, preference: s.preference, connected, lastAction, removed: s.removed ?? false, rejoinCode: rejoinCodeFor(hostKeyHash, s.id) };
  });
}

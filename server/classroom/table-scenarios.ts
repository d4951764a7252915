// How a classroom session hands its scenario (the teacher's changes, checked by shared's
// patchScenario) and its host key's hash to the tables it creates. The session registers both under
// a one-time ticket and creates the table with `classroomTicket` among its options; the table takes
// them when it is created. So the session's host key is also each of its tables' host key: the
// teacher's console opens any table's facilitator view with the key it already holds, before and
// after a restart (when only hashes are left). A ticket a client makes up finds nothing: the table
// then plays the built-in scenario with a key of its own, as any table created by a client does.
// With several processes sharing Redis (shareTickets), the ticket is also put in the presence for a
// short while: the matchmaker may create the table in another process, which takes it from there.
import { matchMaker } from "@colyseus/core";
import { newSecret } from "../seats.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";

export interface ClassroomTable {
  scenario: Scenario;
  /** SHA-256 of the session's host key: the table's host key. */
  hostKeyHash: string;
}

const pending = new Map<string, ClassroomTable>();

/** A ticket outlives its table's creation by this much at most (the table is created at once). */
const TICKET_SECONDS = 120;
const presenceKey = (ticket: string) => `ceasefire:classroom-ticket:${ticket}`;

let shared = false;
/** Scale-out: tickets go through Colyseus's presence (Redis) too, for tables created in another process. */
export function shareTickets(on: boolean): void {
  shared = on;
}

/** Registers what the next table created with the returned ticket takes from its session. */
export async function ticketFor(table: ClassroomTable): Promise<string> {
  const ticket = newSecret(32);
  pending.set(ticket, table);
  // Forgotten here if the table is created in another process (or never).
  setTimeout(() => pending.delete(ticket), TICKET_SECONDS * 1000).unref();
  if (shared) await matchMaker.presence.setex(presenceKey(ticket), JSON.stringify(table), TICKET_SECONDS);
  return ticket;
}

/** What was registered under the create options' `classroomTicket` (used once), if anything. */
export async function classroomTable(raw: unknown): Promise<ClassroomTable | undefined> {
  const ticket = typeof raw === "object" && raw !== null ? (raw as { classroomTicket?: unknown }).classroomTicket : undefined;
  if (typeof ticket !== "string" || ticket.length > 100) return undefined;
  const table = pending.get(ticket);
  pending.delete(ticket);
  if (!shared) return table;
  const key = presenceKey(ticket);
  if (table) {
    matchMaker.presence.del(key);
    return table;
  }
  const stored: unknown = await matchMaker.presence.get(key);
  if (typeof stored !== "string") return undefined;
  matchMaker.presence.del(key);
  try {
    const parsed = JSON.parse(stored) as ClassroomTable;
    return typeof parsed.hostKeyHash === "string" && typeof parsed.scenario === "object" && parsed.scenario !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

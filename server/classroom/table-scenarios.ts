// How a classroom session hands its scenario (the teacher's changes, checked by shared's
// patchScenario) and its host key's hash to the tables it creates. The session registers both under
// a one-time ticket and creates the table with `classroomTicket` among its options; the table takes
// them when it is created. So the session's host key is also each of its tables' host key: the
// teacher's console opens any table's facilitator view with the key it already holds, before and
// after a restart (when only hashes are left). A ticket a client makes up finds nothing: the table
// then plays the built-in scenario with a key of its own, as any table created by a client does.
import { newSecret } from "../seats.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";

export interface ClassroomTable {
  scenario: Scenario;
  /** SHA-256 of the session's host key: the table's host key. */
  hostKeyHash: string;
}

const pending = new Map<string, ClassroomTable>();

/** Registers what the next table created with the returned ticket takes from its session. */
export function ticketFor(table: ClassroomTable): string {
  const ticket = newSecret();
  pending.set(ticket, table);
  return ticket;
}

/** What was registered under the create options' `classroomTicket` (used once), if anything. */
export function classroomTable(raw: unknown): ClassroomTable | undefined {
  const ticket = typeof raw === "object" && raw !== null ? (raw as { classroomTicket?: unknown }).classroomTicket : undefined;
  if (typeof ticket !== "string") return undefined;
  const table = pending.get(ticket);
  pending.delete(ticket);
  return table;
}

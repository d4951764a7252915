// How a classroom session hands its scenario (the teacher's changes, checked by shared's
// patchScenario) to the tables it creates. The session registers the scenario under a one-time
// ticket and creates the table with `classroomTicket` among its options; the table takes the
// scenario when it is created. A ticket a client makes up finds nothing: the table then plays the
// built-in scenario, as any table created by a client does.
import { newSecret } from "../seats.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";

const pending = new Map<string, Scenario>();

/** Registers `scenario` for the next table created with the returned ticket. */
export function ticketFor(scenario: Scenario): string {
  const ticket = newSecret();
  pending.set(ticket, scenario);
  return ticket;
}

/** The scenario registered under the create options' `classroomTicket` (used once), if any. */
export function scenarioForTable(raw: unknown): Scenario | undefined {
  const ticket = typeof raw === "object" && raw !== null ? (raw as { classroomTicket?: unknown }).classroomTicket : undefined;
  if (typeof ticket !== "string") return undefined;
  const scenario = pending.get(ticket);
  pending.delete(ticket);
  return scenario;
}

// Who did each action in a table's log. The rules' log says which seat acted (`by`), not which
// person: a classroom teacher grading participation needs the person too. So beside the log the
// table keeps one credit per action, in the same order — the person (and, at a classroom session's
// table, the student's id in the session), or the bot, the timer, the host or the table itself —
// written with the action to the durable record and cut back with it on a rollback.
import type { Action } from "../shared/actions.ts";

export type Credit =
  | { by: "person"; name: string; student?: string; at?: number }
  | { by: "bot" }
  | { by: "timer" }
  | { by: "host" }
  | { by: "table" };

/** A credit read back from storage or from another process; anything unreadable is the table's own. */
export function readCredit(raw: unknown): Credit {
  if (typeof raw !== "object" || raw === null) return { by: "table" };
  const c = raw as Record<string, unknown>;
  if (c.by === "person" && typeof c.name === "string")
    return { by: "person", name: c.name, ...(typeof c.student === "string" ? { student: c.student } : {}), ...(typeof c.at === "number" ? { at: c.at } : {}) };
  if (c.by === "bot" || c.by === "timer" || c.by === "host") return { by: c.by };
  return { by: "table" };
}

/** How a credit reads in a log or an export: the person's name, or "bot", "timer", "host". */
export function creditLabel(c: Credit | undefined): string {
  if (!c) return "";
  return c.by === "person" ? c.name : c.by;
}

/** Action types that count as an offer (a proposal or a counter-proposal). */
export const OFFER_TYPES: ReadonlySet<Action["type"]> = new Set(["propose", "counter"]);
/** Action types that count as a message (private or public). */
export const MESSAGE_TYPES: ReadonlySet<Action["type"]> = new Set(["message", "statement"]);

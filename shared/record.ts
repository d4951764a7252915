// The table's record, read page by page (docs/PROTOCOL.md, "The record"). The synced state holds
// what the table shows now (shared/view-window.ts); every earlier item — news, messages, offers,
// commitments, the weekly history — is read from here. A page is cut from the viewer's own view
// (views.ts's viewFor, the one place views are made), so the record shows a seat exactly what the
// seat may see and never another seat's private messages, offers or secrets. Pure: the server answers
// from its authoritative state, a solo game in the page from its own.
import { z } from "zod";
import type { Viewer } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { viewFor, type TableView } from "./views.ts";
import { ok, type Result } from "./result.ts";

export const RECORD_KINDS = ["news", "messages", "offers", "commitments", "history"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Items in a page when the request does not say, and at most. */
export const RECORD_PAGE_DEFAULT = 50;
export const RECORD_PAGE_MAX = 100;

/** What a reader asks: one kind, optionally one week, from `cursor` (0 = the oldest), up to `limit` items. */
export const recordQueryShape = {
  kind: z.enum(RECORD_KINDS),
  /** Only the items of this week (an item's `round`); absent: every week. */
  week: z.number().int().min(1).max(999).optional(),
  /** Where the page starts: 0, or the `next` of the page before. */
  cursor: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(RECORD_PAGE_MAX).optional(),
};
export const recordQuerySchema = z.strictObject(recordQueryShape);
export type RecordQuery = z.input<typeof recordQuerySchema>;

/** One page of the record, oldest item first. */
export interface RecordPage {
  kind: RecordKind;
  week: number | null;
  cursor: number;
  items: unknown[];
  /** The cursor of the next page, or null when this page reaches the end. */
  next: number | null;
  /** How many items of this kind (and week) the viewer may see in all. */
  total: number;
}

export interface RecordError {
  code: "bad_payload";
  message: string;
  field?: string;
}

const refuse = (message: string, field?: string): { ok: false; error: RecordError } => ({
  ok: false,
  error: field === undefined ? { code: "bad_payload", message } : { code: "bad_payload", message, field },
});

/** The items of `kind` the viewer may see in `view`, oldest first. */
export function recordList(view: TableView, kind: RecordKind): ReadonlyArray<{ round: number }> {
  return view[kind];
}

/**
 * One page of what `viewer` may see of the record of `state`. A request that does not fit
 * (unknown kind, a week not played yet, a cursor past the end) gets a clear error.
 */
export function recordPage(scenario: Scenario, state: GameState, viewer: Viewer, raw: unknown): Result<RecordPage, RecordError> {
  const parsed = recordQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || undefined;
    return refuse(`record request: ${field ? `${field}: ` : ""}${issue?.message ?? "not a record request"}`, field);
  }
  const { kind, week, cursor = 0, limit = RECORD_PAGE_DEFAULT } = parsed.data;
  if (week !== undefined && week > state.round)
    return refuse(`week ${week} has not been played yet (the table is in week ${state.round})`, "week");
  const all = recordList(viewFor(scenario, state, viewer), kind);
  const list = week === undefined ? all : all.filter((item) => item.round === week);
  if (cursor > list.length)
    return refuse(`cursor ${cursor} is past the end of the record (${list.length} items)`, "cursor");
  const items = list.slice(cursor, cursor + limit);
  const end = cursor + items.length;
  return ok({ kind, week: week ?? null, cursor, items, next: end < list.length ? end : null, total: list.length });
}

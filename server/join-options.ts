// Options a client passes when creating or joining a table (docs/PROTOCOL.md, "Rooms and joining"),
// checked once where they enter. A bad option refuses the join with a message naming the option.
import { z } from "zod";
import { DIFFICULTIES, SEAT_CHOICES } from "../shared/protocol.ts";
// A name is cleaned and must show something (shared/display-name.ts): it could otherwise disguise
// itself, or vanish, in the UI.
import { personNameSchema } from "../shared/display-name.ts";

const token = z.string().min(1).max(128);

// Unknown keys are dropped rather than refused: SDKs and future clients may add their own.
export const joinOptionsSchema = z.object({
  name: personNameSchema,
  seat: z.enum(SEAT_CHOICES).default("any"),
  /** Needed to join as `facilitator` (the table's creator needs none). */
  hostKey: token.optional(),
  /** From an earlier `welcome`: returns the person to that seat. */
  seatToken: token.optional(),
  /** A classroom session's student: the token the session gave them (server/session-seating.ts). */
  studentToken: token.optional(),
  /** A classroom session's projector or spectator link: the session's viewer key. */
  viewerKey: token.optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

const seconds = z.number().int().min(10).max(3600);

export const createOptionsSchema = joinOptionsSchema.extend({
  solo: z.boolean().default(false),
  difficulty: z.enum(DIFFICULTIES).default("normal"),
  rounds: z.number().int().min(6).max(12).optional(),
  negotiationSeconds: seconds.optional(),
  decisionSeconds: seconds.optional(),
  /** Stage timers; solo tables are untimed unless this is true, other tables timed unless false. */
  timers: z.boolean().optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /** A classroom session's event deck, one card id per week (shared/session-deck.ts); checked against the scenario by the rules. */
  deck: z.array(z.string().max(80)).max(12).optional(),
  botsFillEmptySeats: z.boolean().default(true),
  /**
   * A classroom session's table (only the session's seating list seats people there). Set by the
   * server from the session's ticket, never taken from a client; kept so that a restart knows it.
   */
  sessionTable: z.boolean().default(false),
});
export type CreateOptions = z.infer<typeof createOptionsSchema>;

/** A readable one-line account of the first problem, e.g. `seat: Invalid option: expected one of …`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid options";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseJoinOptions(raw: unknown): { ok: true; value: JoinOptions } | { ok: false; message: string } {
  const parsed = joinOptionsSchema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssue(parsed.error) };
}

export function parseCreateOptions(raw: unknown): { ok: true; value: CreateOptions } | { ok: false; message: string } {
  const parsed = createOptionsSchema.safeParse(raw ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssue(parsed.error) };
}

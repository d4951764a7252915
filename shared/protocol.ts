// The wire contract between clients and the table server (docs/PROTOCOL.md): message names, the
// envelopes the server validates, the facilitator's commands, replies and error codes. The server
// checks every message with exactly these schemas; clients and external agents may import them too,
// so nothing about the protocol is written down twice. No Colyseus here: plain zod and types.
import { z } from "zod";
import { partyIntentSchema, tableIntentSchema } from "./actions.ts";
import { PARTY_IDS, type PartyId } from "./ids.ts";
import type { RuleErrorCode } from "./result.ts";
import { recordQueryShape, type RecordPage } from "./record.ts";

/** Message types on the wire. */
export const MESSAGE = { intent: "intent", command: "command", record: "record", welcome: "welcome", reply: "reply" } as const;

/** Largest accepted message, measured as the length of its JSON text. */
export const MAX_PAYLOAD_CHARS = 16 * 1024;
export const MAX_ANNOUNCEMENT = 280;
export const MAX_REQUEST_ID = 64;

export const SEAT_CHOICES = [...PARTY_IDS, "any", "spectator", "facilitator"] as const;
export type SeatChoice = (typeof SEAT_CHOICES)[number];
/** The seat a client actually holds once joined (`any` is resolved to a party). */
export type SeatRole = PartyId | "spectator" | "facilitator";

export { DIFFICULTIES, type Difficulty } from "./bots/persona.ts";

const requestId = z.string().min(1).max(MAX_REQUEST_ID);

/** `intent`: what a seat asks for; the server adds who is acting from the seat. */
export const intentMessageSchema = z.strictObject({ requestId, intent: partyIntentSchema });
export type IntentMessage = z.input<typeof intentMessageSchema>;

/** What the facilitator (or whoever holds the table's host key) may command. */
export const tableCommandSchema = z.discriminatedUnion("type", [
  ...tableIntentSchema.options,
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  /** Adds time to the running stage timer. */
  z.strictObject({ type: z.literal("extend"), seconds: z.number().int().min(1).max(3600) }),
  /** Sets the table's announcement line (empty text clears it). */
  z.strictObject({ type: z.literal("announce"), text: z.string().max(MAX_ANNOUNCEMENT) }),
]);
export type TableCommand = z.infer<typeof tableCommandSchema>;

/** `command`: a facilitator's command, authorised by the table's host key. */
export const commandMessageSchema = z.strictObject({ requestId, hostKey: z.string().min(1).max(128), command: tableCommandSchema });
export type CommandMessage = z.input<typeof commandMessageSchema>;

/** `record`: one page of the table's record, as the sender's seat may see it (shared/record.ts). */
export const recordMessageSchema = z.strictObject({ requestId, ...recordQueryShape });
export type RecordMessage = z.input<typeof recordMessageSchema>;

/** The server's own error codes, next to the rules' codes (shared/result.ts). */
export const SERVER_ERROR_CODES = [
  "bad_payload",
  "not_seated",
  "not_facilitator",
  "rate_limited",
  "payload_too_large",
  "paused",
  "internal_error",
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ErrorCode = RuleErrorCode | ServerErrorCode;

export interface ReplyError {
  code: ErrorCode;
  message: string;
  /** Path of the bad field in the message, when one field is to blame (e.g. "intent.offerId"). */
  field?: string;
}

/** Exactly one per `intent` or `command`. A refused message changed nothing. */
export type Reply = { requestId: string; ok: true } | { requestId: string; ok: false; error: ReplyError };

/** Exactly one per `record`: the page, or why not. */
export type RecordReply = { requestId: string; ok: true; page: RecordPage } | { requestId: string; ok: false; error: ReplyError };

/** Sent to a client once it has joined (and again after it reconnects). */
export interface Welcome {
  seat: SeatRole;
  code: string;
  name: string;
  /** Give it back as `seatToken` when joining again to return to this seat. */
  seatToken: string;
  /** Only to the table's creator: authorises `command` messages and joining as `facilitator`. */
  hostKey?: string;
  /**
   * The scenario the table plays, when it is not the built-in one (a classroom with the teacher's
   * changes): a page asks the rules what is legal with this one.
   */
  scenario?: unknown;
}

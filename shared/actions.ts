// The one action union. Every intent — a person's, a bot's, a timer's, a facilitator's — is one of
// these. Payload schemas live here so the server validates exactly what the rules accept.
import { z } from "zod";
import { DDR_ELEMENTS, MOVE_IDS, PARTY_IDS, TERM_KINDS, ZONE_IDS } from "./ids.ts";
import type { PartyId } from "./ids.ts";

export const MAX_TEXT = 500;
export const MAX_NOTE = 280;
export const MAX_OBLIGATIONS = 12;
/** Messages and statements a party may send in one week: every view carries them all. */
export const MAX_MESSAGES_PER_WEEK = 40;

const partyId = z.enum(PARTY_IDS);
const id = z.number().int().nonnegative().max(1e9);
const finite = z.number().finite();

export const termSchema = z.strictObject({
  kind: z.enum(TERM_KINDS),
  amount: finite.optional(),
  option: z.string().max(40).optional(),
});
export const obligationSchema = z.strictObject({ party: partyId, term: termSchema });

const percent = z.number().finite();
export const decisionSchema = z.strictObject({
  breaks: z.array(id).max(50).default([]),
  moves: z.array(z.enum(MOVE_IDS)).max(10).default([]),
  pledge: finite.default(0),
  mandate: z.enum(["monitor", "stabilise", "enforce"]).nullable().default(null),
  zones: z.array(z.enum(ZONE_IDS)).max(5).default([]),
  decommission: z
    .strictObject({ heavy: percent.default(0), tunnels: percent.default(0), small_arms: percent.default(0) })
    .default({ heavy: 0, tunnels: 0, small_arms: 0 }),
  ddr: z.array(z.enum(DDR_ELEMENTS)).max(6).default([]),
});
export type DecisionInput = z.input<typeof decisionSchema>;

/** What a seat may ask for, without saying who it is (the server knows the seat). */
export const partyIntentSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("propose"),
    to: z.array(partyId).min(1).max(5),
    obligations: z.array(obligationSchema).min(1).max(MAX_OBLIGATIONS),
    note: z.string().max(MAX_NOTE).default(""),
  }),
  z.strictObject({ type: z.literal("accept"), offerId: id, note: z.string().max(MAX_NOTE).default("") }),
  z.strictObject({ type: z.literal("reject"), offerId: id, reason: z.string().max(MAX_NOTE).default("") }),
  z.strictObject({
    type: z.literal("counter"),
    offerId: id,
    /** Indices of the original obligations kept as they are ("yes, but…"). */
    keep: z.array(z.number().int().nonnegative().max(MAX_OBLIGATIONS)).max(MAX_OBLIGATIONS).default([]),
    add: z.array(obligationSchema).max(MAX_OBLIGATIONS).default([]),
    note: z.string().max(MAX_NOTE).default(""),
  }),
  z.strictObject({ type: z.literal("withdraw"), offerId: id }),
  z.strictObject({ type: z.literal("message"), to: partyId, text: z.string().max(MAX_TEXT) }),
  z.strictObject({ type: z.literal("statement"), text: z.string().max(MAX_TEXT) }),
  z.strictObject({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("draft"), decision: decisionSchema }),
  z.strictObject({ type: z.literal("decide"), decision: decisionSchema }),
]);
export type PartyIntent = z.infer<typeof partyIntentSchema>;
export type PartyIntentInput = z.input<typeof partyIntentSchema>;

/** What the table itself (a timer) or the facilitator may ask for. */
export const tableIntentSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("begin") }),
  /** Ends the current stage: negotiation → decisions, decisions → resolution (defaults fill gaps). */
  z.strictObject({ type: z.literal("advance") }),
  z.strictObject({ type: z.literal("inject"), eventId: z.string().min(1).max(80) }),
  /**
   * The table only: a person took over a seat its bot had played and said "done negotiating" for.
   * The bot's "done" was not theirs to give: the seat's talks reopen for the person now in it.
   */
  z.strictObject({ type: z.literal("reopen"), party: partyId }),
]);
export type TableIntent = z.infer<typeof tableIntentSchema>;

export type TableActor = "system" | "facilitator";
export type Action = (PartyIntent & { by: PartyId }) | (TableIntent & { by: TableActor });
export type ActionType = Action["type"];

export const PARTY_ACTION_TYPES = partyIntentSchema.options.map((o) => o.shape.type.value);
export const TABLE_ACTION_TYPES = tableIntentSchema.options.map((o) => o.shape.type.value);

// The synced state's shape (docs/PROTOCOL.md, "Synced state"): fields only, no behaviour. Every
// value is written by state-mirror.ts alone, in the wire form of shared/wire-view.ts. Fields marked
// .view() reach only the clients whose StateView holds that object, so a seat's section (its
// offers, commitments, messages and secrets) never travels to anyone else, and the spectators'
// section only to those who read it.
import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * What one viewer sees beyond the public table: lists of JSON items, so a patch carries only the
 * items that changed or were added (a new offer, a new message), never the whole list again. Each
 * list holds the viewer's window of "now" (shared/view-window.ts), so its size is bounded; earlier
 * items are read from the record (shared/record.ts).
 */
export const SectionSchema = schema(
  {
    /** The viewer this section is for; "" until it has been made. */
    viewer: t.string().default(""),
    /** JSON of each offer the viewer may see, in the order they were made. */
    offers: t.array("string"),
    /** JSON of each commitment the viewer may see. */
    commitments: t.array("string"),
    /** JSON of each message the viewer may see (public statements included). */
    messages: t.array("string"),
    /**
     * JSON of what of the viewer's secrets never changes during a game: party → its objectives
     * (id, text, points) and red lines (shared/wire-view.ts LastingSecret). Written once.
     */
    lastingSecrets: t.string().default("{}"),
    /**
     * JSON of the rest of the viewer's secrets: party → whether each objective is met, pressure,
     * leverage, draft, decision (ChangingSecret). Apart from the lasting part, a change of pressure
     * sends this part again, not the objectives' texts.
     */
    changingSecrets: t.string().default("{}"),
    /** JSON of how many items of each list the viewer may see are only in the record; "" when none. */
    inRecord: t.string().default(""),
  },
  "Section",
);
export type SectionSchema = SchemaType<typeof SectionSchema>;

export const SeatSchema = schema(
  {
    party: t.string().default(""),
    /** Display names of the people in this seat (a team). */
    names: t.array("string"),
    /** How many of them are connected now. */
    connected: t.number().default(0),
    /** A bot is playing the seat. */
    bot: t.boolean().default(false),
    /** Who submitted this week's decisions ("" if none yet). */
    submittedBy: t.string().default(""),
    /** This party's section: this seat's clients only. */
    view: t.ref(SectionSchema).view(),
  },
  "Seat",
);
export type SeatSchema = SchemaType<typeof SeatSchema>;

export const TimerSchema = schema(
  {
    stage: t.string().default(""),
    /** Server time (ms since the epoch) when the stage ends; 0 when untimed or paused. */
    endsAt: t.number().default(0),
    /** Time left when this was last written (frozen while paused); 0 when untimed. */
    remainingMs: t.number().default(0),
    paused: t.boolean().default(false),
  },
  "Timer",
);
export type TimerSchema = SchemaType<typeof TimerSchema>;

export const FacilitatorSchema = schema(
  {
    /** The facilitator's section (everything): facilitator clients only. */
    view: t.ref(SectionSchema).view(),
  },
  "Facilitator",
);
export type FacilitatorSchema = SchemaType<typeof FacilitatorSchema>;

export const TableState = schema(
  {
    code: t.string().default(""),
    /** JSON of the public table, the same for every viewer, but for who is ready and who has decided (shared/wire-view.ts's WireBase). */
    public: t.string().default(""),
    /**
     * Who has said they are done negotiating, and who has decided: a bit per party (bit i is
     * PARTY_IDS[i]; shared/wire-view.ts PartyBits). Apart from `public` because they change alone and
     * often: a patch then carries a byte, not the public table again.
     */
    readyBits: t.uint8().default(0),
    decidedBits: t.uint8().default(0),
    /** JSON of each news item of the window, oldest first (public; only new items travel). */
    news: t.array("string"),
    /** JSON of each resolved week's record (public; only new weeks travel). */
    history: t.array("string"),
    /**
     * The spectators' section: the public statements and public offers (everything once the game
     * has ended). Spectators' clients only until the end, then every client's (server/open-readers.ts).
     */
    open: t.ref(SectionSchema).view(),
    seats: t.map(SeatSchema),
    timer: TimerSchema,
    announcement: t.string().default(""),
    facilitator: FacilitatorSchema,
  },
  "TableState",
);
export type TableState = SchemaType<typeof TableState>;

// The synced state's shape (docs/PROTOCOL.md, "Synced state"): fields only, no behaviour. Every
// value is written by state-mirror.ts alone. Fields marked .view() reach only the clients whose
// StateView holds that object, so a seat's private view never travels to anyone else.
import { schema, t, type SchemaType } from "@colyseus/schema";

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
    /** JSON of shared's TableView for this party, without news and history: this seat's clients only. */
    view: t.string().default("").view(),
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
    /** JSON of the facilitator's TableView (everything): facilitator clients only. */
    view: t.string().default("").view(),
  },
  "Facilitator",
);
export type FacilitatorSchema = SchemaType<typeof FacilitatorSchema>;

export const TableState = schema(
  {
    code: t.string().default(""),
    /** JSON of the spectator's TableView without news and history: the public table. */
    public: t.string().default(""),
    /** JSON of the news and round history, public and shared by every view (shared/wire-view.ts). */
    record: t.string().default(""),
    seats: t.map(SeatSchema),
    timer: TimerSchema,
    announcement: t.string().default(""),
    facilitator: FacilitatorSchema,
  },
  "TableState",
);
export type TableState = SchemaType<typeof TableState>;

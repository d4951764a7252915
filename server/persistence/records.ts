// The plain records persistence keeps for a classroom session (session-store.ts): the session, its
// students, the host's events and its settings. They are owned here, beside the store that writes
// them, so that persistence depends on nothing above it: the classroom (server/classroom/) builds
// its sessions out of these records and hands them to a SessionRecorder, never the other way round.
import { z } from "zod";
import type { PartyId } from "../../shared/ids.ts";
import { DIFFICULTIES } from "../../shared/protocol.ts";
import type { Scenario } from "../../shared/scenario-schema.ts";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Free text a person typed, with control and direction characters taken out and spaces folded. */
export const cleanedText = (max: number, what: string) =>
  z
    .string()
    .max(200)
    .transform((s) => s.replace(CONTROL, "").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, `${what} is needed`).max(max, `${what} is at most ${max} characters`));

const seconds = z.number().int().min(10).max(3600);

export const MAX_TABLES = 12;

/**
 * A session's settings: checked where a teacher sends them (classroom/session-options.ts) and again
 * when a stored session is read back, so a record written by an older release gains today's defaults.
 */
export const sessionSettingsSchema = z.strictObject({
  name: cleanedText(60, "a session name").default("Ceasefire Table class"),
  tables: z.number().int().min(1).max(MAX_TABLES),
  rounds: z.number().int().min(6).max(12).optional(),
  timers: z.boolean().default(true),
  negotiationSeconds: seconds.optional(),
  decisionSeconds: seconds.optional(),
  botsFillEmptySeats: z.boolean().default(true),
  /** Seat students away from the party they say they prefer. */
  againstPreference: z.boolean().default(false),
  /** Most students in one party's team. */
  teamSize: z.number().int().min(1).max(12).default(4),
  difficulty: z.enum(DIFFICULTIES).default("normal"),
  /** The planned length of the lesson, for the console's lesson clock (docs/TEACHING.md's plans: 50 or 90). */
  lessonMinutes: z.number().int().min(10).max(300).default(50),
  /** One seed for every table, so that the tables meet the same event deck and compare fairly. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /** The teacher's changes to the built-in scenario (shared patchScenario), e.g. `{ "weights": { "aidTarget": 500 } }`. */
  scenario: z.record(z.string(), z.unknown()).optional(),
});
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;

/** Where a student sat from the start of which week (0: before the first week). */
export interface Stint {
  table: number;
  seat: PartyId;
  fromRound: number;
}

export interface Student {
  /** The SHA-256 of the student's token: the token itself is only ever in the student's hands. */
  tokenHash: string;
  name: string;
  preference: PartyId | null;
  /** 1-based table number. */
  table: number;
  seat: PartyId;
  /** Bumped on every move, so a student's page knows to go to its new seat. */
  version: number;
  /** The student's public id in the session (classroom/roster.ts): the tables' logs credit their actions to it. */
  id: string;
  /** Taken off the roster by the teacher: seated nowhere, kept for the record. */
  removed?: boolean;
  /** Where the student sat from which week (classroom/roster.ts), oldest first. */
  stints?: Stint[];
}

export interface HostEvent {
  at: number;
  action: string;
  tables: number[];
  detail: string;
  results: Array<{ table: number; ok: boolean; message?: string }>;
}

export type SessionStatus = "open" | "ended";

/** Everything a session needs to be rebuilt after a restart (its secrets only as hashes). */
export interface SavedSession {
  code: string;
  createdAt: number;
  status: SessionStatus;
  settings: SessionSettings;
  scenario: Scenario;
  hostKeyHash: string;
  tables: Array<{ number: number; code: string }>;
  students: Student[];
  events: HostEvent[];
  /** Joining locked by the host: new names wait for the host to admit them. */
  locked?: boolean;
}

/**
 * Told of every change before it takes effect (write-through): a method that throws refuses the
 * change. `seq` is the event's position in the session's event log.
 */
export interface SessionRecorder {
  created(session: SavedSession): void;
  joined(code: string, student: Student): void;
  relocated(code: string, students: Student[], seq: number, event: HostEvent): void;
  recorded(code: string, seq: number, event: HostEvent): void;
  tableReopened(code: string, number: number, tableCode: string): void;
  /** Students renamed, removed, admitted or given a new token (`before`: their token's hash until now). */
  rosterChanged(code: string, changes: Array<{ before: string; student: Student }>, seq: number, event: HostEvent): void;
  /** The host changed the team size or locked or unlocked joining. */
  settingsChanged(code: string, settings: SessionSettings, locked: boolean, seq: number, event: HostEvent): void;
  ended(code: string, seq: number, event: HostEvent): void;
}

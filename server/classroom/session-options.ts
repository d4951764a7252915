// What a teacher sends to create a session and what students and the host send afterwards
// (docs/PROTOCOL.md, "Classroom sessions"), checked once where it enters. Strict objects: a field
// the server does not know is refused, so a typo in a setting is never silently ignored.
import { z } from "zod";
import { PARTY_IDS } from "../../shared/ids.ts";
import { DIFFICULTIES, tableCommandSchema } from "../../shared/protocol.ts";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const cleaned = (max: number, what: string) =>
  z
    .string()
    .max(200)
    .transform((s) => s.replace(CONTROL, "").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, `${what} is needed`).max(max, `${what} is at most ${max} characters`));

const seconds = z.number().int().min(10).max(3600);

export const MAX_TABLES = 12;

export const sessionSettingsSchema = z.strictObject({
  name: cleaned(60, "a session name").default("Ceasefire Table class"),
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

export const studentJoinSchema = z.strictObject({
  name: cleaned(40, "a name"),
  /** The party the student would rather play (`none`: no preference). */
  preference: z.enum([...PARTY_IDS, "none"]).default("none"),
  /** From an earlier join: the same student coming back (a reload, another device). */
  studentToken: z.string().min(1).max(128).optional(),
  /** A student back on another device: their personal rejoin code (shown on their page). */
  rejoinCode: z.string().min(1).max(20).optional(),
  /** A student back on another device without their code: ask the teacher to let them back in. */
  askTeacher: z.boolean().optional(),
});

const studentName = z.string().min(1).max(60);
export const removeSchema = z.strictObject({ student: studentName });
export const renameSchema = z.strictObject({ student: studentName, name: cleaned(40, "a name") });
export const lockSchema = z.strictObject({ locked: z.boolean() });
export const teamSizeSchema = z.strictObject({ teamSize: z.number().int().min(1).max(12) });
export const answerSchema = z.strictObject({ request: z.string().min(1).max(40), admit: z.boolean() });

const tableTarget = z.union([z.literal("all"), z.array(z.number().int().min(1).max(MAX_TABLES)).min(1).max(MAX_TABLES)]);

export const hostCommandSchema = z.strictObject({ tables: tableTarget, command: tableCommandSchema });
/** Roll back `weeks` weeks (1: the start of the current week) or to the start of week `toWeek`; one week when neither is given. */
export const rollbackSchema = z
  .strictObject({
    table: z.number().int().min(1).max(MAX_TABLES),
    weeks: z.number().int().min(1).max(12).optional(),
    toWeek: z.number().int().min(1).max(12).optional(),
  })
  .refine((r) => r.weeks === undefined || r.toWeek === undefined, { message: "give either weeks or toWeek, not both", path: ["toWeek"] });
export const moveSchema = z.strictObject({
  student: z.string().min(1).max(60),
  table: z.number().int().min(1).max(MAX_TABLES),
  seat: z.enum(PARTY_IDS),
});
export const swapSchema = z.strictObject({ a: z.string().min(1).max(60), b: z.string().min(1).max(60) });

/** A readable one-line account of the first problem, naming the field. */
export function firstIssue(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: "invalid request" };
  const field = issue.path.map(String).join(".");
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}

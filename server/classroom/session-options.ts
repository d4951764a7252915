// What a teacher sends to create a session and what students and the host send afterwards
// (docs/PROTOCOL.md, "Classroom sessions"), checked once where it enters. Strict objects: a field
// the server does not know is refused, so a typo in a setting is never silently ignored.
import { z } from "zod";
import { PARTY_IDS } from "../../shared/ids.ts";
import { tableCommandSchema } from "../../shared/protocol.ts";
import { MAX_TABLES } from "../persistence/records.ts";
import { personNameSchema } from "../../shared/display-name.ts";

// The settings are also what a stored session keeps: their schema lives with the records (persistence/records.ts).
export { MAX_TABLES, sessionSettingsSchema, type SessionSettings } from "../persistence/records.ts";

export const studentJoinSchema = z.strictObject({
  /** It must show something (shared/display-name.ts), so the teacher can tell who it is. */
  name: personNameSchema,
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
export const renameSchema = z.strictObject({ student: studentName, name: personNameSchema });
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

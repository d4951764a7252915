// The host's roster calls (docs/PROTOCOL.md, "Classroom sessions"): take a student off the roster,
// rename one, lock or open joining, change the team size, and answer a waiting request (a late
// joiner, or a student back on another device). Host only; a refusal changes nothing.
import type { Request, Response, Router } from "express";
import type { z } from "zod";
import type { ClassSession, Outcome, Problem } from "./class-session.ts";
import { answerSchema, firstIssue, lockSchema, removeSchema, renameSchema, teamSizeSchema } from "./session-options.ts";

export interface RosterRouteTools {
  asHost(req: Request, res: Response): ClassSession | null;
  send(res: Response, outcome: Outcome<unknown>): void;
  refuse(res: Response, problem: Problem): void;
}

export function mountRosterRoutes(router: Router, t: RosterRouteTools): void {
  /** A host call: the session, the body checked by `schema`, then `run`. */
  const hostCall =
    <S extends z.ZodType>(schema: S, run: (s: ClassSession, body: z.infer<S>) => Promise<Outcome<unknown>> | Outcome<unknown>) =>
    async (req: Request, res: Response) => {
      const s = t.asHost(req, res);
      if (!s) return;
      const parsed = schema.safeParse(req.body ?? {});
      if (!parsed.success) return t.refuse(res, { status: 400, code: "bad_payload", ...firstIssue(parsed.error) });
      t.send(res, await run(s, parsed.data));
    };
  router.post("/:code/remove", hostCall(removeSchema, (s, b) => s.remove(b.student)));
  router.post("/:code/rename", hostCall(renameSchema, (s, b) => s.rename(b.student, b.name)));
  router.post("/:code/lock", hostCall(lockSchema, (s, b) => s.setLocked(b.locked)));
  router.post("/:code/team-size", hostCall(teamSizeSchema, (s, b) => s.setTeamSize(b.teamSize)));
  router.post("/:code/requests", hostCall(answerSchema, (s, b) => s.answer(b.request, b.admit)));
}

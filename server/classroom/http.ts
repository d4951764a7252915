// The classroom sessions' HTTP API (docs/PROTOCOL.md, "Classroom sessions"): create a session, let
// students join by code, and let the host (and only the host: `Authorization: Bearer <hostKey>`)
// watch and steer every table, move students, roll a table back and download the debrief.
// Every answer is JSON (or the file asked for); every refusal is `{ error: { code, message, field? } }`
// with a fitting HTTP status, and changes nothing. With a store (server/persistence), every session
// is recorded as it changes and brought back by restoreSessions() when the server starts again.
// Scale-out (several processes sharing Redis, `home` below): a session lives in the process that
// created it; the others forward its requests there (session-home.ts).
import { classroomCors } from "../cors.ts";
import { randomInt } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { renderSVG } from "uqr";
import { defaultScenario, patchScenario } from "../../shared/scenario.ts";
import { viewFor } from "../../shared/views.ts";
import { replay, type GameLog } from "../../shared/apply.ts";
import type { TableStore } from "../persistence/table-store.ts";
import type { Scheduler } from "../table-clock.ts";
import { ClassSession, type Outcome, type Problem, type TableAccess } from "./class-session.ts";
import { colyseusTables } from "./table-control.ts";
import { SessionHomes } from "./session-home.ts";
import { shareTickets } from "./table-scenarios.ts";
import { firstIssue, hostCommandSchema, moveSchema, rollbackSchema, sessionSettingsSchema, studentJoinSchema, swapSchema } from "./session-options.ts";
import { actionsCsv, exportSession, participationCsv, sessionCsv, sessionHtml } from "./session-export.ts";
import { readCredit } from "../action-credits.ts";
import { RateLimiter } from "../rate-limit.ts";
import { mountRosterRoutes } from "./roster-http.ts";
import { reachableAddress, type ReachableAddress } from "./reachable-address.ts";
import { opensProjector, projectorOverview, projectorToken } from "./projector.ts";

/** Join codes are read aloud and typed on phones: no 0/O, 1/I/L. */
export const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 5;
/** Sessions this process keeps (open or ended, for their debrief), oldest dropped first. */
const MAX_SESSIONS = 200;
/** An ended session's record is kept this long (from its creation) for its debrief. */
export const KEEP_ENDED_MS = 12 * 3600_000;

/** The sessions of this process, by join code. */
export const sessions = new Map<string, ClassSession>();

/** With Redis: where each session lives (set by classroomRouter when it is given `home`). */
let homes: SessionHomes | null = null;

/**
 * A code no session has, here, in the store (a stored session that could not be read back keeps
 * its code) or, with Redis, in another process.
 */
const newJoinCode = async (store: TableStore | null): Promise<string> => {
  for (;;) {
    const code = Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join("");
    if (!sessions.has(code) && !store?.sessions.has(code) && !(await homes?.taken(code))) return code;
  }
};

/** The server's `table` rooms, as a session sees them (table-control.ts). */
export { colyseusTables };

function send(res: Response, outcome: Outcome<unknown>, status = 200): void {
  if (outcome.ok) res.status(status).json(outcome.value);
  else refuse(res, outcome.error);
}

function refuse(res: Response, p: Problem): void {
  res.status(p.status).json({ error: p.field === undefined ? { code: p.code, message: p.message } : { code: p.code, message: p.message, field: p.field } });
}

const badPayload = (issue: { message: string; field?: string }): Problem => ({ status: 400, code: "bad_payload", ...issue });

function hostKeyOf(req: Request): string | undefined {
  const auth = req.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  return req.get("x-host-key") ?? undefined;
}

/** The address phones can reach for this request's links (reachable-address.ts). */
function reachable(req: Request): ReachableAddress {
  // A request forwarded by another process of the deployment: the address the client used.
  const forwarded = SessionHomes.originOf(req);
  const url = forwarded ? new URL(forwarded) : null;
  return reachableAddress(url ? url.protocol.replace(":", "") : req.protocol, url ? url.host : (req.get("host") ?? "localhost"), process.env.PUBLIC_URL);
}

function origin(req: Request): string {
  return reachable(req).base;
}

export interface ClassroomOptions {
  scheduler: Scheduler;
  access?: TableAccess;
  /** The durable record (the tables' database); none keeps sessions in memory only. */
  store?: TableStore | null;
  /**
   * Scale-out, with Redis (Colyseus's presence): this process's HTTP address (host:port,
   * PUBLIC_ADDRESS). Sessions created here are registered under it, and requests for a session
   * another process holds are forwarded there (session-home.ts).
   */
  home?: string;
  /** With Redis: classroom tables may be created in another process (table-scenarios.ts). */
  shared?: boolean;
}

export function classroomRouter(options: ClassroomOptions): Router {
  const access = options.access ?? colyseusTables;
  const { scheduler } = options;
  const store = options.store ?? null;
  if (options.shared || options.home) shareTickets(true);
  if (options.home) homes = new SessionHomes(options.home);
  const router = express.Router();
  // Other origins only as configured (server/cors.ts): the server's own pages need no CORS.
  router.use(classroomCors());
  router.use(express.json({ limit: "64kb" }));
  // Per address: a class behind one school address joins all at once (a big burst), but nobody may
  // try join codes or create sessions in bulk.
  const calls = new RateLimiter({ perSecond: 20, burst: 200 });
  const creations = new RateLimiter({ perSecond: 0.5, burst: 30 });
  // A request another process of the deployment forwarded (it was limited there): checked, then let through.
  if (homes) router.use(homes.acceptForwarded());
  router.use((req, res, next) => {
    if (SessionHomes.wasForwarded(req)) return next();
    const ip = req.ip ?? "?";
    const limiter = req.method === "POST" && req.path === "/" ? creations : calls;
    if (limiter.take(ip)) return next();
    refuse(res, { status: 429, code: "rate_limited", message: "too many requests from this address; wait a moment and try again" });
  });
  // A session this process does not hold: its home process answers (with Redis).
  if (homes) router.use("/:code", homes.forward((code) => sessions.has(code)));

  const find = (req: Request, res: Response): ClassSession | null => {
    const code = String(req.params.code ?? "").toUpperCase();
    const session = sessions.get(code);
    if (!session) {
      refuse(res, { status: 404, code: "unknown_session", message: `there is no session with the code “${code.slice(0, 10)}”; check the code on the board` });
      return null;
    }
    return session;
  };
  const asHost = (req: Request, res: Response): ClassSession | null => {
    const session = find(req, res);
    if (!session) return null;
    if (!session.isHost(hostKeyOf(req))) {
      refuse(res, { status: 403, code: "not_facilitator", message: "only the session's host can do this (send the host key as Authorization: Bearer …)" });
      return null;
    }
    return session;
  };
  const body = (req: Request): unknown => req.body ?? {};

  router.post("/", async (req, res) => {
    const parsed = sessionSettingsSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    const scenario = parsed.data.scenario ? patchScenario(defaultScenario(), parsed.data.scenario) : { ok: true as const, value: defaultScenario() };
    if (!scenario.ok) return refuse(res, { status: 400, code: "invalid_scenario", message: `scenario.${scenario.error.message}`, field: `scenario.${scenario.error.field ?? ""}` });
    prune(scheduler.now(), store);
    const code = await newJoinCode(store);
    const session = await ClassSession.create(code, parsed.data, scenario.value, access, scheduler, store?.sessions ?? null);
    sessions.set(code, session);
    await homes?.register(code);
    const base = origin(req);
    res.status(201).json({
      code,
      hostKey: session.hostKey,
      name: session.settings.name,
      joinLink: `${base}/?join=${code}`,
      consoleLink: `${base}/?console=${code}#key=${session.hostKey}`,
      qr: `${base}/api/sessions/${code}/qr.svg`,
      tables: session.tables.map((t) => ({ number: t.number, code: t.code })),
    });
  });

  // Public: what a student sees before joining.
  router.get("/:code", (req, res) => {
    const s = find(req, res);
    if (s) res.json({ code: s.code, name: s.settings.name, status: s.status, tables: s.tables.length });
  });

  router.get("/:code/qr.svg", (req, res) => {
    const s = find(req, res);
    if (!s) return;
    res.type("image/svg+xml").send(renderSVG(`${origin(req)}/?join=${s.code}`, { ecc: "M", border: 2, pixelSize: 8 }));
  });

  router.post("/:code/students", async (req, res) => {
    const s = find(req, res);
    if (!s) return;
    const parsed = studentJoinSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    const { name, preference, studentToken, rejoinCode, askTeacher } = parsed.data;
    const joined = await s.join(name, preference === "none" ? null : preference, studentToken, { ...(rejoinCode !== undefined ? { code: rejoinCode } : {}), ...(askTeacher ? { askTeacher } : {}) });
    if (joined.ok && !("waiting" in joined.value)) await s.reopen(joined.value.table);
    // A page waiting for the teacher: 202, and it asks `students/me` until the teacher answers.
    const now = joined.ok ? s.whereIs(joined.value.studentToken) : joined;
    send(res, now, now.ok && "waiting" in now.value ? 202 : 201);
  });

  router.get("/:code/students/me", (req, res) => {
    const s = find(req, res);
    if (!s) return;
    const where = s.whereIs(req.get("x-student-token") ?? "");
    send(res, where, where.ok && "waiting" in where.value ? 202 : 200);
  });

  mountRosterRoutes(router, { asHost, send, refuse });

  // ── host only ────────────────────────────────────────────────────────────────────────────
  router.get("/:code/overview", async (req, res) => {
    const s = asHost(req, res);
    if (s) res.json(await s.overview());
  });

  // The links to hand out, on an address phones can reach, and which address that is.
  router.get("/:code/links", (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const at = reachable(req);
    res.json({
      base: at.base,
      source: at.source,
      alternatives: at.alternatives,
      join: `${at.base}/?join=${s.code}`,
      qr: `${at.base}/api/sessions/${s.code}/qr.svg`,
      projector: `${at.base}/?projector=${s.code}#view=${projectorToken(s.hostKeyHash)}`,
    });
  });

  // Read-only, with the projector token (or the host key): the public side of every table.
  router.get("/:code/projector", async (req, res) => {
    const s = find(req, res);
    if (!s) return;
    if (!opensProjector(s, hostKeyOf(req)))
      return refuse(res, { status: 403, code: "not_projector", message: "this projector link is not valid for this session; open the projector link from the teacher's console again" });
    res.json(await projectorOverview(s));
  });

  router.post("/:code/command", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const parsed = hostCommandSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    send(res, await s.command(parsed.data.tables, parsed.data.command));
  });

  router.post("/:code/rollback", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const parsed = rollbackSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    const { table, weeks, toWeek } = parsed.data;
    send(res, await s.rollback(table, toWeek !== undefined ? { toWeek } : { weeks: weeks ?? 1 }));
  });

  router.post("/:code/move", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const parsed = moveSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    const moved = await s.move(parsed.data.student, parsed.data.table, parsed.data.seat);
    if (moved.ok) await s.reopen(moved.value.table);
    send(res, moved);
  });

  router.post("/:code/swap", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const parsed = swapSchema.safeParse(body(req));
    if (!parsed.success) return refuse(res, badPayload(firstIssue(parsed.error)));
    send(res, await s.swap(parsed.data.a, parsed.data.b));
  });

  router.post("/:code/end", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    await s.end();
    res.json({ ok: true, status: s.status });
  });

  router.get("/:code/tables/:n/view", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    const n = Number(req.params.n);
    const viewer = req.query.viewer === "spectator" ? "spectator" : "facilitator";
    if (!Number.isInteger(n) || n < 1 || n > s.tables.length) return refuse(res, { status: 404, code: "unknown_table", message: `this session has ${s.tables.length} tables` });
    await s.live(n);
    const state = s.tables[n - 1]!.state;
    if (!state) return refuse(res, { status: 409, code: "table_closed", message: `table ${n} has no record yet` });
    res.json(viewFor(s.scenario, state, viewer));
  });

  router.get("/:code/export.:format", async (req, res) => {
    const s = asHost(req, res);
    if (!s) return;
    await s.snapshot();
    const data = exportSession(s, scheduler.now());
    const file = `session-${s.code}`;
    const format = req.params.format;
    if (format === "json") res.attachment(`${file}.json`).json(data);
    else if (format === "csv") res.attachment(`${file}.csv`).type("text/csv").send(sessionCsv(data));
    else if (format === "html") res.attachment(`${file}.html`).type("html").send(sessionHtml(data, s.scenario));
    // The record to grade from: one row per student, and one row per action with who made it.
    else if (format === "participation.csv") res.attachment(`${file}-participation.csv`).type("text/csv").send(participationCsv(data));
    else if (format === "actions.csv") res.attachment(`${file}-actions.csv`).type("text/csv").send(actionsCsv(data));
    else refuse(res, { status: 404, code: "unknown_format", message: "export as json, csv, html, participation.csv or actions.csv" });
  });

  // A body that is not JSON, or an address that cannot be decoded: a readable refusal, not
  // express's HTML error page.
  router.use((error: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const status = typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : 500;
    if (status >= 500) console.error("[classroom] request failed:", error);
    // The body parser marks its errors with a `type` ("entity.parse.failed", "entity.too.large", …);
    // the router's own (a code like "%ZZ" in the address) have none.
    const fromBody = typeof error === "object" && error !== null && typeof (error as { type?: unknown }).type === "string";
    const message = fromBody ? "the request body must be JSON (at most 64 KB)" : "the request's address could not be read (a malformed %-escape in it?)";
    refuse(res, status >= 500 ? { status: 500, code: "internal_error", message: "the server could not handle this request; nothing was changed" } : { status, code: "bad_payload", message });
  });
  return router;
}

/** Drops ended sessions past their keep time, and the oldest beyond the process's limit — from the store too. */
function prune(now: number, store: TableStore | null): void {
  const forget = (code: string) => {
    sessions.delete(code);
    homes?.unregister(code);
    try {
      store?.sessions.delete(code);
    } catch (e) {
      // Still stored: it comes back at the next start and is pruned then.
      console.error(`[classroom] could not delete session ${code} from the store:`, e instanceof Error ? e.message : e);
    }
  };
  for (const [code, s] of sessions) if (s.status === "ended" && now - s.createdAt > KEEP_ENDED_MS) forget(code);
  while (sessions.size >= MAX_SESSIONS) {
    const oldest = sessions.keys().next().value;
    if (oldest === undefined) break;
    forget(oldest);
  }
}

export interface SessionRestoreReport {
  restored: string[];
  /** Stored sessions that could not be brought back (by code only: no secret goes to a log). */
  failed: Array<{ code: string; error: string }>;
}

/**
 * Brings back every stored session (open ones, and ended ones still kept for their debrief) into
 * `sessions`, re-attached to their tables. Call once restoreTables() has run: a session's live
 * tables are found by code then. A stored session that cannot be read back is reported and skipped.
 */
export async function restoreSessions(store: TableStore, options: ClassroomOptions): Promise<SessionRestoreReport> {
  const access = options.access ?? colyseusTables;
  const now = options.scheduler.now();
  const report: SessionRestoreReport = { restored: [], failed: [] };
  store.sessions.prune(now - KEEP_ENDED_MS);
  const loaded = store.sessions.load();
  report.failed.push(...loaded.corrupt);
  for (const saved of loaded.sessions) {
    try {
      const session = ClassSession.restore(saved, access, options.scheduler, store.sessions);
      await session.snapshot();
      for (const record of session.tables) if (!record.state) fillFromStore(session, record, store);
      // The restored tables wait for their session's seating list before they seat anyone again.
      await session.sendSeating();
      sessions.set(session.code, session);
      // With Redis: this process is the session's home again (its requests are forwarded here).
      await homes?.register(session.code);
      report.restored.push(session.code);
    } catch (e) {
      report.failed.push({ code: saved.code, error: e instanceof Error ? e.message : String(e) });
    }
  }
  prune(now, store);
  return report;
}

/** A table whose room is gone (it closed, idle): its record for the debrief, replayed from the tables' store. */
function fillFromStore(session: ClassSession, record: ClassSession["tables"][number], store: TableStore): void {
  try {
    const stored = store.tableLog(record.code);
    if (!stored) return;
    const log = stored.log as GameLog;
    const state = replay(session.scenario, log);
    if (!state.ok) return;
    record.log = log;
    record.state = state.value;
    record.credits = stored.credits.map(readCredit);
  } catch {
    // Left empty: the debrief shows the table without its record, as for a table never played.
  }
}

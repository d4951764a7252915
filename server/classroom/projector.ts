// The session's projector: a read-only overview of every table's public side (week, stage and its
// clock, stability, this week's event card, the latest news, the announcement), for a second
// computer at the front of the room. It opens with its own token, never the host key, so the
// computer on the projector cannot control the session, and the token shown on the console may be
// read by the room without harm.
//
// The token is derived from the session's host key hash (a one-way hash of it, under its own label):
// it needs no storage, survives a restart as the session does, and tells nothing about the host key.
import { createHash, timingSafeEqual } from "node:crypto";
import { viewFor } from "../../shared/views.ts";
import type { ClassSession, TableOverview } from "./class-session.ts";

/** The projector token of the session whose host key hashes to `hostKeyHash`. */
export function projectorToken(hostKeyHash: string): string {
  return createHash("sha256").update(`ceasefire-projector:${hostKeyHash}`).digest("base64url").slice(0, 32);
}

/** Whether `given` opens the projector of this session (the host key opens it too). */
export function opensProjector(session: ClassSession, given: string | undefined): boolean {
  if (typeof given !== "string" || given === "") return false;
  if (session.isHost(given)) return true;
  const a = Buffer.from(given);
  const b = Buffer.from(projectorToken(session.hostKeyHash));
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ProjectorTable {
  number: number;
  round: number;
  rounds: number;
  phase: number;
  stage: string;
  paused: boolean;
  remainingMs: number;
  stability: number;
  trend: number;
  stabilityByWeek: number[];
  outcome: string | null;
  /** This week's event cards: title and the card's public text. */
  events: Array<{ title: string; text: string }>;
  /** The announcement at this table when it is not the room's (e.g. the notice of a rollback). */
  announcement: string;
  /** The latest public news of the table, newest first (at most three). */
  news: string[];
  /** How many seats have a person in them. */
  people: number;
}

export interface ProjectorOverview {
  code: string;
  name: string;
  status: "open" | "ended";
  announcement: string;
  tables: ProjectorTable[];
}

/** The public side of every table, as the projector shows it: nothing a party keeps secret, no student token. */
export async function projectorOverview(session: ClassSession): Promise<ProjectorOverview> {
  const overview = await session.overview();
  const tables = overview.tables.map((t: TableOverview) => {
    const state = session.tables[t.number - 1]?.state;
    const view = state ? viewFor(session.scenario, state, "spectator") : null;
    const card = (id: string) => {
      const e = session.scenario.events.find((x) => x.id === id);
      return { title: e?.title ?? id, text: e?.text ?? "" };
    };
    return {
      number: t.number,
      round: t.round,
      rounds: t.rounds,
      phase: t.phase,
      stage: t.stage,
      paused: t.paused,
      remainingMs: t.remainingMs,
      stability: t.stability,
      trend: t.trend,
      stabilityByWeek: t.stabilityByWeek,
      outcome: t.outcome,
      events: view ? view.roundEvents.map(card) : [],
      announcement: t.announcement,
      news: view ? view.news.filter((n) => n.kind !== "event").slice(-3).reverse().map((n) => n.text) : [],
      people: t.seats.filter((s) => s.connected > 0 && !s.bot).length,
    } satisfies ProjectorTable;
  });
  // The room's announcement is the one every table shows (the console's "announce to all"); one
  // table's own (a rollback's notice) stays on that table's card.
  const shared = tables.every((t) => t.announcement !== "" && t.announcement === tables[0]!.announcement) ? tables[0]!.announcement : "";
  for (const t of tables) if (t.announcement === shared) t.announcement = "";
  return { code: overview.code, name: overview.name, status: overview.status, announcement: shared, tables };
}

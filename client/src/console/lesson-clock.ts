// The lesson clock on the teacher's console: how long the lesson was planned to be, how much of it
// is left, and when the game will end if every table plays its remaining weeks at the set stage
// times — so the teacher sees early whether the debrief still fits before the bell, and can skip,
// shorten or stop in time. The projection is plain arithmetic on the console's overview.
import { h } from "../ui/dom.ts";

export interface LessonInputs {
  /** When the session was created, and the server's time now (ms). */
  createdAt: number;
  now: number;
  lessonMinutes: number;
  /** Stage lengths in seconds (the session's, else the scenario's). */
  negotiationSeconds: number;
  decisionSeconds: number;
  timers: boolean;
  tables: Array<{ round: number; rounds: number; stage: string; remainingMs: number; paused: boolean; outcome: string | null }>;
}

export interface LessonProjection {
  /** Ms left in the planned lesson (negative once it has run over). */
  leftMs: number;
  /** Ms until the slowest table ends at the set stage times; null when stages are untimed. */
  gameLeftMs: number | null;
  /** Ms of the lesson left after the game ends (negative: the game runs past the bell). */
  spareMs: number | null;
  /** The slowest table's remaining weeks, counting the one in play. */
  weeksLeft: number;
}

/** A table's time still to play: the current stage's rest, then every later stage at its set length. */
function tableLeftMs(t: LessonInputs["tables"][number], negotiationMs: number, decisionMs: number): number {
  if (t.outcome !== null || t.stage === "ended") return 0;
  const week = negotiationMs + decisionMs;
  if (t.stage === "briefing" || t.round === 0) return t.rounds * week;
  const later = (t.rounds - t.round) * week;
  const rest = t.stage === "negotiation" ? t.remainingMs + decisionMs : t.remainingMs;
  return later + rest;
}

export function projectLesson(x: LessonInputs): LessonProjection {
  const leftMs = x.createdAt + x.lessonMinutes * 60_000 - x.now;
  const weeksLeft = Math.max(0, ...x.tables.map((t) => (t.outcome !== null || t.stage === "ended" ? 0 : t.round === 0 ? t.rounds : t.rounds - t.round + 1)));
  if (!x.timers) return { leftMs, gameLeftMs: null, spareMs: null, weeksLeft };
  const gameLeftMs = Math.max(0, ...x.tables.map((t) => tableLeftMs(t, x.negotiationSeconds * 1000, x.decisionSeconds * 1000)));
  return { leftMs, gameLeftMs, spareMs: leftMs - gameLeftMs, weeksLeft };
}

/** "12:05" for ms (minutes may exceed 60), "−3:10" when negative. */
export function minutes(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  const total = Math.round(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** The clock (local time of day) at `now + ms`, e.g. "10:42". */
const clockAt = (ms: number) => new Date(Date.now() + ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** The lesson clock's panel. `stale`: the server is not answering; the figures are frozen and say so. */
export function lessonClock(x: LessonInputs, stale: boolean): HTMLElement {
  const p = projectLesson(x);
  const over = p.spareMs !== null && p.spareMs < 0;
  return h(
    "section",
    { class: `card lesson-clock${over ? " over" : ""}${stale ? " stale" : ""}`, "aria-label": "Lesson clock", "data-testid": "lesson-clock" },
    h("h2", {}, "Lesson clock"),
    h("dl", {},
      h("div", {}, h("dt", {}, "Planned lesson"), h("dd", {}, `${x.lessonMinutes} min`)),
      h("div", {}, h("dt", {}, "Time left"), h("dd", { "data-testid": "lesson-left" }, stale ? "—" : p.leftMs >= 0 ? minutes(p.leftMs) : `over by ${minutes(-p.leftMs)}`)),
      h("div", {}, h("dt", {}, "Game ends"),
        h("dd", {}, stale ? "—" : p.gameLeftMs === null ? `untimed (${p.weeksLeft} weeks left)` : p.gameLeftMs === 0 ? "ended" : `in ${minutes(p.gameLeftMs)} (≈ ${clockAt(p.gameLeftMs)}) · ${p.weeksLeft} weeks left`)),
    ),
    stale
      ? h("p", { class: "small" }, "The server is not answering: these figures are paused until it does.")
      : p.spareMs === null
        ? null
        : over
          ? h("p", { class: "small warn", role: "status" }, `At the set stage times the game ends ${minutes(-p.spareMs)} after the lesson. Skip a phase, shorten the stages or stop after an earlier week to keep the debrief.`)
          : h("p", { class: "small muted" }, `${minutes(p.spareMs)} left after the last week for stepping out of role and the debrief.`),
  );
}

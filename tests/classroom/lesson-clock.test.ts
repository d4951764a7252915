// The console's lesson clock (client/src/console/lesson-clock.ts): time left in the planned lesson
// and when the game ends if every table plays its remaining weeks at the set stage times.
import { describe, expect, it } from "vitest";
import { minutes, projectLesson, type LessonInputs } from "../../client/src/console/lesson-clock.ts";

const base = (tables: LessonInputs["tables"], over: Partial<LessonInputs> = {}): LessonInputs => ({
  createdAt: 0, now: 10 * 60_000, lessonMinutes: 50, negotiationSeconds: 180, decisionSeconds: 60, timers: true, tables, ...over,
});
const table = (round: number, stage: string, remainingMs = 0, outcome: string | null = null) => ({ round, rounds: 6, stage, remainingMs, paused: false, outcome });

describe("the lesson clock", () => {
  it("before the start: every week at the set stage times", () => {
    const p = projectLesson(base([table(0, "briefing")]));
    expect(p.leftMs).toBe(40 * 60_000);
    expect(p.gameLeftMs).toBe(6 * 4 * 60_000);
    expect(p.spareMs).toBe(16 * 60_000);
    expect(p.weeksLeft).toBe(6);
  });

  it("follows the slowest table: the rest of its stage, then its later weeks", () => {
    // Week 3 in negotiation with 1 minute left: 1 + 1 (decisions) + 3 later weeks of 4 minutes.
    const slow = table(3, "negotiation", 60_000);
    const fast = table(5, "decisions", 30_000);
    const p = projectLesson(base([fast, slow]));
    expect(p.gameLeftMs).toBe((1 + 1 + 12) * 60_000);
    expect(p.weeksLeft).toBe(4);
  });

  it("warns when the game would run past the bell, and counts an ended table as done", () => {
    const p = projectLesson(base([table(1, "negotiation", 180_000)], { now: 30 * 60_000 }));
    expect(p.spareMs).toBeLessThan(0);
    const ended = projectLesson(base([table(6, "ended", 0, "frozen_line")]));
    expect(ended.gameLeftMs).toBe(0);
    expect(ended.weeksLeft).toBe(0);
  });

  it("untimed stages have no projected end", () => {
    expect(projectLesson(base([table(2, "negotiation")], { timers: false })).gameLeftMs).toBeNull();
  });

  it("writes minutes and seconds, past an hour and below zero", () => {
    expect(minutes(61 * 60_000 + 5_000)).toBe("61:05");
    expect(minutes(-190_000)).toBe("−3:10");
  });
});

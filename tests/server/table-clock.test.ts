// The table clock on the manual scheduler: deadlines, pause, resume, extend, untimed stages.
import { describe, expect, it } from "vitest";
import { ManualScheduler, TableClock } from "../../server/table-clock.ts";

describe("table clock", () => {
  it("fires once at the deadline, and not after a new stage replaces it", () => {
    const s = new ManualScheduler(0);
    let fired = 0;
    const clock = new TableClock(s, () => fired++);
    clock.startStage("negotiation", 1000);
    expect(clock.snapshot()).toEqual({ stage: "negotiation", endsAt: 1000, remainingMs: 1000, paused: false });
    s.advance(999);
    expect(fired).toBe(0);
    clock.startStage("decisions", 500);
    s.advance(499);
    expect(fired).toBe(0);
    s.advance(1);
    expect(fired).toBe(1);
    s.advance(10_000);
    expect(fired).toBe(1);
  });

  it("pause freezes what is left; resume and extend carry on from there", () => {
    const s = new ManualScheduler(0);
    let fired = 0;
    const clock = new TableClock(s, () => fired++);
    clock.startStage("negotiation", 1000);
    s.advance(400);
    clock.pause();
    expect(clock.snapshot()).toEqual({ stage: "negotiation", endsAt: 0, remainingMs: 600, paused: true });
    s.advance(5000);
    expect(fired).toBe(0);
    expect(clock.extend(100)).toBe(true);
    clock.resume();
    expect(clock.snapshot().remainingMs).toBe(700);
    s.advance(699);
    expect(fired).toBe(0);
    s.advance(1);
    expect(fired).toBe(1);
  });

  it("an untimed stage never fires and cannot be extended, but can be paused", () => {
    const s = new ManualScheduler(0);
    let fired = 0;
    const clock = new TableClock(s, () => fired++);
    clock.startStage("negotiation", null);
    expect(clock.extend(10)).toBe(false);
    clock.pause();
    expect(clock.paused).toBe(true);
    clock.resume();
    s.advance(1e9);
    expect(fired).toBe(0);
    expect(clock.snapshot()).toEqual({ stage: "negotiation", endsAt: 0, remainingMs: 0, paused: false });
  });

  it("a throwing timer is contained", () => {
    const s = new ManualScheduler(0);
    let after = false;
    s.setTimeout(() => {
      throw new Error("boom");
    }, 1);
    s.setTimeout(() => (after = true), 2);
    const log = console.error;
    console.error = () => {};
    try {
      expect(() => s.advance(10)).not.toThrow();
    } finally {
      console.error = log;
    }
    expect(after).toBe(true);
  });
});

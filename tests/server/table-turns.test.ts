// Tables' own turns (server/table-turns.ts): bots and deadlines whose timers fall due together take
// their turns one after another, each in a turn of the event loop, so the loop's other work — a
// socket's message, another table's timer — gets in between once the turns have used their budget;
// the order of the turns is kept, a cancelled turn never runs, and a turn that throws does not stop
// the ones after it.
import { describe, expect, it, vi } from "vitest";
import { TableTurns } from "../../server/table-turns.ts";
import { ManualScheduler, realScheduler, TableClock } from "../../server/table-clock.ts";

/** A loop of our own: `defer` queues a callback for the next turn, `turn()` runs the callbacks queued before it. */
function fakeLoop() {
  let next: Array<() => void> = [];
  return {
    defer: (fn: () => void) => void next.push(fn),
    /** Work of the loop's own, queued like anything else (a message arriving). */
    other: (fn: () => void) => void next.push(fn),
    turn() {
      const now = next;
      next = [];
      for (const fn of now) fn();
      return now.length;
    },
  };
}

describe("tables' own turns", () => {
  it("run later, in the order they were queued, never inside the call that queued them", () => {
    const loop = fakeLoop();
    const turns = new TableTurns({ defer: loop.defer, now: () => 0 });
    const ran: string[] = [];
    for (const name of ["israel", "hamas", "qatar"]) turns.enqueue(() => ran.push(name));
    expect(ran).toEqual([]);
    loop.turn();
    // Quick turns (no time passes on this clock) run together within the budget.
    expect(ran).toEqual(["israel", "hamas", "qatar"]);
    expect(turns.waiting).toBe(0);
  });

  it("yield to the loop's other work once a run of turns has used its budget", () => {
    const loop = fakeLoop();
    let clock = 0;
    const turns = new TableTurns({ defer: loop.defer, now: () => clock, budgetMs: 2 });
    const ran: string[] = [];
    // Each bot thinks for 3 ms: more than the budget, so one bot per turn of the loop.
    for (const name of ["israel", "hamas", "qatar"]) turns.enqueue(() => (ran.push(name), (clock += 3)));
    loop.other(() => ran.push("a message"));
    loop.turn();
    expect(ran).toEqual(["israel", "a message"]);
    loop.other(() => ran.push("another message"));
    loop.turn();
    expect(ran).toEqual(["israel", "a message", "hamas", "another message"]);
    loop.turn();
    expect(ran).toEqual(["israel", "a message", "hamas", "another message", "qatar"]);
    expect(loop.turn()).toBe(0);
  });

  it("never run once cancelled, and one that throws does not stop the others", () => {
    const loop = fakeLoop();
    const turns = new TableTurns({ defer: loop.defer, now: () => 0 });
    const ran: string[] = [];
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    turns.enqueue(() => ran.push("israel"));
    turns.enqueue(() => ran.push("hamas")).cancel();
    turns.enqueue(() => {
      throw new Error("a bug in a policy");
    });
    turns.enqueue(() => ran.push("qatar"));
    loop.turn();
    expect(ran).toEqual(["israel", "qatar"]);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it("on real time, run in a later turn of the event loop, not inside the timer that queued them", async () => {
    const ran: string[] = [];
    realScheduler.turn!(() => ran.push("bot"));
    ran.push("still in the same turn");
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(ran).toEqual(["still in the same turn", "bot"]);
  });

  it("hold a stage's deadline until its turn, and a pause meanwhile still stops it", () => {
    const loop = fakeLoop();
    const turns = new TableTurns({ defer: loop.defer, now: () => 0 });
    const scheduler = Object.assign(new ManualScheduler(), { turn: (fn: () => void) => turns.enqueue(fn) });
    let expired = 0;
    const clock = new TableClock(scheduler, () => expired++);
    clock.startStage("negotiation", 60_000);
    scheduler.advance(60_000);
    // Due, and waiting for its turn.
    expect(expired).toBe(0);
    loop.turn();
    expect(expired).toBe(1);

    clock.startStage("decisions", 30_000);
    scheduler.advance(30_000);
    // The facilitator pauses in the moment between the deadline and its turn: the week is not resolved.
    clock.pause();
    loop.turn();
    expect(expired).toBe(1);
    clock.resume();
    scheduler.advance(0);
    loop.turn();
    expect(expired).toBe(2);
  });
});

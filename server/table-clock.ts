// Time for one table: the stage deadline (negotiation, decisions), pause and resume, extensions.
// All waiting goes through a Scheduler so that tests can replace real time with a ManualScheduler
// and move it forward at will; nothing here reads Date.now() or calls setTimeout directly.
import { tableTurns } from "./table-turns.ts";

export interface TimerHandle {
  cancel(): void;
}

/** Where the server's timers come from: real time in production, a manual clock in tests. */
export interface Scheduler {
  now(): number;
  /** Runs `fn` once after `ms`. A throwing callback is logged, never propagated (rooms must not throw). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /**
   * Runs what a table does on its own (a bot's move, a stage's deadline) in a turn of the event
   * loop of its own, after the turns queued before it (server/table-turns.ts). Without it (a manual
   * clock in tests) the turn runs at once.
   */
  turn?(fn: () => void): TimerHandle;
}

/**
 * Runs `fn` after `ms`, in a table turn of its own when the scheduler has turns (else at once when
 * its timer fires). Cancelling stops it until it has run, whether its timer has fired or not.
 */
export function turnAfter(scheduler: Scheduler, ms: number, fn: () => void): TimerHandle {
  let turn: TimerHandle | null = null;
  const timer = scheduler.setTimeout(() => (scheduler.turn ? (turn = scheduler.turn(fn)) : fn()), ms);
  return { cancel: () => (timer.cancel(), turn?.cancel()) };
}

function safely(fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (e) {
      console.error("[table] a timer callback failed:", e);
    }
  };
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(safely(fn), Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
  turn: (fn) => tableTurns.enqueue(fn),
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to: `advance(ms)` runs every timer that falls due, in order. */
export class ManualScheduler implements Scheduler {
  #now: number;
  #seq = 0;
  #queue: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const entry: Pending = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn: safely(fn), cancelled: false };
    this.#queue.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }
  /** Moves time forward by `ms`, running due timers (and timers they set that fall due too). Returns how many ran. */
  advance(ms: number): number {
    const until = this.#now + ms;
    let ran = 0;
    for (;;) {
      this.#queue = this.#queue.filter((e) => !e.cancelled);
      const next = this.#queue.filter((e) => e.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      next.cancelled = true;
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      ran++;
    }
    this.#now = until;
    return ran;
  }
  /** Timers still waiting. */
  get pending(): number {
    return this.#queue.filter((e) => !e.cancelled).length;
  }
}

export interface TimerSnapshot {
  stage: string;
  endsAt: number;
  remainingMs: number;
  paused: boolean;
}

/** The deadline of the current stage. Untimed stages (duration null) can still be paused. */
export class TableClock {
  #scheduler: Scheduler;
  #onExpire: () => void;
  #stage = "";
  #endsAt = 0;
  /** Left on the deadline while paused; null when the stage is untimed. */
  #frozen: number | null = null;
  #timed = false;
  #paused = false;
  #handle: TimerHandle | null = null;

  constructor(scheduler: Scheduler, onExpire: () => void) {
    this.#scheduler = scheduler;
    this.#onExpire = onExpire;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** A new stage begins: its deadline is `durationMs` from now, or none. A pause carries over. */
  startStage(stage: string, durationMs: number | null): void {
    this.#cancel();
    this.#stage = stage;
    this.#timed = durationMs !== null;
    if (durationMs === null) {
      this.#endsAt = 0;
      this.#frozen = null;
    } else if (this.#paused) {
      this.#frozen = durationMs;
    } else {
      this.#arm(durationMs);
    }
  }

  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    if (this.#timed) this.#frozen = Math.max(0, this.#endsAt - this.#scheduler.now());
    this.#cancel();
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#timed) this.#arm(this.#frozen ?? 0);
    this.#frozen = null;
  }

  /** Adds time to a timed stage; false when the stage is untimed. */
  extend(ms: number): boolean {
    if (!this.#timed) return false;
    if (this.#paused) this.#frozen = (this.#frozen ?? 0) + ms;
    else this.#arm(Math.max(0, this.#endsAt - this.#scheduler.now()) + ms);
    return true;
  }

  stop(): void {
    this.#cancel();
    this.#timed = false;
    this.#endsAt = 0;
    this.#frozen = null;
  }

  snapshot(): TimerSnapshot {
    if (!this.#timed) return { stage: this.#stage, endsAt: 0, remainingMs: 0, paused: this.#paused };
    if (this.#paused) return { stage: this.#stage, endsAt: 0, remainingMs: this.#frozen ?? 0, paused: true };
    return { stage: this.#stage, endsAt: this.#endsAt, remainingMs: Math.max(0, this.#endsAt - this.#scheduler.now()), paused: false };
  }

  #arm(ms: number): void {
    this.#cancel();
    this.#endsAt = this.#scheduler.now() + ms;
    // The deadline resolves the week in a turn of its own (server/table-turns.ts): the deadlines of
    // tables begun together fall due together.
    this.#handle = turnAfter(this.#scheduler, ms, () => {
      this.#handle = null;
      this.#onExpire();
    });
  }

  #cancel(): void {
    this.#handle?.cancel();
    this.#handle = null;
  }
}

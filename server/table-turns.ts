// What tables do on their own — a bot's move, a stage's deadline — in turns shared by every table of
// the process. A bot's decision takes about 0.9 ms of CPU at its median and 4.5 ms at its 99th
// percentile, a deadline resolves a week (about 1 ms, up to 4), and such timers fall due together:
// bots at a few hundred tables, or the deadlines of a class's tables begun at the same moment, land
// in the same millisecond. Run from their timers, they ran back to back in one turn of the event
// loop, and every message that arrived meanwhile — a person's offer at another table — waited for
// all of them. Here each timer only queues its turn; the turns run one after another in turns of the
// loop of their own (setImmediate), a few together while they stay within a small budget, so
// sockets are read and other tables answered between them.
//
// What a bot decides does not change: it acts on the table's state when its turn runs, through the
// same intent path, and the turns of one table run in the order their timers fell due (so the
// table's bot randomness is drawn in the same order). Only when they run moves, by a fraction of a
// millisecond. A turn that throws is logged and the queue goes on: rooms never throw.

/** Time a run of turns may take before the loop gets a turn of its own (one turn always runs). */
export const TABLE_TURN_BUDGET_MS = 2;

interface Turn {
  run: () => void;
  cancelled: boolean;
}

export class TableTurns {
  #queue: Turn[] = [];
  #head = 0;
  #scheduled = false;
  #budgetMs: number;
  #now: () => number;
  #defer: (fn: () => void) => void;

  /** `now` and `defer` are the clock and the loop's next turn (tests give their own). */
  constructor(options: { budgetMs?: number; now?: () => number; defer?: (fn: () => void) => void } = {}) {
    this.#budgetMs = options.budgetMs ?? TABLE_TURN_BUDGET_MS;
    this.#now = options.now ?? (() => performance.now());
    this.#defer = options.defer ?? ((fn) => void setImmediate(fn));
  }

  /** Queues a turn; it runs in a later turn of the event loop, after every turn queued before it. */
  enqueue(run: () => void): { cancel(): void } {
    const turn: Turn = { run, cancelled: false };
    this.#queue.push(turn);
    this.#wake();
    return { cancel: () => void (turn.cancelled = true) };
  }

  /** Turns queued and not yet run (cancelled ones included until the queue reaches them). */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  #wake(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#defer(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    const started = this.#now();
    let ran = 0;
    while (this.#head < this.#queue.length) {
      if (ran > 0 && this.#now() - started >= this.#budgetMs) break;
      const turn = this.#queue[this.#head++]!;
      if (turn.cancelled) continue;
      ran++;
      try {
        turn.run();
      } catch (e) {
        console.error("[table] a turn failed:", e);
      }
    }
    // Drop what has run, so the queue does not grow with every turn ever taken.
    if (this.#head >= this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (this.#head < this.#queue.length) this.#wake();
  }
}

/** The process's queue: every table served by real time shares it. */
export const tableTurns = new TableTurns();

// Spectators (people who watch a table without a seat) have their own places, so that however many
// of them come, the six seats and their teams, the facilitator and the projector always get in.
//
// Colyseus counts every client and every pending seat reservation against one `maxClients`, and
// locks the table when that is reached: one address opening a hundred spectator connections used to
// refuse a new player and a seated player coming back. The table room therefore sets no practical
// `maxClients` and counts watchers here instead:
// - at the seat reservation (before any socket connects), a table refuses spectator reservations
//   once its watchers and pending watcher reservations reach WATCHER_RESERVATIONS_PER_TABLE;
// - when the spectator connects, it is refused with a readable message when the table already
//   has WATCHERS_PER_TABLE watchers, or WATCHERS_PER_ADDRESS from the same address.
// A spectator who holds the table's host key (a teacher's projector opened from the console) is
// not a watcher: like the facilitator, it is counted nowhere here.

/** Watchers at one table (the projector and facilitators are not counted). */
export const WATCHERS_PER_TABLE = 30;
/** Watchers at one table from one address. */
export const WATCHERS_PER_ADDRESS = 5;
/** Watchers plus spectator reservations not yet taken up (a burst of reservations that never connect). */
export const WATCHER_RESERVATIONS_PER_TABLE = 2 * WATCHERS_PER_TABLE;

export type WatcherCheck = { ok: true } | { ok: false; message: string };

export class WatcherGate {
  /** Connected (or reconnecting) watchers: session id → address. */
  #watching = new Map<string, string>();
  /** Spectator reservations not yet taken up: session id → when they lapse. */
  #pending = new Map<string, number>();
  #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  /** May a spectator reservation be made? (Counted until it is taken up or lapses after `seconds`.) */
  reserve(sessionId: string, seconds: number): boolean {
    this.#lapse();
    if (this.#watching.size + this.#pending.size >= WATCHER_RESERVATIONS_PER_TABLE) return false;
    this.#pending.set(sessionId, this.#now() + seconds * 1000);
    return true;
  }

  /** A spectator connecting: admitted as a watcher, or told why not. */
  admit(sessionId: string, address: string): WatcherCheck {
    this.#pending.delete(sessionId);
    if (this.#watching.size >= WATCHERS_PER_TABLE)
      return { ok: false, message: `seat: this table already has ${WATCHERS_PER_TABLE} spectators; take a party seat, or try again later` };
    let fromAddress = 0;
    for (const a of this.#watching.values()) if (a === address) fromAddress++;
    if (fromAddress >= WATCHERS_PER_ADDRESS)
      return { ok: false, message: `seat: at most ${WATCHERS_PER_ADDRESS} spectators from one address at a table` };
    this.#watching.set(sessionId, address);
    return { ok: true };
  }

  /** A reservation that was refused after all, or a watcher who has gone. */
  release(sessionId: string): void {
    this.#pending.delete(sessionId);
    this.#watching.delete(sessionId);
  }

  get watchers(): number {
    return this.#watching.size;
  }

  #lapse(): void {
    const now = this.#now();
    for (const [id, until] of this.#pending) if (until <= now) this.#pending.delete(id);
  }
}

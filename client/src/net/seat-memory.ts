// What this browser tab remembers about the table it sits at, so that a reload puts the person
// back in their seat, on the screen they were on, without a click: the seat token the server gave,
// how the table was opened (to offer "play again" the same way), whether the briefing was read,
// which action tab was open and an unsent decision. Kept in sessionStorage: per tab, gone when the
// tab closes, and tiny enough to be read by the title page before anything else loads.
import type { Decision } from "../../../shared/state.ts";
import type { TitleChoice } from "../ui/title-screen.ts";

export interface SeatMemory {
  seatToken: string;
  seat: string;
  name: string;
  hostKey?: string;
  /** How the table was opened (never holds a host key). */
  choice?: TitleChoice;
  briefingDone?: boolean;
  tab?: string;
  /** A decision being composed, for the week it belongs to. */
  draft?: { round: number; decision: Decision };
}

const key = (code: string) => `ceasefire.seat.${code}`;

export function recallSeat(code: string): SeatMemory | null {
  try {
    const raw = sessionStorage.getItem(key(code));
    if (!raw) return null;
    const m = JSON.parse(raw) as Partial<SeatMemory>;
    return typeof m.seatToken === "string" && typeof m.seat === "string" ? ({ name: "", ...m } as SeatMemory) : null;
  } catch {
    return null;
  }
}

/** Merges `patch` into what is remembered for `code` (a seat token must be known first). */
export function rememberSeat(code: string, patch: Partial<SeatMemory>): void {
  try {
    const before = recallSeat(code);
    const next = { ...before, ...patch };
    if (typeof next.seatToken !== "string" || typeof next.seat !== "string") return;
    sessionStorage.setItem(key(code), JSON.stringify(next));
  } catch {
    // Storage unavailable (private mode): a reload then shows the join form instead.
  }
}

export function forgetSeat(code: string): void {
  try {
    sessionStorage.removeItem(key(code));
  } catch {
    // Nothing was saved.
  }
}

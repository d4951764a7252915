// Reading the table's record (shared/record.ts) from a page: a whole list page by page, the earlier
// items of one list put back in front of the view's window, and the weekly history kept whole for
// the charts. The same for an online table and a solo table in the page (both answer `record`).
import type { RoundRecord, TableView } from "../../../shared/index.ts";
import type { RecordKind, RecordQuery } from "../../../shared/record.ts";
import { RECORD_PAGE_MAX } from "../../../shared/record.ts";
import type { RecordResult, ReplyError } from "./session.ts";

export type ReadRecord = (query: RecordQuery) => Promise<RecordResult>;

/** Pages are read one after another; a record longer than this many pages is cut (it cannot be, at the caps). */
const MAX_PAGES = 200;

/** Every item of `kind` the seat may see (of one week, if given), oldest first. */
export async function readWholeList<T>(read: ReadRecord, kind: RecordKind, week?: number): Promise<{ ok: true; items: T[] } | { ok: false; error: ReplyError }> {
  const items: T[] = [];
  let cursor: number | null = 0;
  for (let page = 0; cursor !== null && page < MAX_PAGES; page++) {
    const result: RecordResult = await read({ kind, cursor, limit: RECORD_PAGE_MAX, ...(week !== undefined ? { week } : {}) });
    if (!result.ok) return result;
    items.push(...(result.page.items as T[]));
    cursor = result.page.next;
  }
  return { ok: true, items };
}

/** How an item is known across the record and the window: its id, or (news) none. */
type KeyOf<T> = ((item: T) => number) | null;

/**
 * The earlier items of one list, read on demand ("Earlier weeks") and put back in front of the
 * view's window. Items with ids (messages, offers, commitments) are joined by id, the window's copy
 * winning (it is the fresher); the news, which has none, by place (the feed only grows). When items
 * have left the window since the last read, the next `withEarlier` says so and they are read again.
 */
export class EarlierItems<T> {
  #items: T[] | null = null;
  #loading: Promise<void> | null = null;
  error: string | null = null;
  readonly #read: ReadRecord;
  readonly #kind: RecordKind;
  readonly #key: KeyOf<T>;

  constructor(read: ReadRecord, kind: RecordKind, key: KeyOf<T>) {
    this.#read = read;
    this.#kind = kind;
    this.#key = key;
  }

  /** Whether the earlier items were asked for (and so are shown, and kept up to date). */
  get wanted(): boolean {
    return this.#items !== null || this.#loading !== null;
  }

  get loading(): boolean {
    return this.#loading !== null;
  }

  /** Reads the whole list again; resolves when done (see `error` for a failure). */
  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    this.#loading = readWholeList<T>(this.#read, this.#kind).then((result) => {
      this.#loading = null;
      if (result.ok) {
        this.#items = result.items;
        this.error = null;
      } else this.error = result.error.message;
    });
    return this.#loading;
  }

  /**
   * The whole list: the earlier items read, then the window. `stale` when the read ones no longer
   * reach the window (load again); before any read, the window alone.
   */
  withEarlier(window: readonly T[], leftOut: number): { items: T[]; stale: boolean } {
    const read = this.#items;
    if (read === null || leftOut === 0) return { items: [...window], stale: false };
    const key = this.#key;
    if (key === null) {
      if (read.length < leftOut) return { items: [...read, ...window], stale: true };
      // The feed only grows, so the first `leftOut` read are the ones before the window.
      return { items: [...read.slice(0, leftOut), ...window], stale: false };
    }
    const inWindow = new Set(window.map(key));
    const earlier = read.filter((item) => !inWindow.has(key(item)));
    const items = [...earlier, ...window].sort((a, b) => key(a) - key(b));
    // Fewer than left out: more have left the window since. More: the table was rolled back.
    return { items, stale: earlier.length !== leftOut };
  }
}

/**
 * Keeps a view's weekly history whole: the weeks before the window are read once from the record
 * (a dozen small records) and put back, so charts and digests draw every week. Calls `changed`
 * when a read arrives, for the page to be drawn again.
 */
export class HistoryFill {
  #weeks: RoundRecord[] = [];
  #reading = false;
  #lastTry = -Infinity;
  readonly #read: ReadRecord;
  readonly #changed: () => void;

  constructor(read: ReadRecord, changed: () => void) {
    this.#read = read;
    this.#changed = changed;
  }

  fill(view: TableView): TableView {
    const leftOut = view.recordOnly?.history ?? 0;
    if (leftOut === 0) return view;
    const first = view.history[0]?.round ?? Infinity;
    const earlier = this.#weeks.filter((r) => r.round < first);
    if (earlier.length === leftOut) return { ...view, history: [...earlier, ...view.history], recordOnly: { ...view.recordOnly!, history: 0 } };
    // Not read yet (or a week has since left the window): read it, at most every few seconds.
    const now = Date.now();
    if (!this.#reading && now - this.#lastTry > 3000) {
      this.#reading = true;
      this.#lastTry = now;
      void readWholeList<RoundRecord>(this.#read, "history").then((result) => {
        this.#reading = false;
        if (!result.ok) return;
        this.#weeks = result.items;
        this.#changed();
      });
    }
    return view;
  }
}

// What a table shows "now": the part of a view that is synced to clients, bounded however long the
// game and however busy the talk. The rest stays in the record (shared/record.ts), which a client or
// an agent reads page by page. Each list keeps what a seat acts on first, then the most recent:
//   - offers: every open offer the viewer proposed or must answer (to answer or withdraw it, the
//     seat needs it in front of it, however busy the week: the rules cap open offers at 5 per
//     party, which bounds these), then the newest; when the window is not simply the newest offers,
//     `offerPlaces` gives the number the viewer knows each by (shared/offer-numbers.ts);
//   - commitments: the viewer's own pending ones (the week's decisions honour or break them), the
//     other pending ones, then the newest resolved ones;
//   - messages and news: the newest, as a conversation or a feed is read;
//   - the weekly history: the last weeks (this week's digest compares the last two); pages fill in
//     the earlier weeks for their charts from the record.
// Each list is bounded by an item count and by the UTF-8 bytes of its items' JSON, so the synced
// state has a ceiling whatever the texts hold and however many weeks a scenario has.
// Pure: the same view gives the same window, on the server and in a solo game in the page.
import type { Commitment, GameState, Message, NewsItem, Offer, RoundRecord } from "./state.ts";
import { privatesFor, viewWith, visibilityFor, type TableView } from "./views.ts";
import type { PartyId, Viewer } from "./ids.ts";
import type { Scenario } from "./scenario-schema.ts";
import { itemJsonOf, sameFields } from "./wire-view.ts";
import { offerNumbers } from "./offer-numbers.ts";
import { ObjectMemo } from "./object-memo.ts";

/** The lists a window cuts, and the record serves. */
export const WINDOWED_LISTS = ["news", "offers", "commitments", "messages", "history"] as const;
export type WindowedList = (typeof WINDOWED_LISTS)[number];

/** Per list: at most this many items and this many bytes of JSON in a view's window. */
export const WINDOW_LIMITS: Record<WindowedList, { items: number; bytes: number }> = {
  news: { items: 40, bytes: 5_000 },
  offers: { items: 30, bytes: 8_000 },
  commitments: { items: 40, bytes: 5_000 },
  messages: { items: 40, bytes: 10_000 },
  history: { items: 6, bytes: 7_000 },
};

// What the limits add up to, at most, for the largest joiner: during the game the facilitator
// (the spectators' section with its messages, 10 KB, and its own section, 23 KB of lists and every
// party's secrets), the news (5 KB) and the history (7 KB), about 45 KB of lists; at the end one
// section holding every list (35 KB). The public table, the secrets and the framing add the rest:
// `npm run bench:state` measures the whole under 64 KB. A seat's open offers come on top of the
// offers' limits when they alone exceed them: the rules bound them (5 of its own and 5 from each
// other party, MAX_OPEN_OFFERS), and a seat must see what it is asked to answer.

/** How many items of each list the viewer may see that are only in the record, not in the view. */
export type RecordOnly = Record<WindowedList, number>;

export const NOTHING_IN_RECORD: RecordOnly = Object.freeze({ news: 0, offers: 0, commitments: 0, messages: 0, history: 0 });

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// Messages and news never change once made: each is measured once. An open offer or a pending
// commitment is copied into every new state (the rules may change it; closed ones are shared), so
// a copy equal field by field to the last one measured (found through a part every copy shares:
// an offer's obligations, a commitment's term) has its size; anything else is measured again. The
// last copy seen is kept, so every view of one state finds its copies at once, by identity.
const sizes = new ObjectMemo<object, number>();
const lastCopy = new ObjectMemo<object, { item: object; size: number }>();

// The same JSON the wire carries (made once: shared/wire-view.ts), so a new item is written out once, not twice.
function measure(item: object): number {
  return utf8Bytes(itemJsonOf(item));
}

function sizeOf(item: object): number {
  const shared = (item as { obligations?: object }).obligations ?? (item as { term?: object }).term;
  if (shared) {
    const last = lastCopy.get(shared);
    if (last && last.item === item) return last.size;
    const size = last && sameFields(last.item, item) ? last.size : measure(item);
    // The entry is this table's own: brought up to date in place, not made again for every copy.
    if (last) {
      last.item = item;
      last.size = size;
    } else lastCopy.set(shared, { item, size });
    return size;
  }
  let size = sizes.get(item);
  if (size === undefined) {
    size = measure(item);
    sizes.set(item, size);
  }
  return size;
}

/** Whether the whole list fits the limits (then it is the window, and nothing is copied). */
function fits(list: readonly object[], limit: { items: number; bytes: number }): boolean {
  if (list.length > limit.items) return false;
  let total = 0;
  for (let i = 0; i < list.length; i++) if ((total += sizeOf(list[i]!)) > limit.bytes) return false;
  return true;
}

/** The newest items of `list` that fit the limits, in their order: the tail of the list. */
function tail<T extends object>(list: readonly T[], limit: { items: number; bytes: number }): T[] {
  if (fits(list, limit)) return list as T[];
  let start = list.length;
  let bytes = 0;
  // Walks back from the newest only as far as the window reaches, however long the list.
  while (start > 0 && list.length - start < limit.items) {
    const size = sizeOf(list[start - 1]!);
    if (bytes + size > limit.bytes) break;
    bytes += size;
    start--;
  }
  return list.slice(start);
}

/**
 * The items of `list` kept in a window, in their original order: taken by `group` (lower first),
 * newest first within a group, while they fit the limits; the first that does not fit ends it.
 */
function ranked<T extends object>(list: readonly T[], group: (item: T) => number, limit: { items: number; bytes: number }): T[] {
  if (fits(list, limit)) return list as T[];
  const groups: number[][] = [];
  for (let i = list.length - 1; i >= 0; i--) (groups[group(list[i]!)] ??= []).push(i);
  const chosen: number[] = [];
  let bytes = 0;
  outer: for (let g = 0; g < groups.length; g++) {
    const members = groups[g];
    if (!members) continue;
    for (let m = 0; m < members.length; m++) {
      const i = members[m]!;
      const size = sizeOf(list[i]!);
      if (chosen.length >= limit.items || bytes + size > limit.bytes) break outer;
      chosen.push(i);
      bytes += size;
    }
  }
  chosen.sort((a, b) => a - b);
  return chosen.map((i) => list[i]!);
}

/** Whether `viewer` proposed `offer` or is asked to accept it, and it is still open: a seat acts on it now. */
function openFor(offer: Offer, viewer: string): boolean {
  return offer.status === "open" && (offer.proposer === viewer || offer.recipients.includes(viewer as PartyId));
}

/**
 * The offers kept in `viewer`'s window, in their order: every open offer the viewer proposed or
 * receives, whatever the limits (at most 5 per party by the rules: MAX_OPEN_OFFERS), then the newest
 * of the others while the whole fits the limits.
 */
export function windowOffers(offers: readonly Offer[], viewer: string): Offer[] {
  const limit = WINDOW_LIMITS.offers;
  if (fits(offers, limit)) return offers as Offer[];
  const chosen: number[] = [];
  let bytes = 0;
  for (let i = 0; i < offers.length; i++) {
    if (!openFor(offers[i]!, viewer)) continue;
    chosen.push(i);
    bytes += sizeOf(offers[i]!);
  }
  const open = chosen.length;
  for (let i = offers.length - 1; i >= 0; i--) {
    if (openFor(offers[i]!, viewer)) continue;
    const size = sizeOf(offers[i]!);
    if (chosen.length >= limit.items || bytes + size > limit.bytes) break;
    chosen.push(i);
    bytes += size;
  }
  if (open > 0) chosen.sort((a, b) => a - b);
  else chosen.reverse();
  return chosen.map((i) => offers[i]!);
}

/**
 * The number the viewer knows each offer of `window` by (its place among all the viewer's offers,
 * oldest first), or null when the window is the newest offers alone: then the client numbers them
 * after the ones left to the record.
 */
function placesOf(all: readonly Offer[], window: readonly Offer[]): number[] | null {
  const start = all.length - window.length;
  if (window.every((o, i) => all[start + i] === o)) return null;
  const numbers = offerNumbers(all);
  return window.map((o) => numbers.get(o.id)!);
}

export function windowCommitments(commitments: readonly Commitment[], viewer: string): Commitment[] {
  const group = (c: Commitment) => (c.status !== "pending" ? 2 : c.party === (viewer as PartyId) ? 0 : 1);
  return ranked(commitments, group, WINDOW_LIMITS.commitments);
}

export function windowMessages(messages: readonly Message[]): Message[] {
  return tail(messages, WINDOW_LIMITS.messages);
}

export function windowNews(news: readonly NewsItem[]): NewsItem[] {
  return tail(news, WINDOW_LIMITS.news);
}

export function windowHistory(history: readonly RoundRecord[]): RoundRecord[] {
  return tail(history, WINDOW_LIMITS.history);
}

/**
 * The view as it is synced: each list cut to its window, and `recordOnly` saying how many of the
 * items the viewer may see are left to the record. A view whose lists all fit is returned as it is
 * (without `recordOnly`).
 */
export function windowView(view: TableView): TableView {
  return cut(view);
}

/**
 * The same as windowView(viewFor(scenario, state, viewer)), made without the whole view: the
 * newest offers and messages the viewer may see are taken walking back from the end of the state's
 * lists only as far as the window reaches, and the rest are only counted. A table makes this for
 * every watched seat after every action, so its work follows the window, not the whole record.
 */
export function windowedViewFor(scenario: Scenario, state: GameState, viewer: Viewer): TableView {
  const w = windowsFor(state, viewer);
  // Counted before anything else is made (windowsFor's record is reused by its next call).
  const recordOnly = recordOnlyFor(state, w, null);
  const { news, history } = w;
  const places = w.offers.places;
  const view = viewWith(scenario, state, viewer, { offers: w.offers.items, commitments: w.commitments, messages: w.messages.items });
  if (!recordOnly) return view;
  // The same fields in the same order as a copy of `view` with the windows, then recordOnly (and the
  // offers' places), set on the view just made (no one else holds it yet) rather than copied.
  view.news = news;
  view.history = history;
  view.recordOnly = recordOnly;
  if (places) view.offerPlaces = places;
  return view;
}

/** The viewer's own part of a view: what a seat's section carries (server/state-mirror.ts). */
export type SectionView = Pick<TableView, "viewer" | "offers" | "commitments" | "messages" | "private" | "recordOnly" | "offerPlaces">;

/**
 * The viewer's own part of windowedViewFor's view, field for field, without the public table
 * every viewer shares: the server makes it for every watched seat after every action, and the
 * public part is made once, for the spectators.
 */
export function windowedSectionFor(scenario: Scenario, state: GameState, viewer: Viewer, last?: SectionView): SectionView {
  const w = windowsFor(state, viewer);
  // Read before anything else is made (windowsFor's record is reused by its next call).
  const recordOnly = recordOnlyFor(state, w, last?.viewer === viewer ? (last.recordOnly ?? null) : null);
  const places = recordOnly ? w.offers.places : undefined;
  const offers = w.offers.items;
  const commitments = w.commitments;
  const messages = w.messages.items;
  let secrets = privatesFor(scenario, state, viewer);
  // The same viewer's last section (the server's, after the action before): most actions leave a
  // viewer's windows the same arrays (sameAsLast, messagesWindow), its parties' private views the
  // same objects (shared/views.ts) and its counts left to the record as they were. Then the last
  // section is the section — equal field for field — and whoever wrote it has nothing to write.
  // What is equal is taken from it, so a section that did change shares its unchanged parts.
  if (last && last.viewer === viewer) {
    if (sameSecrets(last.private, secrets)) secrets = last.private;
    if (
      last.offers === offers &&
      last.commitments === commitments &&
      last.messages === messages &&
      last.private === secrets &&
      (last.recordOnly ?? null) === recordOnly &&
      last.offerPlaces === places
    )
      return last;
  }
  const section: SectionView = { viewer, offers, commitments, messages, private: secrets };
  if (recordOnly) {
    section.recordOnly = recordOnly;
    if (places) section.offerPlaces = places;
  }
  return section;
}

/**
 * Whether two viewers' secrets hold the same parties' private views, the same objects (privatesFor
 * always lists the parties in one order, so the same parties means the same JSON).
 */
export function sameSecrets(a: SectionView["private"], b: SectionView["private"]): boolean {
  if (a === b) return true;
  let n = 0;
  for (const party in a) {
    if (a[party as PartyId] !== b[party as PartyId]) return false;
    n++;
  }
  for (const party in b) if (--n < 0 || b[party as PartyId] === undefined) return false;
  return n === 0;
}

interface Windows {
  offers: { items: Offer[]; visible: number; places?: number[] };
  messages: { items: Message[]; visible: number };
  visibleCommitments: number;
  commitments: Commitment[];
  news: NewsItem[];
  history: RoundRecord[];
}

/**
 * Each list's window for `viewer`, and how many of its items the viewer may see in all. Written
 * into one record reused by every call (a table asks for eight viewers' after every action, and
 * each caller reads it at once): valid only until the next call.
 */
function windowsFor(state: GameState, viewer: Viewer): Windows {
  const see = visibilityFor(state, viewer);
  const w = lastWindows;
  // A spectator sees no offer and no commitment before the end: nothing to walk (the public
  // table is made after every action, and the walk found none in the whole record each time).
  if (viewer === "spectator" && !see.all) {
    w.offers = NO_OFFERS;
    w.messages = messagesWindow(state.messages, see.message, viewer);
    w.visibleCommitments = 0;
    w.commitments = NO_COMMITMENTS;
  } else {
    w.offers = sameAsLast(offerWindows, state.offers, viewer, see.all, state.round, cutOffers, state, see, see.offer);
    w.messages = messagesWindow(state.messages, see.all ? null : see.message, viewer);
    const commitments = sameAsLast(commitmentWindows, state.commitments, viewer, see.all, 0, cutCommitments, state, see, see.commitment);
    w.visibleCommitments = commitments.visible;
    w.commitments = commitments.items;
  }
  w.news = once(state.news, windowNews);
  w.history = once(state.history, windowHistory);
  return w;
}

// How a viewer's window of offers and of commitments is cut when the last one cannot serve (sameAsLast).
type Seeing = ReturnType<typeof visibilityFor>;
function cutOffers(state: GameState, see: Seeing, viewer: Viewer): ReturnType<typeof offersWindow> {
  return offersWindow(state, see.all ? null : see.offer, viewer);
}
function cutCommitments(state: GameState, see: Seeing, viewer: Viewer): { items: Commitment[]; visible: number } {
  const visible = state.commitments.filter(see.commitment);
  return { items: windowCommitments(visible, viewer), visible: visible.length };
}

const NO_OFFERS: Windows["offers"] = Object.freeze({ items: Object.freeze([]) as unknown as Offer[], visible: 0 });
const NO_COMMITMENTS = Object.freeze([]) as unknown as Commitment[];
const lastWindows: Windows = { offers: NO_OFFERS, messages: NO_OFFERS as unknown as Windows["messages"], visibleCommitments: 0, commitments: NO_COMMITMENTS, news: [], history: [] };

/** A viewer's last window of a list whose items the rules copy (offers, commitments), and what it was cut from. */
interface CopiedWindow<W> {
  list: readonly object[];
  all: boolean;
  round: number;
  window: W;
}
/** One table's windows of one kind, by viewer, and the last two of its lists compared (see differences). */
interface TableWindows<W> {
  viewers: Map<Viewer, CopiedWindow<W>>;
  compared: { before: readonly object[]; list: readonly object[]; differ: readonly number[] | null } | null;
}
const offerWindows = new ObjectMemo<object, TableWindows<ReturnType<typeof offersWindow>>>();
const commitmentWindows = new ObjectMemo<object, TableWindows<{ items: Commitment[]; visible: number }>>();

/**
 * The viewer's window of `list` as `cut` makes it, or its last one when nothing in it can differ.
 * The rules copy the open offers and the pending commitments into every new state although most
 * actions leave them as they were; the window depends only on the fields of the items the viewer
 * may see (who, status, size), what the viewer may see (`all`) and, for offers, the week. When
 * every item the viewer may see is the one the last window was cut from, or a copy equal to it
 * field by field, at the same place, and anything added since is not the viewer's to see (an offer
 * between two other parties, and its answers), the last window is the window: the same array,
 * holding the earlier copies (equal, and never changed: states are not), and the same count of
 * what the viewer may see. (Who may see an item — its proposer and recipients, its party and
 * counterparties — never changes.) A table's windows are found through its list's first item or
 * the part its copies share. Only the latest list each viewer's window came from is kept, so no
 * earlier state's list outlives its use.
 */
function sameAsLast<W>(
  memo: ObjectMemo<object, TableWindows<W>>,
  list: readonly object[],
  viewer: Viewer,
  all: boolean,
  round: number,
  cut: (state: GameState, see: Seeing, viewer: Viewer) => W,
  state: GameState,
  see: Seeing,
  seen: (item: never) => boolean,
): W {
  const first = list[0];
  if (first === undefined) return cut(state, see, viewer);
  // An open offer's or a pending commitment's copies share its obligations or its term.
  const key = (first as { obligations?: object }).obligations ?? (first as { term?: object }).term ?? first;
  let table = memo.get(key);
  const last = table?.viewers.get(viewer);
  if (last && last.all === all && last.round === round) {
    const differ = differences(table!, last.list, list);
    if (differ !== null && (differ.length === 0 || (!all && unseen(differ, last.list, list, seen as (item: object) => boolean)))) {
      last.list = list;
      return last.window;
    }
  }
  const window = cut(state, see, viewer);
  // The viewer's entry brought up to date in place (it is this table's own), or made the first time.
  if (last) {
    last.list = list;
    last.all = all;
    last.round = round;
    last.window = window;
    return window;
  }
  if (!table) memo.set(key, (table = { viewers: new Map(), compared: null }));
  table.viewers.set(viewer, { list, all, round, window });
  return window;
}

const NOTHING_DIFFERS: readonly number[] = Object.freeze([]);

/**
 * Where `list` differs from `before`: the places whose item is neither the same nor a copy equal to
 * it field by field, and the places added after `before`'s end; null when `list` is shorter (not
 * the same list grown). Every viewer of a table asks it of the same two lists after an action: the
 * answer is kept for the table's last pair only.
 */
function differences(table: TableWindows<unknown>, before: readonly object[], list: readonly object[]): readonly number[] | null {
  if (before === list) return NOTHING_DIFFERS;
  if (list.length < before.length) return null;
  const known = table.compared;
  if (known && known.before === before && known.list === list) return known.differ;
  let differ: number[] | null = null;
  for (let i = 0; i < list.length; i++) if (i >= before.length || (before[i] !== list[i] && !sameFields(before[i]!, list[i]!))) (differ ??= []).push(i);
  table.compared = { before, list, differ: differ ?? NOTHING_DIFFERS };
  return differ ?? NOTHING_DIFFERS;
}

/** Whether the viewer may see none of the items at places `differ`, in `before` or in `list`. */
function unseen(differ: readonly number[], before: readonly object[], list: readonly object[], seen: (item: object) => boolean): boolean {
  for (let k = 0; k < differ.length; k++) {
    const i = differ[k]!;
    if (seen(list[i]!) || (i < before.length && seen(before[i]!))) return false;
  }
  return true;
}

/** How many items the windows leave to the record; null when they leave none; `last` itself when it holds the same counts. */
function recordOnlyFor(state: GameState, w: Windows, last: RecordOnly | null): RecordOnly | null {
  const news = state.news.length - w.news.length;
  const offers = w.offers.visible - w.offers.items.length;
  const commitments = w.visibleCommitments - w.commitments.length;
  const messages = w.messages.visible - w.messages.items.length;
  const history = state.history.length - w.history.length;
  if (news + offers + commitments + messages + history === 0) return null;
  if (last && last.news === news && last.offers === offers && last.commitments === commitments && last.messages === messages && last.history === history) return last;
  return { news, offers, commitments, messages, history };
}

/**
 * The viewer's window of offers, as windowOffers cuts the offers the viewer may see: usually the
 * newest (walking back only as far as the window reaches). In a busy week an open offer the viewer
 * proposed or must answer may be older than the newest that fit: then the whole list is cut, as
 * windowView does, keeping it, and each windowed offer's number comes with the window.
 */
function offersWindow(state: GameState, visible: ((o: Offer) => boolean) | null, viewer: Viewer): { items: Offer[]; visible: number; places?: number[] } {
  const newest = newestVisible(state.offers, visible, WINDOW_LIMITS.offers, viewer);
  if (newest.items.length === newest.visible || !missesOpenOffer(state, newest.items, viewer)) return newest;
  const all = visible ? state.offers.filter(visible) : state.offers;
  const items = windowOffers(all, viewer);
  const places = placesOf(all, items);
  return { items, visible: all.length, ...(places ? { places } : {}) };
}

/**
 * Forgets what the windows of `state`'s table remember from one action to the next (its game has
 * ended: the seats' windows are not made again, and a finished table stays open a while).
 */
export function forgetWindows(state: GameState): void {
  const offer = state.offers[0];
  if (offer) offerWindows.delete(offer.obligations);
  const commitment = state.commitments[0];
  if (commitment) commitmentWindows.delete(commitment.term);
  const message = state.messages[0];
  if (message) messageWindows.delete(message);
}

/** A viewer's last window of a table's messages (found through the table's first message), and the list it was cut from. */
interface MessageWindow {
  list: readonly Message[];
  all: boolean;
  items: Message[];
  visible: number;
  bytes: number;
}
const messageWindows = new ObjectMemo<Message, Map<Viewer, MessageWindow>>();

/**
 * The viewer's window of messages, as newestVisible cuts it, from its last window when there is
 * one. Most actions add no message (the rules' copy then shares the list, shared/apply.ts): the
 * window is the same, the same array. A message action adds one at the end: only the new items
 * are looked at, added to the window if the viewer may see them, and the oldest dropped while the
 * window is over its limits — the longest run of the newest that fits, as walking back gives it.
 */
function messagesWindow(list: readonly Message[], visible: ((m: Message) => boolean) | null, viewer: Viewer): { items: Message[]; visible: number } {
  const limit = WINDOW_LIMITS.messages;
  const first = list[0];
  if (first === undefined) return newestVisible(list, visible, limit, viewer);
  let windows = messageWindows.get(first);
  const last = windows?.get(viewer);
  const all = visible === null;
  let made: MessageWindow | null = null;
  if (last && last.all === all) {
    const known = last.list.length;
    if (last.list === list) return last;
    // Messages only grow at their end: the list extends the last one if it holds its last item where it was.
    if (known > 0 && list.length > known && list[known - 1] === last.list[known - 1]) {
      // The new items the viewer may see (usually one, or none), then how many of the oldest drop
      // out, and only then the one array of the new window, made at its size.
      let bytes = last.bytes;
      let added = 0;
      for (let i = known; i < list.length; i++) {
        const m = list[i]!;
        if (visible && !visible(m)) continue;
        bytes += sizeOf(m);
        added++;
      }
      let items = last.items;
      if (added > 0) {
        const before = last.items;
        const count = before.length + added;
        let drop = 0;
        while (count - drop > limit.items || bytes > limit.bytes) {
          bytes -= sizeOf(drop < before.length ? before[drop]! : newItem(list, known, visible, drop - before.length));
          drop++;
        }
        items = new Array<Message>(count - drop);
        // k: the place in the window's items followed by the new ones. When more new ones came than
        // the window holds (a seat watched again after a busy while), every earlier item drops out
        // and the first new ones too: k then starts past the earlier items, not at `drop`.
        let k = Math.min(drop, before.length);
        for (; k < before.length; k++) items[k - drop] = before[k]!;
        for (let i = known; i < list.length; i++) {
          const m = list[i]!;
          if (visible && !visible(m)) continue;
          if (k >= drop) items[k - drop] = m;
          k++;
        }
      }
      // Nothing new the viewer may see: the same window, now known to be cut from this list too.
      if (added === 0) {
        last.list = list;
        return last;
      }
      made = { list, all, items, visible: last.visible + added, bytes };
    }
  }
  if (!made) {
    const cut = newestVisible(list, visible, limit, viewer);
    let bytes = 0;
    for (let i = 0; i < cut.items.length; i++) bytes += sizeOf(cut.items[i]!);
    made = { list, all, items: cut.items, visible: cut.visible, bytes };
  }
  if (!windows) messageWindows.set(first, (windows = new Map()));
  windows.set(viewer, made);
  return made;
}

/** The `n`th item from `from` on of `list` that the viewer may see (`visible`; null: all). */
function newItem(list: readonly Message[], from: number, visible: ((m: Message) => boolean) | null, n: number): Message {
  for (let i = from; i < list.length; i++) {
    const m = list[i]!;
    if (visible && !visible(m)) continue;
    if (n-- === 0) return m;
  }
  throw new Error("no such message");
}

/**
 * Whether an open offer of the viewer's is older than `window` (the newest the viewer may see).
 * Offers are open only in the week they were made (every unanswered one lapses when its
 * negotiation ends), so only this week's offers are looked at, from the newest back.
 */
function missesOpenOffer(state: GameState, window: readonly Offer[], viewer: Viewer): boolean {
  const first = window[0]?.id ?? Infinity;
  for (let i = state.offers.length - 1; i >= 0; i--) {
    const offer = state.offers[i]!;
    if (offer.round !== state.round) break;
    if (offer.id < first && openFor(offer, viewer)) return true;
  }
  return false;
}

// The news and the history are everyone's: their windows are cut once per list, not once per
// viewer. The rules' copy of a state shares both lists until an action adds to them (apply.ts), so
// the same list, and its window, serve the next states too; a list's window is kept as long as the
// list is.
const cuts = new ObjectMemo<(list: readonly never[]) => unknown[], ObjectMemo<readonly object[], object[]>>();

function once<T extends object>(list: readonly T[], cut: (list: readonly T[]) => T[]): T[] {
  const key = cut as (list: readonly never[]) => unknown[];
  let windows = cuts.get(key);
  if (!windows) cuts.set(key, (windows = new ObjectMemo()));
  let window = windows.get(list) as T[] | undefined;
  if (window === undefined) windows.set(list, (window = cut(list)));
  return window;
}

/**
 * The window of the items of `list` the viewer may see (`visible`; null: all of them), as tail()
 * cuts it from the filtered list, and how many the viewer may see in all.
 *
 * The count does not walk the whole record each time: lists only grow at their end, so how many
 * items up to a given one the viewer may see never changes. It is remembered for the first item
 * past the window (by the item, or the part its copies share, and its place), and the next walk,
 * a few items longer, stops there.
 */
function newestVisible<T extends object>(list: readonly T[], visible: ((item: T) => boolean) | null, limit: { items: number; bytes: number }, viewer: Viewer): { items: T[]; visible: number } {
  const kept: T[] = [];
  let bytes = 0;
  // Past the window from `boundary` down (-1: still filling it); `later`: the visible items after
  // the one being looked at, `afterBoundary`: those after the boundary.
  let boundary = -1;
  let afterBoundary = 0;
  let later = 0;
  let total: number | undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i]!;
    if (boundary >= 0) {
      const known = visibleThrough(item, i, viewer);
      if (known !== undefined) {
        total = later + known;
        break;
      }
    }
    if (visible && !visible(item)) continue;
    if (boundary < 0) {
      const size = kept.length < limit.items ? sizeOf(item) : 0;
      if (kept.length >= limit.items || bytes + size > limit.bytes) {
        boundary = i;
        afterBoundary = later;
        // With every item visible the count is the list's length.
        if (!visible) {
          total = list.length;
          break;
        }
        // The window did not move since the last count (the new items are not the viewer's).
        const known = visibleThrough(item, i, viewer);
        if (known !== undefined) {
          total = later + known;
          break;
        }
      } else {
        bytes += size;
        kept.push(item);
      }
    }
    later++;
  }
  total ??= later;
  if (visible && boundary >= 0) remember(list[boundary]!, boundary, viewer, total - afterBoundary);
  kept.reverse();
  return { items: kept, visible: total };
}

/** Per list item (or the part its copies share): its place, and how many items up to it each viewer may see. */
const countsThrough = new ObjectMemo<object, { index: number; counts: Map<Viewer, number> }>();

const identityOf = (item: object): object => (item as { obligations?: object }).obligations ?? item;

function visibleThrough(item: object, index: number, viewer: Viewer): number | undefined {
  const known = countsThrough.get(identityOf(item));
  return known && known.index === index ? known.counts.get(viewer) : undefined;
}

function remember(item: object, index: number, viewer: Viewer, count: number): void {
  const key = identityOf(item);
  let known = countsThrough.get(key);
  if (!known || known.index !== index) countsThrough.set(key, (known = { index, counts: new Map() }));
  known.counts.set(viewer, count);
}

function cut(view: TableView): TableView {
  const news = windowNews(view.news);
  const offers = windowOffers(view.offers, view.viewer);
  const commitments = windowCommitments(view.commitments, view.viewer);
  const messages = windowMessages(view.messages);
  const history = windowHistory(view.history);
  const recordOnly: RecordOnly = {
    news: view.news.length - news.length,
    offers: view.offers.length - offers.length,
    commitments: view.commitments.length - commitments.length,
    messages: view.messages.length - messages.length,
    history: view.history.length - history.length,
  };
  if (Object.values(recordOnly).every((n) => n === 0)) return view;
  const offerPlaces = placesOf(view.offers, offers);
  return { ...view, news, offers, commitments, messages, history, recordOnly, ...(offerPlaces ? { offerPlaces } : {}) };
}

/** How many of a view's items are only in the record (none for a view that was never cut). */
export function recordOnlyOf(view: Pick<TableView, "recordOnly">): RecordOnly {
  return view.recordOnly ?? NOTHING_IN_RECORD;
}

// How a TableView travels in the synced state (docs/PROTOCOL.md, "Synced state"), and how a client
// puts it back together. A view is cut along what changes together and who may see it:
//   - the base: the public table (tracks, trust, stage, scores…), one JSON string the same for
//     every viewer;
//   - who is ready and who has decided: a small number each (a bit per party), apart from the base
//     because they change alone, one party at a time, far more often than anything in it (a quarter
//     of a table's changes are someone saying they are done): apart, such a change carries a byte
//     to every client, not the whole public table's JSON again;
//   - the news and the round history: public lists that only grow, one JSON string per item;
//   - a section per viewer: the offers, commitments and messages it may see (one JSON string per
//     item) and its secrets (two JSON strings: the part that lasts the whole game, and the part
//     that changes; see LastingSecret).
// Lists of items mean a patch carries only what changed — the new offer, the new message — and not
// the whole view again; the same item's JSON is made once however many viewers see it.
import { PARTY_IDS, type PartyId, type Viewer } from "./ids.ts";
import type { Commitment, Message, NewsItem, Offer, RoundRecord } from "./state.ts";
import type { ObjectiveView, PrivateView, TableView } from "./views.ts";
import { ObjectMemo } from "./object-memo.ts";

/** The part of a view that is the same for every viewer, but for who is ready and who has decided (see PartyBits). */
export type WireBase = Omit<TableView, "news" | "history" | "viewer" | "offers" | "commitments" | "messages" | "private" | "recordOnly" | "offerPlaces" | "ready" | "decided">;

/**
 * A set of parties as one number: bit i is PARTY_IDS[i]. Who is ready and who has decided travel
 * so (`readyBits`, `decidedBits`); read back, the parties come in PARTY_IDS order, as views list them.
 */
export type PartyBits = number;

/** `parties` as PartyBits. */
export function partyBits(parties: readonly PartyId[]): PartyBits {
  let bits = 0;
  for (let i = 0; i < parties.length; i++) {
    const at = PARTY_IDS.indexOf(parties[i]!);
    if (at >= 0) bits |= 1 << at;
  }
  return bits;
}

/** The parties of `bits`, in PARTY_IDS order (unknown bits are ignored). */
export function partiesOf(bits: PartyBits): PartyId[] {
  const parties: PartyId[] = [];
  for (let i = 0; i < PARTY_IDS.length; i++) if (bits & (1 << i)) parties.push(PARTY_IDS[i]!);
  return parties;
}

/** The public table as it travels: its base's JSON, and who is ready and who has decided. */
export interface WirePublic {
  base: string;
  ready: PartyBits;
  decided: PartyBits;
}

/** One viewer's own part of a view, as the server writes it. */
export interface WireSection {
  viewer: Viewer;
  offers: string[];
  commitments: string[];
  messages: string[];
  /** JSON of the lasting part of the viewer's secrets: party → LastingSecret. */
  lastingSecrets: string;
  /** JSON of the changing part of the viewer's secrets: party → ChangingSecret. */
  changingSecrets: string;
  /**
   * JSON of the view's `recordOnly` (how many items are left to the record), with its `offerPlaces`
   * when it has them; "" when nothing is left out.
   */
  inRecord: string;
}

/** A view cut into its wire parts. */
export interface WireView extends WirePublic {
  news: string[];
  history: string[];
  section: WireSection;
}

// Items are immutable once in a state, and a state's items are shared by every view of it (and
// messages, news and history by later states too): each item's JSON is made once.
const itemJson = new ObjectMemo<object, string>();
const jsonOf = (item: object): string => {
  let made = itemJson.get(item);
  if (made === undefined) {
    made = JSON.stringify(item);
    itemJson.set(item, made);
  }
  return made;
};

// An open offer or a pending commitment is copied into every new state (the rules may change it;
// closed ones are shared), so the same offer is a new object after each action although it rarely
// changed. Its JSON is kept from the last copy seen when the two are equal field by field (arrays
// item by item): equal fields mean equal JSON. The last copy is found through a part every copy
// shares and no other item has (an offer's obligations, a commitment's term), so tables never see
// each other's items, and a miss only costs the JSON.stringify it would have cost anyway. The last
// copy seen is kept, so every view of one state finds its copies at once, by identity.
const lastCopy = new ObjectMemo<object, { item: Record<string, unknown>; json: string }>();

/** Whether two plain records hold the same values, field by field (arrays compared item by item). */
export function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) {
    const u = x[key];
    const v = y[key];
    if (u === v) continue;
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
    for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  }
  for (const key in y) if (!(key in x)) return false;
  return true;
}

function copiedJson<T extends object>(sharedPart: (item: T) => object): (item: T) => string {
  return (item) => {
    const key = sharedPart(item);
    const last = lastCopy.get(key);
    if (last && last.item === item) return last.json;
    const fields = item as unknown as Record<string, unknown>;
    const json = last && sameFields(last.item, fields) ? last.json : JSON.stringify(item);
    // The entry is this item's own: brought up to date in place, not made again for every copy.
    if (last) {
      last.item = fields;
      last.json = json;
    } else lastCopy.set(key, { item: fields, json });
    return json;
  };
}
const offerJson = copiedJson<Offer>((o) => o.obligations);
const commitmentJson = copiedJson<Commitment>((c) => c.term);
const baseJson = new ObjectMemo<object, string>();

/**
 * A party's private view travels in two parts (shared/views.ts PrivateView): what never changes
 * during a game — whose it is, its objectives (but whether each is met) and its red lines, most of
 * its JSON (about 890 of a seat's 1,040 characters) — and what does: whether each objective is
 * met, its pressure, leverage, draft, decision. Between them the six parties' private views change
 * about once every three actions (a pressure, a draft, an objective met); apart, each change makes
 * and sends again only the changing part, and the lasting part, written once, stays as it is in
 * the synced state.
 */
export interface LastingSecret {
  party: PartyId;
  objectives: Array<Omit<ObjectiveView, "met">>;
  redLines: PrivateView["redLines"];
}

/** The part of a party's private view that changes during a game; `met[i]` is whether its i-th objective (the lasting part's) holds. */
export interface ChangingSecret {
  met: boolean[];
  pressure: number;
  pressureByWeek: number[];
  leverage: number;
  decision: PrivateView["decision"];
  draft: PrivateView["draft"];
  defaulted: boolean;
}

function lastingOf(view: PrivateView): LastingSecret {
  return { party: view.party, objectives: view.objectives.map((o) => ({ id: o.id, text: o.text, points: o.points })), redLines: view.redLines };
}

function changingOf(view: PrivateView): ChangingSecret {
  const { objectives } = view;
  const met: boolean[] = new Array(objectives.length);
  for (let i = 0; i < objectives.length; i++) met[i] = objectives[i]!.met;
  return { met, pressure: view.pressure, pressureByWeek: view.pressureByWeek, leverage: view.leverage, decision: view.decision, draft: view.draft, defaulted: view.defaulted };
}

/**
 * The JSON of the lasting part of the viewer's secrets: party → LastingSecret, in the order of
 * `secrets`. Made when a section is first written (or a new game begins at the table), not after
 * actions: nothing in it changes during a game (see sameLastingSecrets).
 */
export function lastingSecretsJson(secrets: TableView["private"]): string {
  const lasting: Partial<Record<PartyId, LastingSecret>> = {};
  for (const party in secrets) {
    const part = secrets[party as PartyId];
    if (part !== undefined) lasting[party as PartyId] = lastingOf(part);
  }
  return JSON.stringify(lasting);
}

/**
 * Whether two viewers' secrets have the same lasting parts (so the same lastingSecretsJson): the
 * same parties in the same order, each with the same red lines and the same objectives. Compared
 * field by field, without making either JSON; a party's private view remade after a change of
 * pressure holds the game's same red lines and objectives' texts.
 */
export function sameLastingSecrets(a: TableView["private"], b: TableView["private"]): boolean {
  let n = 0;
  for (const party in b) {
    const y = b[party as PartyId];
    if (y === undefined) continue;
    n++;
    const x = a[party as PartyId];
    if (x === y) continue;
    if (x === undefined || x.party !== y.party || !sameData(x.redLines, y.redLines) || x.objectives.length !== y.objectives.length) return false;
    for (let i = 0; i < y.objectives.length; i++) {
      const o = x.objectives[i]!;
      const p = y.objectives[i]!;
      if (o.id !== p.id || o.text !== p.text || o.points !== p.points) return false;
    }
  }
  // The same parties, in the same order (the order of the JSON's keys).
  let i = 0;
  for (const party in b) if (b[party as PartyId] !== undefined) partyOrder[i++] = party;
  let j = 0;
  for (const party in a) {
    if (a[party as PartyId] === undefined) continue;
    if (j >= n || partyOrder[j] !== party) return false;
    j++;
  }
  return j === n;
}

/** The parties of the secrets compared last, in their order (a list kept, not one made per comparison). */
const partyOrder: string[] = [];

/** The JSON of each party's changing part, made once per private view (shared by the party's seat and the facilitator). */
const changingJson = new ObjectMemo<PrivateView, string>();

function changingJsonOf(part: PrivateView): string {
  let made = changingJson.get(part);
  if (made === undefined) {
    made = JSON.stringify(changingOf(part));
    changingJson.set(part, made);
  }
  return made;
}

/**
 * The JSON of the changing part of the viewer's secrets (party → ChangingSecret), exactly as
 * JSON.stringify writes it, from each party's part: a party's private view is given again while
 * it is unchanged (shared/views.ts), so its JSON is made once and shared by every viewer who sees
 * it (the party's own seat, the facilitator). The whole text is kept too while every part is the
 * same: put together again, the facilitator's (every party's) was a new string after every action,
 * which the mirror then compared character by character with the synced one (copying it flat
 * first); the same string compares at once.
 */
export function changingSecretsJson(secrets: TableView["private"]): string {
  let first: object | undefined;
  let parts = 0;
  for (const party in secrets) {
    const part = secrets[party as keyof typeof secrets];
    if (part === undefined) continue;
    first ??= part;
    parts++;
  }
  if (first === undefined) return "{}";
  const kept = madeSecrets.get(first);
  if (kept) for (const made of kept) if (made.parties.length === parts && sameSecrets(made, secrets)) return made.json;
  let text = "{";
  const parties: string[] = [];
  const made: object[] = [];
  for (const party in secrets) {
    const part = secrets[party as keyof typeof secrets];
    if (part === undefined) continue;
    if (text.length > 1) text += ",";
    text += JSON.stringify(party) + ":" + changingJsonOf(part);
    parties.push(party);
    made.push(part);
  }
  const json = text + "}";
  // A seat's own secrets and the facilitator's may begin with the same part: one text is kept for
  // each set of parties (the last one made), so no earlier text outlives its use.
  const entry = { parties, parts: made, json };
  const list = kept ?? [];
  const same = list.findIndex((e) => e.parties.length === parties.length && e.parties.every((p, i) => p === parties[i]));
  if (same >= 0) list[same] = entry;
  else list.push(entry);
  if (!kept) madeSecrets.set(first, list);
  return json;
}

/** Changing parts' JSON already made, found through their first part: which parties, which parts. */
const madeSecrets = new ObjectMemo<object, Array<{ parties: string[]; parts: object[]; json: string }>>();

function sameSecrets(made: { parties: string[]; parts: object[] }, secrets: TableView["private"]): boolean {
  let i = 0;
  for (const party in secrets) {
    const part = secrets[party as keyof typeof secrets];
    if (part === undefined) continue;
    if (made.parties[i] !== party || made.parts[i] !== part) return false;
    i++;
  }
  return i === made.parts.length;
}

/**
 * The viewer's secrets put back together from their two parts' decoded JSON: each party's private
 * view with its fields in PrivateView's order, as the server's views have them. Throws if the two
 * parts do not name the same parties, or an objective has no answer to whether it is met.
 */
export function joinSecrets(lasting: Partial<Record<PartyId, LastingSecret>>, changing: Partial<Record<PartyId, ChangingSecret>>): TableView["private"] {
  const secrets: TableView["private"] = {};
  let n = 0;
  for (const party in lasting) {
    const l = lasting[party as PartyId]!;
    const c = changing[party as PartyId];
    if (c === undefined || c.met.length !== l.objectives.length) throw new Error(`the secrets' two parts differ for ${party}`);
    secrets[party as PartyId] = {
      party: l.party,
      objectives: l.objectives.map((o, i) => ({ id: o.id, text: o.text, points: o.points, met: c.met[i]! })),
      pressure: c.pressure,
      pressureByWeek: c.pressureByWeek,
      leverage: c.leverage,
      redLines: l.redLines,
      decision: c.decision,
      draft: c.draft,
      defaulted: c.defaulted,
    };
    n++;
  }
  for (const party in changing) if (--n < 0 || lasting[party as PartyId] === undefined) throw new Error(`the secrets' two parts differ for ${party}`);
  return secrets;
}

/**
 * Cuts `view` into its wire parts. Views of one state share their base, news and history. With
 * `memo` (one per table), a base holding the same values as the table's last one keeps its JSON.
 */
export function toWire(view: TableView, memo?: BaseMemo): WireView {
  return {
    base: baseOf(view, memo),
    ready: partyBits(view.ready),
    decided: partyBits(view.decided),
    news: view.news.map(jsonOf),
    history: view.history.map(jsonOf),
    section: toWireSection(view),
  };
}

// The base is made from the state alone (views.ts's cached public view), so one JSON serves every
// view of a state; its `tracks` object is made once per state and shared by those views: the key.
/** The view's public base as toWire writes it (with `memo`, kept while the table's public values are the same). */
export function baseOf(view: TableView, memo?: BaseMemo): string {
  // A table's memo knows its last view, which is the one asked for again: a table asks once per
  // state (the mirror's spectator view), so a note on each state's `tracks` would only be written.
  if (memo) return memo.jsonOf(view);
  let baseText = baseJson.get(view.tracks);
  if (baseText === undefined) {
    baseText = JSON.stringify(baseFields(view));
    baseJson.set(view.tracks, baseText);
  }
  return baseText;
}

/** The view's public base: every field but the viewer's own, the lists that travel item by item, and who is ready or has decided. */
function baseFields(view: TableView): object {
  const { news, history, viewer, offers, commitments, messages, private: secrets, recordOnly, offerPlaces, ready, decided, ...base } = view;
  return base;
}

/** The fields of a view that are not its base (see WireBase). */
const NOT_BASE = new Set(["news", "history", "viewer", "offers", "commitments", "messages", "private", "recordOnly", "offerPlaces", "ready", "decided"]);

/** Whether two views' bases hold the same values in the same order (sameData on their bases, without making them). */
function sameBase(a: object, b: object): boolean {
  const keys = (keysAt[0] ??= []);
  let count = 0;
  for (const k in b) if (!NOT_BASE.has(k)) keys[count++] = k;
  let i = 0;
  for (const k in a) {
    if (NOT_BASE.has(k)) continue;
    if (i >= count || k !== keys[i] || !sameAt((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], 1)) return false;
    i++;
  }
  return i === count;
}

/**
 * A table's last public base and its JSON. Most actions (a message, a statement, an offer and its
 * answer, saying one is done) leave the public base as it was, though every state has its own copy
 * of it; the base's JSON is several kilobytes, made after every action for nothing. A base with the
 * same values, in the same order, has the same JSON, so it is kept.
 */
export class BaseMemo {
  /** The last view whose base was asked for: compared field by field, so no base is cut from either. */
  #view: TableView | null = null;
  #json = "";

  /** The JSON of `view`'s base: the last one's while the two bases hold the same values. */
  jsonOf(view: TableView): string {
    const last = this.#view;
    if (last === null || (last !== view && !sameBase(last, view))) this.#json = JSON.stringify(baseFields(view));
    this.#view = view;
    return this.#json;
  }
}

/** Whether two pieces of plain JSON data are equal, keys in the same order: then JSON.stringify writes the same text for both. */
export function sameData(a: unknown, b: unknown): boolean {
  return sameAt(a, b, 0);
}

// Each depth's keys of `b`, in a list kept from one comparison to the next: the public table is
// compared after every action, and a new list of keys for each of its objects was most of the work.
const keysAt: string[][] = [];

function sameAt(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameAt(a[i], b[i], depth + 1)) return false;
    return true;
  }
  // Plain data has only its own keys, which for…in gives in the order Object.keys (and JSON.stringify) does.
  const keys = (keysAt[depth] ??= []);
  let count = 0;
  for (const k in b) keys[count++] = k;
  let i = 0;
  for (const k in a) {
    if (i >= count || k !== keys[i] || !sameAt((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
    i++;
  }
  return i === count;
}

/** The viewer's own part of `view` only (a seat's section: the base, news and history are everyone's). */
export function toWireSection(view: Pick<TableView, "viewer" | "offers" | "commitments" | "messages" | "private" | "recordOnly" | "offerPlaces">): WireSection {
  return {
    viewer: view.viewer,
    offers: view.offers.map(offerJson),
    commitments: view.commitments.map(commitmentJson),
    messages: view.messages.map(jsonOf),
    lastingSecrets: lastingSecretsJson(view.private),
    changingSecrets: changingSecretsJson(view.private),
    inRecord: inRecordJson(view),
  };
}

/**
 * The JSON of any item of a view's lists, exactly as JSON.stringify writes it, made once for the
 * wire and for measuring its size (shared/view-window.ts): an offer's or a commitment's through
 * its last equal copy, anything else once per item.
 */
export function itemJsonOf(item: object): string {
  if ((item as { obligations?: unknown }).obligations !== undefined) return offerJson(item as Offer);
  if ((item as { term?: unknown }).term !== undefined) return commitmentJson(item as Commitment);
  return jsonOf(item);
}

/**
 * Forgets the JSON kept for `item`: it has left a synced list, and an item that leaves a window
 * does not come back into it (windows keep the newest), so its text would only be held. Asked for
 * again all the same, it is made again, the same text. (An offer's or a commitment's is forgotten
 * only if `item` is its last copy seen.)
 */
export function forgetJsonOf(item: object): void {
  const shared = (item as { obligations?: object }).obligations ?? (item as { term?: object }).term;
  if (shared === undefined) {
    itemJson.delete(item);
    return;
  }
  if (lastCopy.get(shared)?.item === item) lastCopy.delete(shared);
}

/** Each kind of section item's JSON, as toWireSection writes it (for writers that compare item by item). */
export const ITEM_JSON = {
  offer: offerJson,
  commitment: commitmentJson,
  message: jsonOf as (m: Message) => string,
  news: jsonOf as (n: NewsItem) => string,
  history: jsonOf as (r: RoundRecord) => string,
} as const;

/** Whether two views' `inRecord` are the same: the same counts left to the record and the same offers' places. */
export function sameInRecord(a: Pick<TableView, "recordOnly" | "offerPlaces">, b: Pick<TableView, "recordOnly" | "offerPlaces">): boolean {
  return sameData(a.recordOnly, b.recordOnly) && sameData(a.offerPlaces, b.offerPlaces);
}

/** A section's `inRecord`, as toWireSection writes it. */
export function inRecordJson(view: Pick<TableView, "recordOnly" | "offerPlaces">): string {
  const { recordOnly } = view;
  if (!recordOnly) return "";
  let left = false;
  for (const list in recordOnly) if (recordOnly[list as keyof typeof recordOnly] > 0) left = true;
  return left ? JSON.stringify(view.offerPlaces ? { ...recordOnly, offerPlaces: view.offerPlaces } : recordOnly) : "";
}

/** A decoded section as clients hold it (the SDK's arrays, or plain arrays of a JSON snapshot). */
export interface SectionLike {
  viewer?: string;
  offers?: ArrayLike<string>;
  commitments?: ArrayLike<string>;
  messages?: ArrayLike<string>;
  lastingSecrets?: string;
  changingSecrets?: string;
  inRecord?: string;
}

/**
 * Puts views back together from the synced state, parsing only what changed since the last read
 * (a patch about one offer re-reads that offer, not the whole table). One reader per client.
 */
export class WireReader {
  #texts = new Map<string, { raw: string; value: unknown }>();
  /** Who is ready and who has decided, as last read: the bits and their parties. */
  #ready: { bits: PartyBits; parties: PartyId[] } | null = null;
  #decided: { bits: PartyBits; parties: PartyId[] } | null = null;
  /** The public table last put together, and what from. */
  #table: { base: WireBase; ready: PartyId[]; decided: PartyId[]; table: PublicTable } | null = null;
  /** Per list, the texts last read and their values, place for place. */
  #lists = new Map<string, { raws: string[]; values: unknown[] }>();
  #view: { parts: ViewParts; view: TableView } | null = null;
  /** The secrets last put together, and from which texts. */
  #joined: { lasting: string; changing: string; secrets: TableView["private"] } | null = null;

  #parse<T>(key: string, raw: string): T {
    const last = this.#texts.get(key);
    if (last && last.raw === raw) return last.value as T;
    const value = JSON.parse(raw) as T;
    if (last) {
      last.raw = raw;
      last.value = value;
    } else this.#texts.set(key, { raw, value });
    return value;
  }

  /**
   * A list as it was last read is given again, the same array (views are read-only): a patch
   * usually changes one list of a view, and a client reads its view after every patch.
   */
  #list<T>(key: string, synced: ArrayLike<string> | undefined): T[] {
    // The SDK's ArraySchema answers each index through a proxy (a number parsed from the key every
    // time): its items are read from the array behind it, which holds the same values.
    const raws: ArrayLike<string> | undefined = (synced as { items?: readonly string[] } | undefined)?.items ?? synced;
    const n = raws?.length ?? 0;
    const last = this.#lists.get(key);
    const before: readonly string[] = last?.raws ?? [];
    if (last && before.length === n && sameRaws(before, raws)) return last.values as T[];
    const earlier: readonly unknown[] = last?.values ?? [];
    const texts: string[] = new Array(n);
    const values: unknown[] = new Array(n);
    // Items keep their text while they stay in a list, but not always their place: when a full
    // window moves on, its oldest items leave at the front and every other one moves up (and an
    // offer that closes moves among the newest). An item is looked for where it was, then where the
    // list's first item moved it, then by its text: only new text is parsed. While the order holds,
    // an item past the end of the last list is a new one or one of those that left the front. (Two
    // items of the same text, as two identical news lines may be, can then be one read-only value.)
    const shift = n > 0 && before.length > 0 && before[0] !== raws![0] ? placeOf(before, raws![0]!) : 0;
    let byText: Map<string, number> | null = null;
    for (let i = 0; i < n; i++) {
      const raw = raws![i]!;
      let at = i + shift;
      if (at >= before.length || before[at] !== raw) {
        if (at < before.length) byText ??= placesByText(before);
        at = byText ? (byText.get(raw) ?? -1) : placeBefore(before, shift, raw);
      }
      texts[i] = raw;
      values[i] = at >= 0 ? earlier[at] : JSON.parse(raw);
    }
    this.#lists.set(key, { raws: texts, values });
    return values as T[];
  }

  /**
   * The public table: the base with who is ready and who has decided. Given again, the same object,
   * while none of them changed; a change of one gives the others' parts as they were.
   */
  #publicTable(wire: PublicLike): PublicTable {
    const base = this.#parse<WireBase>("base", wire.base!);
    const readyBits = wire.ready ?? 0;
    const decidedBits = wire.decided ?? 0;
    if (this.#ready?.bits !== readyBits) this.#ready = { bits: readyBits, parties: partiesOf(readyBits) };
    if (this.#decided?.bits !== decidedBits) this.#decided = { bits: decidedBits, parties: partiesOf(decidedBits) };
    const ready = this.#ready.parties;
    const decided = this.#decided.parties;
    const last = this.#table;
    if (last && last.base === base && last.ready === ready && last.decided === decided) return last.table;
    // (Who is ready and who has decided come after the base's fields: no reader depends on the order.)
    const table: PublicTable = { ...base, ready, decided };
    this.#table = { base, ready, decided, table };
    return table;
  }

  /**
   * The viewer's secrets from their two parts' texts (joinSecrets): the same object while neither
   * text changed. A change of the changing part alone parses that part only; the lasting part's
   * values (the objectives' texts, the red lines) are the ones read before.
   */
  #secrets(lasting: string, changing: string): TableView["private"] {
    const last = this.#joined;
    if (last && last.lasting === lasting && last.changing === changing) return last.secrets;
    // A section not yet made (or none, for a spectator) has no secrets: both texts empty or "{}".
    const secrets =
      lasting && changing
        ? joinSecrets(this.#parse<Partial<Record<PartyId, LastingSecret>>>("lastingSecrets", lasting), this.#parse<Partial<Record<PartyId, ChangingSecret>>>("changingSecrets", changing))
        : {};
    this.#joined = { lasting, changing, secrets };
    return secrets;
  }

  /** A section's `inRecord`: the counts left to the record, and the offers' places if the window has them. */
  #inRecord(raw: string): Pick<TableView, "recordOnly" | "offerPlaces"> {
    const last = this.#texts.get("inRecord");
    if (last && last.raw === raw) return last.value as Pick<TableView, "recordOnly" | "offerPlaces">;
    const { offerPlaces, ...recordOnly } = JSON.parse(raw) as NonNullable<TableView["recordOnly"]> & { offerPlaces?: number[] };
    const value = { recordOnly, ...(offerPlaces ? { offerPlaces } : {}) };
    this.#texts.set("inRecord", { raw, value });
    return value;
  }

  /**
   * The TableView from the public table (its base, who is ready and who has decided), news and
   * history, and the viewer's section (or none yet: then the public table with nothing private, as
   * viewer "spectator"); once the game has ended, from the spectators' section `open`, which then
   * holds everything. Null if the base has not arrived or something cannot be read.
   */
  read(
    wire: PublicLike | undefined,
    news: ArrayLike<string> | undefined,
    history: ArrayLike<string> | undefined,
    section: SectionLike | undefined,
    open?: SectionLike,
    viewer?: Viewer,
  ): TableView | null {
    if (!wire?.base) return null;
    try {
      const table = this.#publicTable(wire);
      const own = section?.viewer ? section : undefined;
      // After the end every view shows everything, and only the spectators' section carries it.
      const ended = table.stage === "ended" && open?.viewer !== undefined && open.viewer !== "";
      const made = ended ? open : own;
      const parts: ViewParts = [
        table,
        this.#list<NewsItem>("news", news),
        this.#list<RoundRecord>("history", history),
        (own?.viewer ?? (ended && viewer ? viewer : "spectator")) as Viewer,
        this.#list<Offer>("offers", made?.offers),
        this.#list<Commitment>("commitments", made?.commitments),
        this.#list<Message>("messages", made?.messages),
        made?.lastingSecrets ?? "",
        made?.changingSecrets ?? "",
        made?.inRecord ?? "",
      ];
      // Read again with nothing of the view changed (a client looks after its reply too, and a
      // patch may touch only the seats or the clock): the same view, not another copy of it.
      const last = this.#view;
      if (last && sameParts(last.parts, parts)) return last.view;
      const [, newsItems, historyItems, viewerName, offers, commitments, messages, lasting, changing, inRecord] = parts;
      const view: TableView = {
        ...table,
        news: newsItems,
        history: historyItems,
        viewer: viewerName,
        offers,
        commitments,
        messages,
        private: this.#secrets(lasting, changing),
        ...(inRecord ? this.#inRecord(inRecord) : {}),
      };
      this.#view = { parts, view };
      return view;
    } catch {
      return null;
    }
  }
}

/** The public table as a client receives it (SDK state or a JSON snapshot of it): `base` is absent until it arrives. */
export type PublicLike = Partial<WirePublic>;

/** The public table put back together: the base, who is ready and who has decided. */
type PublicTable = WireBase & Pick<TableView, "ready" | "decided">;

/** What a view is made of, as read: the public table, its lists, its viewer, and the texts of its secrets' two parts and of its `inRecord`. */
type ViewParts = [PublicTable, NewsItem[], RoundRecord[], Viewer, Offer[], Commitment[], Message[], string, string, string];

function sameParts(a: ViewParts, b: ViewParts): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where `raw` was in the last list read (0 if it was not there): how far the window moved on. */
function placeOf(texts: readonly string[], raw: string): number {
  for (let i = 1; i < texts.length; i++) if (texts[i] === raw) return i;
  return 0;
}

/** Where `raw` was among the first `end` texts of the last list read (-1 if not there). */
function placeBefore(texts: readonly string[], end: number, raw: string): number {
  for (let i = 0; i < end; i++) if (texts[i] === raw) return i;
  return -1;
}

/** The last list's places by their text. */
function placesByText(texts: readonly string[]): Map<string, number> {
  const places = new Map<string, number>();
  for (let i = 0; i < texts.length; i++) places.set(texts[i]!, i);
  return places;
}

function sameRaws(texts: readonly string[], raws: ArrayLike<string> | undefined): boolean {
  for (let i = 0; i < texts.length; i++) if (texts[i] !== raws![i]) return false;
  return true;
}

/** The decoded synced state, as far as views are concerned (SDK state or a JSON snapshot of it). */
export interface WireStateLike {
  public?: string;
  readyBits?: PartyBits;
  decidedBits?: PartyBits;
  news?: ArrayLike<string>;
  history?: ArrayLike<string>;
  open?: SectionLike;
  facilitator?: { view?: SectionLike };
  seats?: { get(party: string): { view?: SectionLike } | undefined } | Record<string, { view?: SectionLike } | undefined>;
}

/** The section a viewer's client receives in `state` (undefined before it arrives). */
export function sectionOf(state: WireStateLike, viewer: Viewer): SectionLike | undefined {
  if (viewer === "facilitator") return state.facilitator?.view;
  if (viewer === "spectator") return state.open;
  const seats = state.seats;
  if (!seats) return undefined;
  const seat = typeof (seats as { get?: unknown }).get === "function" ? (seats as { get(p: string): { view?: SectionLike } | undefined }).get(viewer) : (seats as Record<string, { view?: SectionLike } | undefined>)[viewer];
  return seat?.view;
}

/** One-off read of `viewer`'s view from a decoded state (a reader per client is cheaper for repeated reads). */
export function readView(state: WireStateLike, viewer: Viewer, reader = new WireReader()): TableView | null {
  return reader.read({ base: state.public, ready: state.readyBits, decided: state.decidedBits }, state.news, state.history, sectionOf(state, viewer), state.open, viewer);
}

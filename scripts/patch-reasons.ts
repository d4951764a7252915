// Why each viewer receives a patch: plays a few tables of six bot clients (as the load test's
// clients play, examples/external-bot.ts) against a server in this process, and after every change
// of a table's synced state lists which fields changed, so which seats' views changed, by the kind
// of message that made it (an intent's or a command's type; "other" for joins, leaves and timers).
//
//   node scripts/patch-reasons.ts [--tables 4] [--think 30] [--seconds 20] [--port 2731] [--timed] [--json]
//
// The tables are untimed, as the load test's are, unless --timed (a classroom's tables are timed).
// A field of the shared part (the public table, news, history, the seats, the clock, the
// announcement) changes every client's view; a seat's section changes only that seat's, and the
// spectators' section only spectators' (everyone's once the game has ended, which these tables
// seldom reach: server/open-readers.ts). It prints, per kind: how many changes, how many of the five other seats' views changed on
// average (each is one patch), and which fields changed how often (the public table broken down by
// its top-level keys, secrets by party and key), and how much of the public table's JSON, which
// travels whole whenever any of it changes, was sent again, and of the secrets' JSON (each of its
// two fields travels whole when it changes). A look at the traffic, not a benchmark.
import { startServer } from "../server/app.ts";
import { StateMirror } from "../server/state-mirror.ts";
import { TableSession } from "../server/table-session.ts";
import { Client, type Room } from "@colyseus/sdk";
import { chooseIntent, type Memory } from "../examples/external-bot.ts";
import { readView, WireReader } from "../shared/wire-view.ts";
import type { PartyId } from "../shared/ids.ts";
import type { Reply, Welcome } from "../shared/protocol.ts";
import type { SectionSchema, TableState } from "../server/table-schema.ts";
import { parseFlags } from "./cli-args.ts";

const given = parseFlags(process.argv.slice(2), { tables: "number", think: "number", seconds: "number", port: "number", json: "boolean", timed: "boolean" });
const flags = { tables: given.tables ?? 4, think: given.think ?? 30, seconds: given.seconds ?? 20, port: given.port ?? 2731, json: given.json ?? false, timed: given.timed ?? false };
const SEATS = ["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The message being answered, if any: its kind and its sender's seat. */
let answering: { kind: string; party: string } | null = null;
const session = TableSession.prototype as unknown as { message(client: unknown, type: string, raw: unknown): unknown; seats: { get(id: string): { role: string } | undefined } };
const message = session.message;
session.message = function (this: typeof session, client: { sessionId: string }, type: string, raw: unknown) {
  const r = raw as { intent?: { type?: string }; command?: { type?: string } } | null;
  const kind = `${type}:${r?.intent?.type ?? r?.command?.type ?? "?"}`;
  answering = { kind, party: this.seats.get(client.sessionId)?.role ?? "?" };
  try {
    return message.call(this, client, type, raw);
  } finally {
    answering = null;
  }
};

type Snapshot = Map<string, string>;
/** The public table's whole text: kept to measure, not compared (its parts are). */
const PUBLIC_TEXT = "\u0000public";
/** A section's secrets' fields, and each one's whole text (kept to measure what is sent again, as the public table's). */
const SECRETS_FIELDS = ["lastingSecrets", "changingSecrets"] as const;
const SECRETS_TEXT = "\u0000secrets:";

/** Every synced field as text, keyed by its path (a section's JSON strings broken into their parts). */
function snapshot(state: TableState): Snapshot {
  const out: Snapshot = new Map();
  const json = (prefix: string, text: string, depth: number) => {
    if (!text) return out.set(prefix, text);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return out.set(prefix, text);
    }
    const walk = (p: string, v: unknown, d: number) => {
      if (d > 0 && v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(`${p}.${k}`, x, d - 1);
      else out.set(p, JSON.stringify(v));
    };
    walk(prefix, value, depth);
  };
  json("public", state.public, 1);
  out.set(PUBLIC_TEXT, state.public);
  // Who is ready and who has decided travel apart from the public table's JSON (a bit per party).
  out.set("readyBits", String(state.readyBits));
  out.set("decidedBits", String(state.decidedBits));
  out.set("news", state.news.join("\n"));
  out.set("history", state.history.join("\n"));
  const section = (prefix: string, s: SectionSchema | undefined) => {
    if (!s) return;
    out.set(`${prefix}.offers`, s.offers.join("\n"));
    out.set(`${prefix}.commitments`, s.commitments.join("\n"));
    out.set(`${prefix}.messages`, s.messages.join("\n"));
    for (const field of SECRETS_FIELDS) {
      json(`${prefix}.${field}`, s[field], 2);
      out.set(`${SECRETS_TEXT}${prefix}.${field}`, s[field]);
    }
    out.set(`${prefix}.inRecord`, s.inRecord);
  };
  section("section[spectator]", state.open);
  state.seats.forEach((seat, party) => {
    out.set(`seat.names`, (out.get("seat.names") ?? "") + party + seat.names.join(","));
    out.set(`seat.connected`, (out.get("seat.connected") ?? "") + party + seat.connected);
    out.set(`seat.bot`, (out.get("seat.bot") ?? "") + party + seat.bot);
    out.set(`seat.submittedBy`, (out.get("seat.submittedBy") ?? "") + party + seat.submittedBy);
    section(`section[${party}]`, seat.view);
  });
  section("section[facilitator]", state.facilitator?.view);
  for (const k of ["stage", "endsAt", "remainingMs", "paused"] as const) out.set(`timer.${k}`, String(state.timer[k]));
  out.set("announcement", state.announcement);
  return out;
}

interface Tally {
  changes: number;
  /** Changes whose shared part changed (every client's view). */
  shared: number;
  /** Other seats whose view changed, summed over changes. */
  othersChanged: number;
  /** Other seats whose view changed only through a field of their own section. */
  othersBySection: number;
  fields: Map<string, number>;
  /** Characters of the public table's JSON sent again, summed over the changes that changed it (each client receives it whole). */
  publicChars: number;
  /** Characters of secrets' JSON sent again, summed over every section whose secrets changed (a changed field travels whole to its section's clients). */
  secretsChars: number;
}
const tallies = new Map<string, Tally>();

function tally(kind: string, party: string, before: Snapshot, after: Snapshot): void {
  const changed: string[] = [];
  let secretsChars = 0;
  for (const [k, v] of after) {
    if (k.startsWith(SECRETS_TEXT)) {
      if (before.get(k) !== v) secretsChars += v.length;
    } else if (k !== PUBLIC_TEXT && before.get(k) !== v) changed.push(k);
  }
  for (const k of before.keys()) if (!after.has(k)) changed.push(k);
  if (changed.length === 0) return;
  const t = tallies.get(kind) ?? { changes: 0, shared: 0, othersChanged: 0, othersBySection: 0, fields: new Map(), publicChars: 0, secretsChars: 0 };
  tallies.set(kind, t);
  t.changes++;
  t.secretsChars += secretsChars;
  const sharedChanged = changed.some((k) => !k.startsWith("section["));
  if (before.get(PUBLIC_TEXT) !== after.get(PUBLIC_TEXT)) t.publicChars += after.get(PUBLIC_TEXT)!.length;
  if (sharedChanged) t.shared++;
  for (const seat of SEATS) {
    if (seat === party) continue;
    const own = changed.some((k) => k.startsWith(`section[${seat}]`));
    if (sharedChanged || own) t.othersChanged++;
    if (!sharedChanged && own) t.othersBySection++;
  }
  // Fields named by what they are, not whose section: the sender's own, another seat's.
  for (const k of changed) {
    const m = /^section\[([a-z_]+)\]\.(.*)$/.exec(k);
    let name = k;
    if (m) {
      const who = m[1] === party ? "sender's section" : m[1] === "facilitator" ? "facilitator's section" : m[1] === "spectator" ? "spectators' section" : "another seat's section";
      const rest = m[2]!.replace(/^([a-zA-Z]*ecrets)\.([a-z_]+)\./, (_, field: string, owner: string) => `${field}.${owner === m[1] ? "own" : "other party"}.`);
      name = `${who}: ${rest}`;
    }
    t.fields.set(name, (t.fields.get(name) ?? 0) + 1);
  }
}

// Every write of a table's synced state goes through StateMirror.update and the function it
// returns (the other viewers' sections, written later): the change is read when both are done.
const mirror = StateMirror.prototype as unknown as { update(this: StateMirror, input: unknown, first?: string): () => void };
const update = mirror.update;
mirror.update = function (this: StateMirror, input: unknown, first?: string) {
  const who = answering ?? { kind: "other", party: "" };
  const before = snapshot(this.state);
  const rest = update.call(this, input, first);
  if (first === undefined) {
    tally(who.kind, who.party, before, snapshot(this.state));
    return rest;
  }
  return () => {
    rest();
    tally(who.kind, who.party, before, snapshot(this.state));
  };
};

async function playTable(sdk: Client, until: () => boolean): Promise<void> {
  const rooms: Room[] = [];
  let hostKey = "";
  const seatAt = (room: Room, seat: PartyId) => {
    rooms.push(room);
    const reader = new WireReader();
    const memory: Memory = { skipOffers: new Set(), noProposalRound: -1 };
    const replies = new Map<string, (r: Reply) => void>();
    let welcome = false;
    let busy = false;
    let n = 0;
    room.onMessage("welcome", (w: Welcome) => {
      welcome = true;
      hostKey = w.hostKey ?? hostKey;
    });
    room.onMessage("reply", (r: Reply) => replies.get(r.requestId)?.(r));
    room.onMessage("*", () => {});
    const act = async () => {
      if (busy || !welcome || until()) return;
      const view = room.state ? readView(room.state, seat, reader) : null;
      if (!view || view.viewer !== seat || view.stage === "ended") return;
      const intent = chooseIntent(view, seat, room.state.seats.get(seat).submittedBy !== "", memory);
      if (!intent) return;
      busy = true;
      await sleep(flags.think * (0.5 + Math.random()));
      const requestId = `${seat}-${++n}`;
      const reply = await new Promise<Reply>((resolve) => {
        replies.set(requestId, resolve);
        room.send("intent", { requestId, intent });
      });
      replies.delete(requestId);
      if (!reply.ok) {
        if (intent.type === "propose") memory.noProposalRound = view.round;
        if (intent.type === "accept" || intent.type === "reject") memory.skipOffers.add(intent.offerId);
      }
      busy = false;
      setImmediate(act);
    };
    room.onStateChange(() => {
      if (!busy) setImmediate(act);
    });
  };
  const host = await sdk.create("table", { name: "Host", seat: SEATS[0], timers: flags.timed, rounds: 6, botsFillEmptySeats: false });
  seatAt(host, SEATS[0]);
  for (const seat of SEATS.slice(1)) seatAt(await sdk.joinById(host.roomId, { name: `Bot-${seat}`, seat }), seat);
  while (!hostKey) await sleep(5);
  host.send("command", { requestId: "begin", hostKey, command: { type: "begin" } });
  while (!until()) await sleep(100);
  await Promise.all(rooms.map((r) => r.leave(true).catch(() => {})));
}

const running = await startServer(flags.port, { clientDist: null, store: null }, "127.0.0.1");
const sdk = new Client(`ws://127.0.0.1:${running.port}`);
const endAt = Date.now() + flags.seconds * 1000;
await Promise.all(Array.from({ length: flags.tables }, () => playTable(sdk, () => Date.now() > endAt)));
await running.close();

const rows = [...tallies.entries()].sort((a, b) => b[1].changes - a[1].changes);
if (flags.json) {
  console.log(JSON.stringify(Object.fromEntries(rows.map(([k, t]) => [k, { ...t, fields: Object.fromEntries(t.fields) }]))));
} else {
  for (const [kind, t] of rows) {
    console.log(`${kind}: ${t.changes} changes; the shared part changed in ${t.shared}; other seats' views changed ${(t.othersChanged / t.changes).toFixed(2)} per change (${(t.othersBySection / t.changes).toFixed(2)} through their own section alone); the public table's JSON sent again ${Math.round(t.publicChars / t.changes)} characters per change; secrets' JSON sent again ${Math.round(t.secretsChars / t.changes)} characters per change (summed over sections)`);
    for (const [f, n] of [...t.fields.entries()].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)}  ${f}`);
  }
}
process.exit(0);

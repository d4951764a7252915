// A minimal external negotiating agent: it joins a table over the network with @colyseus/sdk, like
// any client, and plays a whole game through the open protocol (docs/PROTOCOL.md). Copy it and
// change `chooseIntent` to write your own agent.
//
//   node examples/external-bot.ts --create                      # a solo table: you vs five server bots
//   node examples/external-bot.ts --code K7PQ2X --seat israel   # join a table someone created
//   options: --url ws://localhost:2567  --name Agent  --seat any|<party>  --rounds 6  --minutes 30
//            --student-token T   (a classroom session's table: the token from joining the session)
//
// It reads only its own seat's view (what a person in the seat would see) and asks shared/ what is
// legal (stateFromView, then checkIntentOn on that state); the server is still the judge and answers every intent. The
// synced view holds the table's "now"; earlier weeks are read from the table's record, page by page
// (`record` messages): each week the agent looks back at who took up its offers the week before,
// and at the end it reads the whole record of the game.
import { Client, type Room } from "@colyseus/sdk";
import { readView, WireReader } from "../shared/wire-view.ts";
import { installFlatStringDecoder } from "../shared/wire-strings.ts";
import { PARTY_IDS, type PartyId } from "../shared/ids.ts";
import type { PartyIntentInput } from "../shared/actions.ts";
import type { TableView } from "../shared/views.ts";
import { defaultScenario } from "../shared/scenario.ts";
import { candidateTerms } from "../shared/policies/index.ts";
import { checkIntentOn, stateFromView } from "../shared/view-state.ts";
import { MESSAGE, type RecordReply, type Reply, type Welcome } from "../shared/protocol.ts";
import type { RecordKind } from "../shared/record.ts";
import type { Offer } from "../shared/state.ts";

const scenario = defaultScenario();

export interface AgentOptions {
  url: string;
  name: string;
  /** Join this table; without it, create a solo table. */
  code?: string;
  seat?: string;
  /** At a classroom session's table: the student token the session gave (`Assignment.studentToken`). */
  studentToken?: string;
  rounds?: number;
  /** Give up after this long (a bound, so a stuck table never hangs the agent). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface AgentResult {
  code: string;
  seat: PartyId;
  outcome: string | null;
  score: number | null;
  intents: number;
  refused: number;
  /** At the end, per list: items read from the record, items in the synced window, and how many the window said were left out. */
  record: Record<"news" | "offers" | "messages", { read: number; window: number; leftOut: number }>;
  /** Record pages read over the game. */
  pages: number;
}

/** What the agent remembers between moves: what the server refused, so it does not ask again. */
export interface Memory {
  skipOffers: Set<number>;
  noProposalRound: number;
  /** Parties that accepted one of our offers last week (read from the record): asked first. */
  partners?: PartyId[];
}

/** What to do next, from the seat's view: answer offers, make one offer a week, say done, decide. */
export function chooseIntent(view: TableView, me: PartyId, submitted: boolean, memory: Memory): PartyIntentInput | null {
  if (view.stage === "negotiation") {
    // Accept a package if it gives us at least as many terms as it asks of us.
    const awaiting = view.offers.find((o) => o.status === "open" && o.recipients.includes(me) && !o.acceptedBy.includes(me) && !memory.skipOffers.has(o.id));
    if (awaiting) {
      const asked = awaiting.obligations.filter((o) => o.party === me).length;
      const given = awaiting.obligations.length - asked;
      return given >= asked ? { type: "accept", offerId: awaiting.id } : { type: "reject", offerId: awaiting.id, reason: "too one-sided for us" };
    }
    const proposed = view.offers.some((o) => o.round === view.round && o.proposer === me);
    if (!proposed && !view.ready.includes(me) && memory.noProposalRound !== view.round) {
      // One give-for-want offer to a partner that changes with the week, checked against the rules:
      // the view made into a state once, then asked both questions (which terms, is the offer legal).
      const state = stateFromView(view);
      const others = PARTY_IDS.filter((p) => p !== me);
      // Someone who took up our offer last week first; otherwise a partner that changes with the week.
      const partners = memory.partners ?? [];
      const partner = partners[view.round % Math.max(1, partners.length)] ?? others[view.round % others.length]!;
      const give = candidateTerms(scenario, state, me)[0];
      const want = candidateTerms(scenario, state, partner)[0];
      if (give && want) {
        const offer: PartyIntentInput = { type: "propose", to: [partner], obligations: [{ party: me, term: give }, { party: partner, term: want }], note: "one for one" };
        if (checkIntentOn(scenario, state, me, offer) === null) return offer;
      }
    }
    return view.ready.includes(me) ? null : { type: "ready" };
  }
  // Keep every promise, no unilateral move: the default decision, handed in once.
  if (view.stage === "decisions" && !submitted) return { type: "decide", decision: {} };
  return null;
}

export async function runAgent(options: AgentOptions): Promise<AgentResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  // The views are JSON text: decoded flat, they take a fraction of the memory (see the module).
  installFlatStringDecoder();
  const client = new Client(options.url);
  const joinOptions = { name: options.name, seat: options.seat ?? "any", ...(options.studentToken ? { studentToken: options.studentToken } : {}) };
  const room: Room = options.code
    ? await client.joinById(options.code, joinOptions)
    : await client.create("table", { ...joinOptions, solo: true, rounds: options.rounds ?? 6 });

  let welcome: Welcome | null = null;
  const pending = new Map<string, (reply: Reply) => void>();
  let intents = 0;
  let refused = 0;
  let busy = false;
  let next = 0;
  const memory: Memory = { skipOffers: new Set(), noProposalRound: -1, partners: [] };
  let pages = 0;
  let lookedBack = 0;

  room.onMessage(MESSAGE.welcome, (w: Welcome) => {
    welcome = w;
    log(`joined table ${w.code} as ${w.seat}`);
  });
  const waiting = new Map<string, (reply: RecordReply) => void>();
  room.onMessage(MESSAGE.reply, (reply: Reply | RecordReply) => {
    pending.get(reply.requestId)?.(reply as Reply);
    waiting.get(reply.requestId)?.(reply as RecordReply);
  });

  const send = (intent: PartyIntentInput) =>
    new Promise<Reply>((resolve) => {
      const requestId = `${options.name}-${++next}`;
      pending.set(requestId, (reply) => {
        pending.delete(requestId);
        resolve(reply);
      });
      room.send(MESSAGE.intent, { requestId, intent });
    });

  /** Every item of `kind` our seat may see (of one week, if given), read page by page from the record. */
  const readRecord = async <T>(kind: RecordKind, week?: number): Promise<T[]> => {
    const items: T[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const requestId = `${options.name}-${++next}`;
      const reply = await new Promise<RecordReply>((resolve) => {
        waiting.set(requestId, (r) => {
          waiting.delete(requestId);
          resolve(r);
        });
        room.send(MESSAGE.record, { requestId, kind, cursor, limit: 20, ...(week !== undefined ? { week } : {}) });
      });
      if (!reply.ok) throw new Error(`record: ${reply.error.code} ${reply.error.message}`);
      pages++;
      items.push(...(reply.page.items as T[]));
      cursor = reply.page.next;
    }
    return items;
  };

  /** Looks back at last week in the record: who accepted an offer of ours. */
  const lookBack = async (me: PartyId, week: number) => {
    const offers = await readRecord<Offer>("offers", week);
    memory.partners = [...new Set(offers.filter((o) => o.proposer === me && o.status === "accepted").flatMap((o) => o.recipients))];
    if (memory.partners.length) log(`week ${week + 1}: asking ${memory.partners.join(", ")} first (they accepted last week)`);
  };

  return new Promise<AgentResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the game did not finish in time")), options.timeoutMs ?? 30 * 60_000);
    let done = false;
    const finish = async (view: TableView, me: PartyId) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const score = view.scores?.[me]?.total ?? null;
      log(`game over: ${view.outcome}; our score ${score}`);
      // The synced view holds the last weeks; the whole game is in the record.
      const record = {} as AgentResult["record"];
      try {
        for (const kind of ["news", "offers", "messages"] as const) {
          const read = await readRecord<unknown>(kind);
          record[kind] = { read: read.length, window: view[kind].length, leftOut: view.recordOnly?.[kind] ?? 0 };
        }
        log(`the record: ${record.news.read} news items, ${record.offers.read} offers, ${record.messages.read} messages`);
      } catch (e) {
        log(`could not read the record: ${e instanceof Error ? e.message : String(e)}`);
      }
      void room.leave(true).finally(() => resolve({ code: room.roomId, seat: me, outcome: view.outcome, score, intents, refused, record, pages }));
    };
    const reader = new WireReader();
    // One intent at a time; look again after each reply and after each state change.
    const act = async () => {
      if (busy || done || !welcome) return;
      const me = welcome.seat as PartyId;
      // Our seat's own view (its section), rebuilt from the parts a patch changed.
      const view = room.state ? readView(room.state, me, reader) : null;
      if (!view || view.viewer !== me) return;
      if (view.stage === "ended") return void finish(view, me);
      if (view.round > 1 && lookedBack < view.round - 1) {
        lookedBack = view.round - 1;
        busy = true;
        await lookBack(me, view.round - 1).catch((e: unknown) => log(`could not look back: ${e instanceof Error ? e.message : String(e)}`));
        busy = false;
      }
      const intent = chooseIntent(view, me, room.state.seats.get(me).submittedBy !== "", memory);
      if (!intent) return;
      busy = true;
      const reply = await send(intent);
      intents++;
      if (!reply.ok) {
        refused++;
        log(`refused ${intent.type}: ${reply.error.code} ${reply.error.message}`);
        // Do not ask again for what was refused: move on to the next thing instead.
        if (intent.type === "propose") memory.noProposalRound = view.round;
        if (intent.type === "accept" || intent.type === "reject") memory.skipOffers.add(intent.offerId);
      }
      busy = false;
      setTimeout(act, 0);
    };
    room.onStateChange(() => setTimeout(act, 0));
    room.onLeave((code: number) => {
      if (done) return;
      clearTimeout(timer);
      reject(new Error(`left the table (code ${code})`));
    });
  });
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? (args[i + 1] ?? "") : undefined;
  };
  const result = await runAgent({
    url: flag("url") ?? "ws://localhost:2567",
    name: flag("name") ?? "Agent",
    ...(args.includes("--create") ? {} : { code: flag("code") }),
    seat: flag("seat") ?? "any",
    ...(flag("student-token") ? { studentToken: flag("student-token") } : {}),
    rounds: Number(flag("rounds") ?? 6),
    timeoutMs: Number(flag("minutes") ?? 30) * 60_000,
  });
  console.log(JSON.stringify(result));
  process.exit(0);
}

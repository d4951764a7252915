// npm run bot-talk -- --games N --seed S [--json]
// How bots talk, measured on seeded bot games: each week one seat (in turn) plays a person who writes
// to every other seat — the menu's "what would you accept for…" about each term either side can give,
// and a few free-text messages — then offers every package a bot named. Prints messages sent and
// answered, packages named, offered and accepted, the promises of named packages the bots then kept in
// their decisions, public statements per bot and week, and how long
// deciding a reply takes (figures of this machine).
import { PARTY_IDS, TERM_KINDS, apply, createGame, defaultDecision, defaultScenario, viewFor, type GameState, type PartyId } from "../shared/index.ts";
import { botPolicy, tablePersonas } from "../shared/bots/index.ts";
import { nextTalk } from "../shared/bots/talk.ts";
import { askPriceText } from "../shared/bots/talk-intents.ts";
import { packageInReply } from "../shared/bots/quote-reading.ts";
import { namedPromises } from "../shared/bots/named-promises.ts";
import { parseFlags, runSize } from "./cli-args.ts";

const flags = parseFlags(process.argv.slice(2), { games: "number", seed: "number", json: "boolean" });
const { games, seed } = runSize(flags, 20);
const scenario = defaultScenario();
const FREE_TEXT = ["Hello", "What do you want from us?", "What are your red lines?", "You broke your promise", "Thank you", "The weather is fine"];

const tally = { sent: 0, answered: 0, named: 0, offered: 0, accepted: 0, promisesNamed: 0, promisesKept: 0, statements: 0, botWeeks: 0, maxStatements: 0 };
const replyMs: number[] = [];

for (let g = 0; g < games; g++) {
  const gameSeed = seed + g;
  const personas = tablePersonas(gameSeed);
  const policies = Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed: gameSeed })]));
  const created = createGame(scenario, { seed: gameSeed });
  if (!created.ok) throw new Error(created.error.message);
  let s: GameState = created.value;
  const act = (action: unknown): boolean => {
    const next = apply(scenario, s, action);
    if (next.ok) s = next.value;
    return next.ok;
  };
  /** Everything `bot` has to say now, as the server would send it one message at a time. */
  const talk = (bot: PartyId) => {
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const said = nextTalk(scenario, viewFor(scenario, s, bot), bot, personas[bot]);
      replyMs.push(performance.now() - started);
      if (!said || !act({ ...said.intent, by: bot })) return;
    }
  };
  act({ type: "begin", by: "system" });
  for (let guard = 0; s.stage !== "ended" && guard < 200; guard++) {
    if (s.stage === "negotiation") {
      const person = PARTY_IDS[s.round % PARTY_IDS.length]!;
      for (const bot of PARTY_IDS) {
        if (bot === person) continue;
        const kinds = TERM_KINDS.filter((k) => scenario.terms[k].givers.some((p) => p === bot || p === person));
        const texts = [...kinds.slice(0, 5).map((k) => askPriceText(scenario, k)), FREE_TEXT[(s.round + PARTY_IDS.indexOf(bot)) % FREE_TEXT.length]!];
        for (const text of texts) {
          if (!act({ type: "message", by: person, to: bot, text })) continue;
          tally.sent++;
          const before = s.messages.length;
          talk(bot);
          const reply = s.messages.slice(before).find((m) => m.from === bot && m.to === person);
          if (!reply) continue;
          tally.answered++;
          const obligations = packageInReply(scenario, reply);
          if (!obligations) continue;
          tally.named++;
          if (!act({ type: "propose", by: person, to: [bot], obligations, note: "" })) continue;
          tally.offered++;
          const offerId = s.offers.at(-1)!.id;
          for (let i = 0; i < 3 && s.offers.find((o) => o.id === offerId)!.status === "open"; i++)
            act({ ...policies[bot]!.negotiate({ scenario, state: s, party: bot, random: undefined as never }), by: bot });
          if (s.offers.find((o) => o.id === offerId)!.status === "accepted") tally.accepted++;
        }
      }
      // The bots' own week: talk first, as at the server, then negotiate.
      for (let turn = 0; turn < 3 && s.stage === "negotiation"; turn++)
        for (const p of PARTY_IDS) {
          if (s.stage !== "negotiation") break;
          talk(p);
          if (!s.parties[p].ready && s.stage === "negotiation") act({ ...policies[p]!.negotiate({ scenario, state: s, party: p, random: undefined as never }), by: p });
        }
      for (const p of PARTY_IDS) if (s.stage === "negotiation" && !s.parties[p].ready) act({ type: "ready", by: p });
    } else if (s.stage === "decisions") {
      for (const p of PARTY_IDS) {
        if (s.stage !== "decisions" || s.parties[p].decision !== null) continue;
        const decision = policies[p]!.decide({ scenario, state: s, party: p, random: undefined as never });
        // What the bot said it would do in a package it named, against what it decides.
        const named = namedPromises(viewFor(scenario, s, p), p);
        tally.promisesNamed += named.size;
        tally.promisesKept += [...named].filter((id) => !decision.breaks.includes(id)).length;
        if (!act({ type: "decide", by: p, decision })) act({ type: "decide", by: p, decision: defaultDecision() });
      }
    } else act({ type: "advance", by: "system" });
  }
  const perBotWeek = new Map<string, number>();
  for (const m of s.messages) if (m.to === "all") perBotWeek.set(`${m.from}:${m.round}`, (perBotWeek.get(`${m.from}:${m.round}`) ?? 0) + 1);
  tally.statements += [...perBotWeek.values()].reduce((a, b) => a + b, 0);
  tally.botWeeks += PARTY_IDS.length * s.round;
  tally.maxStatements = Math.max(tally.maxStatements, ...perBotWeek.values(), 0);
}

replyMs.sort((a, b) => a - b);
const pick = (q: number) => replyMs[Math.min(replyMs.length - 1, Math.floor(q * replyMs.length))] ?? 0;
const result = {
  games,
  seed,
  ...tally,
  statementsPerBotWeek: Math.round((1000 * tally.statements) / Math.max(1, tally.botWeeks)) / 1000,
  replyMs: { p50: Math.round(pick(0.5) * 100) / 100, p99: Math.round(pick(0.99) * 100) / 100, max: Math.round(pick(1) * 100) / 100 },
};
if (flags.json) process.stdout.write(JSON.stringify(result) + "\n");
else
  process.stdout.write(
    [
      `Bot talk: ${games} games (seeds ${seed}–${seed + games - 1}), normal bots, one seat a week writing as a person`,
      `  private messages sent ${tally.sent}, answered ${tally.answered} (${((100 * tally.answered) / Math.max(1, tally.sent)).toFixed(1)}%)`,
      `  packages named ${tally.named}, offered as named ${tally.offered}, accepted ${tally.accepted} (${((100 * tally.accepted) / Math.max(1, tally.offered)).toFixed(1)}%)`,
      `  promises of named packages due ${tally.promisesNamed}, kept in the bot's decision ${tally.promisesKept}`,
      `  public statements ${tally.statements}: ${result.statementsPerBotWeek} per bot and week, at most ${tally.maxStatements} by one bot in a week`,
      `  deciding what to say: p50 ${result.replyMs.p50} ms, p99 ${result.replyMs.p99} ms, max ${result.replyMs.max} ms`,
    ].join("\n") + "\n",
  );

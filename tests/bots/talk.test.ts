// Bots talk: they answer private messages from what they really want and would accept, name a
// package for a term and accept it when it is offered, keep their public statements few, and all of
// it is ordinary logged actions that replay to the same state.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, TERM_KINDS, apply, createGame, defaultScenario, playGame, replay, viewFor, type GameState, type PartyId, type Policy } from "../../shared/index.ts";
import { botPolicy, tablePersonas, type Difficulty, type Persona } from "../../shared/bots/index.ts";
import { askPriceText, recogniseTalk } from "../../shared/bots/talk-intents.ts";
import { MAX_REPLIES_PER_PARTNER, MAX_STATEMENTS_PER_WEEK, nextTalk, statementsDue, willAnswer } from "../../shared/bots/talk.ts";
import { quoteFor, quoteObligations } from "../../shared/bots/talk-quote.ts";
import { packageInReply } from "../../shared/bots/quote-reading.ts";
import { NAMED_PACKAGE_NOTE, keepNamedPromises, namedPromises } from "../../shared/bots/named-promises.ts";

const scenario = defaultScenario();

function begun(seed: number): GameState {
  const created = createGame(scenario, { seed });
  if (!created.ok) throw new Error(created.error.message);
  const s = apply(scenario, created.value, { type: "begin", by: "system" });
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

function must(s: GameState, action: unknown): GameState {
  const next = apply(scenario, s, action);
  if (!next.ok) throw new Error(`${JSON.stringify(action)}: ${next.error.message}`);
  return next.value;
}

/** The bot's turn at talking, as the server takes it: its reply goes through apply like any action. */
function botTalks(s: GameState, bot: PartyId, persona: Persona): { state: GameState; text: string | null; to: PartyId | "all" | null } {
  const talk = nextTalk(scenario, viewFor(scenario, s, bot), bot, persona);
  if (!talk) return { state: s, text: null, to: null };
  return { state: must(s, { ...talk.intent, by: bot }), text: talk.intent.text, to: talk.intent.type === "message" ? talk.intent.to : "all" };
}

describe("understanding a message", () => {
  it("reads the menu's question back as the very term, for every term of the catalogue", () => {
    for (const kind of TERM_KINDS) expect(recogniseTalk(scenario, askPriceText(scenario, kind))).toEqual({ kind: "ask_price", term: kind });
  });

  it("recognises the small set of intents a person writes, and nothing more", () => {
    const cases: Array<[string, string, string?]> = [
      ["What would you accept for opening the crossings?", "ask_price", "open_crossings"],
      ["will you release detainees", "ask_price", "release_detainees"],
      ["What would you accept for 1,950 detainees?", "ask_price", "release_detainees"],
      ["How about the hostages?", "ask_price", "release_hostages"],
      ["What do you want from us?", "ask_wants"],
      ["What are your red lines?", "ask_red_lines"],
      ["You broke your promise on the crossings", "complaint"],
      ["Accept this or else.", "threat"],
      ["Thank you for keeping your word", "thanks"],
      ["Hello there", "greeting"],
      ["Why did you reject our offer on the crossings?", "ask_about_offer"],
      ["What do you think of our package?", "ask_about_offer"],
      ["The sea is calm tonight", "other"],
    ];
    for (const [text, kind, term] of cases) {
      const intent = recogniseTalk(scenario, text);
      expect(intent.kind, text).toBe(kind);
      if (term) expect(intent, text).toMatchObject({ kind, term });
    }
    expect(recogniseTalk(scenario, "What would you accept for 1,950 detainees?")).toEqual({ kind: "ask_price", term: "release_detainees", amount: 1950 });
    expect(recogniseTalk(scenario, "How about 10 hostages in week 2?")).toEqual({ kind: "ask_price", term: "release_hostages", amount: 10 });
  });
});

describe("private replies", () => {
  it("a private message to a bot gets one reply, to the sender only, grounded in its position", () => {
    let s = begun(3);
    expect(willAnswer(s, "israel", "hamas")).toBe(true);
    s = must(s, { type: "message", by: "hamas", to: "israel", text: "What are your red lines?" });
    const r = botTalks(s, "israel", "pragmatist");
    expect(r.to).toBe("hamas");
    // Israel's red line on withdrawal binds at the start (no hostage is home yet), and it says so.
    expect(r.text).toContain(scenario.parties.israel.redLines[0]!.text);
    // Answered: nothing more to say to Hamas until Hamas writes again.
    const after = nextTalk(scenario, viewFor(scenario, r.state, "israel"), "israel", "pragmatist");
    expect(after?.intent.type === "message" && after.intent.to === "hamas").toBe(false);
    expect(viewFor(scenario, r.state, "qatar").messages.some((m) => m.from === "israel" && m.to === "hamas")).toBe(false);
  });

  it("says what it wants from its own valuation, and answers anything else honestly", () => {
    let s = begun(5);
    s = must(s, { type: "message", by: "hamas", to: "israel", text: "what do you want?" });
    const wants = botTalks(s, "israel", "hardliner");
    // Israel's first wish from Hamas is hostages or remains, as its objectives and valuation rank them.
    expect(wants.text).toMatch(/hostage/);
    s = must(wants.state, { type: "message", by: "hamas", to: "israel", text: "lovely weather" });
    expect(botTalks(s, "israel", "hardliner").text).toMatch(/We read every message/);
  });

  it("promises nothing in words except the package it names, which it accepts", () => {
    const texts = ["hello", "what do you want?", "red lines?", "you broke your word", "or else", "thanks", "???", "What would you accept for the crossings?"];
    for (const seed of [1, 2]) {
      const personas = tablePersonas(seed);
      for (const bot of PARTY_IDS) {
        let s = begun(seed);
        for (const text of texts) {
          const asker = PARTY_IDS[(PARTY_IDS.indexOf(bot) + 1) % PARTY_IDS.length]!;
          s = must(s, { type: "message", by: asker, to: bot, text });
          const r = botTalks(s, bot, personas[bot]);
          s = r.state;
          expect(r.text, `${bot} answers "${text}"`).not.toBeNull();
          // The one commitment in words is the named package ("…we accept it"), tested below.
          expect((r.text ?? "").replace(/we accept it/, "")).not.toMatch(/\bwe (will|shall|promise|guarantee)\b/i);
        }
      }
    }
  });

  it("asked why it turned an offer down, it gives the reason it wrote on that offer; asked before answering, it says the offer is before it", () => {
    let s = begun(4);
    // Israel asks Hamas for every living hostage for a few more trucks: Hamas turns it down.
    s = must(s, { type: "propose", by: "israel", to: ["hamas"], obligations: [{ party: "israel", term: { kind: "open_crossings", amount: 400 } }, { party: "hamas", term: { kind: "release_hostages", amount: 20 } }] });
    const offerId = s.offers.at(-1)!.id;
    s = must(s, { type: "message", by: "israel", to: "hamas", text: "What do you think of our offer?" });
    const early = botTalks(s, "hamas", "pragmatist");
    expect(early.text).toBe(`Your offer #${offerId} is before us. Our answer, with its reasons, comes with our next move at the table.`);
    s = early.state;
    const policy = botPolicy({ party: "hamas", persona: "pragmatist", difficulty: "normal", seed: 4 });
    for (let i = 0; i < 5 && s.offers.find((o) => o.id === offerId)!.status === "open"; i++)
      s = must(s, { ...policy.negotiate({ scenario, state: s, party: "hamas", random: undefined as never }), by: "hamas" });
    const offer = s.offers.find((o) => o.id === offerId)!;
    expect(offer.status).not.toBe("open");
    const reason = offer.notes.find((n) => n.party === "hamas")!.text;
    s = must(s, { type: "message", by: "israel", to: "hamas", text: "Why did you reject it?" });
    const why = botTalks(s, "hamas", "pragmatist");
    expect(why.to).toBe("israel");
    expect(why.text).toBe(`About your offer #${offerId}, our answer was: ${reason}`);
    // Qatar made no offer to Hamas: nothing to explain, and it says so.
    s = must(why.state, { type: "message", by: "qatar", to: "hamas", text: "Why did you turn down our proposal?" });
    expect(botTalks(s, "hamas", "pragmatist").text).toMatch(/^We have no offer of yours to answer/);
  });

  it("a question asked again gets its answer in other words, and a package named again is still read as that package", () => {
    const personas = tablePersonas(6);
    for (const bot of PARTY_IDS) {
      const asker = PARTY_IDS[(PARTY_IDS.indexOf(bot) + 2) % PARTY_IDS.length]!;
      let s = begun(6);
      const replies: string[] = [];
      for (const text of ["hello", "hi", "hello again", "what do you want?", "what do you want from us?", "thanks", "thank you", "lovely weather", "nice day"]) {
        s = must(s, { type: "message", by: asker, to: bot, text });
        const r = botTalks(s, bot, personas[bot]);
        replies.push(r.text!);
        s = r.state;
      }
      expect(new Set(replies).size, `${bot}: ${replies.join(" | ")}`).toBe(replies.length);
    }
    // A quote asked for twice: the second reply says so and still carries the same package.
    let s = begun(3);
    const named: Array<ReturnType<typeof packageInReply>> = [];
    for (let i = 0; i < 2; i++) {
      s = must(s, { type: "message", by: "hamas", to: "israel", text: askPriceText(scenario, "release_hostages") });
      const r = botTalks(s, "israel", "pragmatist");
      s = r.state;
      named.push(packageInReply(scenario, s.messages.at(-1)!));
    }
    expect(s.messages.at(-1)!.text).toMatch(/^As we said earlier this week, and it still holds: If you /);
    expect(named[0]).not.toBeNull();
    expect(named[1]).toEqual(named[0]);
  });

  it(`answers one partner at most ${MAX_REPLIES_PER_PARTNER} times a week, and says so through willAnswer`, () => {
    let s = begun(2);
    let replies = 0;
    for (let i = 0; i < MAX_REPLIES_PER_PARTNER + 3; i++) {
      s = must(s, { type: "message", by: "qatar", to: "turkiye", text: `hello ${i}` });
      const r = botTalks(s, "turkiye", "dealmaker");
      if (r.to === "qatar") replies++;
      s = r.state;
    }
    expect(replies).toBe(MAX_REPLIES_PER_PARTNER);
    expect(willAnswer(s, "turkiye", "qatar")).toBe(false);
    expect(willAnswer(s, "turkiye", "israel")).toBe(true);
  });
});

/** A table bots have played for a few weeks, at the start of a later week's negotiation (a prefix of its log). */
function tableAfter(seed: number, weeks: number, difficulty: Difficulty): GameState | null {
  const personas = tablePersonas(seed);
  const policies = Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty, seed })])) as Record<PartyId, Policy>;
  const played = playGame(scenario, { seed, rounds: 6 }, policies);
  if (!played.ok) return null;
  const created = createGame(scenario, { seed, rounds: 6 });
  if (!created.ok) return null;
  let s = created.value;
  for (const action of played.value.log.actions) {
    if (s.round === weeks + 1 && s.stage === "negotiation") return s;
    s = must(s, action);
  }
  return null;
}

describe("what would you accept for X?", () => {
  it("ask, then offer exactly the package named: the bot accepts it, for every term, difficulty and several seats", () => {
    let quoted = 0;
    for (const seed of [1, 4]) {
      for (const difficulty of ["easy", "normal", "hard"] as Difficulty[]) {
        const personas = tablePersonas(seed);
        const start = begun(seed);
        for (const [asker, bot] of [["hamas", "israel"], ["israel", "hamas"], ["mediators", "board_of_peace"], ["qatar", "mediators"]] as Array<[PartyId, PartyId]>) {
          const policy = botPolicy({ party: bot, persona: personas[bot], difficulty, seed });
          for (const kind of TERM_KINDS) {
            let s = must(start, { type: "message", by: asker, to: bot, text: askPriceText(scenario, kind) });
            const reply = botTalks(s, bot, personas[bot]);
            s = reply.state;
            const q = quoteFor(scenario, viewFor(scenario, s, bot), bot, personas[bot], asker, kind);
            // A package is named in words exactly when the bot says it accepts it.
            expect(/we accept it/.test(reply.text ?? ""), reply.text ?? "").toBe(q.ok);
            if (!q.ok) continue;
            // The page reads the package back out of the reply (its "Offer this package" button).
            const read = packageInReply(scenario, s.messages.at(-1)!);
            expect(read).toEqual(quoteObligations(q.quote));
            s = must(s, { type: "propose", by: asker, to: [bot], obligations: read });
            const offerId = s.offers.at(-1)!.id;
            // The bot's own answer, through its ordinary policy (the path the server and simulator use).
            const move = policy.negotiate({ scenario, state: s, party: bot, random: undefined as never });
            expect(move, `${bot} on ${kind} for ${asker}, seed ${seed}, ${difficulty}`).toMatchObject({ type: "accept", offerId });
            expect(apply(scenario, s, { ...move, by: bot }).ok).toBe(true);
            quoted++;
          }
        }
      }
    }
    expect(quoted).toBeGreaterThan(50);
  });

  it("a question naming an amount gets a package with that amount, accepted when offered", () => {
    const seed = 3;
    const persona = tablePersonas(seed).israel;
    let s = must(begun(seed), { type: "message", by: "hamas", to: "israel", text: "What would you accept for 10 living hostages?" });
    const reply = botTalks(s, "israel", persona);
    expect(reply.text).toMatch(/release 10 living hostages/);
    s = reply.state;
    const q = quoteFor(scenario, viewFor(scenario, s, "israel"), "israel", persona, "hamas", "release_hostages", 10);
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    s = must(s, { type: "propose", by: "hamas", to: ["israel"], obligations: quoteObligations(q.quote) });
    const move = botPolicy({ party: "israel", persona, difficulty: "normal", seed }).negotiate({ scenario, state: s, party: "israel", random: undefined as never });
    expect(move).toMatchObject({ type: "accept", offerId: s.offers.at(-1)!.id });
    // An amount the rules do not allow is refused in words, with the rules' reason.
    s = must(s, { type: "message", by: "hamas", to: "israel", text: "What would you accept for 25 hostages?" });
    expect(botTalks(s, "israel", persona).text).toMatch(/cannot name a package with that amount/);
  });

  it("what it says it would do in a named package, its decision then does, on a sample of seeds", () => {
    let promises = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const personas = tablePersonas(seed);
      let s = begun(seed);
      const pairs: Array<[PartyId, PartyId]> = [["hamas", "israel"], ["israel", "hamas"], ["board_of_peace", "mediators"], ["mediators", "qatar"]];
      for (const [asker, bot] of pairs) {
        const policy = botPolicy({ party: bot, persona: personas[bot], difficulty: "normal", seed });
        for (const kind of TERM_KINDS) {
          const asked = apply(scenario, s, { type: "message", by: asker, to: bot, text: askPriceText(scenario, kind) });
          if (!asked.ok) break;
          const replied = botTalks(asked.value, bot, personas[bot]);
          const read = replied.text ? packageInReply(scenario, replied.state.messages.at(-1)!) : null;
          if (!read) continue;
          const offered = apply(scenario, replied.state, { type: "propose", by: asker, to: [bot], obligations: read });
          if (!offered.ok) continue;
          const move = policy.negotiate({ scenario, state: offered.value, party: bot, random: undefined as never });
          s = must(offered.value, { ...move, by: bot });
          break;
        }
      }
      s = must(s, { type: "advance", by: "system" });
      for (const [, bot] of pairs) {
        const policy = botPolicy({ party: bot, persona: personas[bot], difficulty: "normal", seed });
        const named = s.commitments.filter((c) => c.party === bot && s.offers.find((o) => o.id === c.offerId)?.notes.some((n) => n.party === bot && n.text.startsWith(NAMED_PACKAGE_NOTE)));
        const decision = policy.decide({ scenario, state: s, party: bot, random: undefined as never });
        for (const c of named) expect(decision.breaks, `${bot} keeps its named promise to ${c.term.kind}, seed ${seed}`).not.toContain(c.id);
        expect(apply(scenario, s, { type: "decide", by: bot, decision }).ok).toBe(true);
        promises += named.length;
      }
    }
    expect(promises).toBeGreaterThan(10);
  });

  it("a decision that would break a named promise is turned into one that keeps it, and stays legal", () => {
    const seed = 3;
    const persona = tablePersonas(seed).israel;
    let s = must(begun(seed), { type: "message", by: "hamas", to: "israel", text: askPriceText(scenario, "halt_strikes") });
    s = botTalks(s, "israel", persona).state;
    const read = packageInReply(scenario, s.messages.at(-1)!);
    expect(read).not.toBeNull();
    s = must(s, { type: "propose", by: "hamas", to: ["israel"], obligations: read });
    s = must(s, { ...botPolicy({ party: "israel", persona, difficulty: "normal", seed }).negotiate({ scenario, state: s, party: "israel", random: undefined as never }), by: "israel" });
    s = must(s, { type: "advance", by: "system" });
    const promise = s.commitments.find((c) => c.party === "israel" && c.term.kind === "halt_strikes")!;
    const view = viewFor(scenario, s, "israel");
    expect([...namedPromises(view, "israel")]).toEqual([promise.id]);
    // Breaking it to strike is what the bot's usual judgement could choose; its word rules that out.
    const tempted = { breaks: [promise.id], moves: ["israel_limited_strike" as const], pledge: 0, mandate: null, zones: [], decommission: { heavy: 0, tunnels: 0, small_arms: 0 }, ddr: [] };
    const kept = keepNamedPromises(scenario, view, "israel", tempted);
    expect(kept.breaks).toEqual([]);
    expect(kept.moves).toEqual([]);
    expect(apply(scenario, s, { type: "decide", by: "israel", decision: kept }).ok).toBe(true);
  });

  it("keeps to its quote only while the table is unchanged: a deal struck in between can change it", () => {
    let s = begun(1);
    const persona: Persona = "pragmatist";
    s = must(s, { type: "message", by: "hamas", to: "israel", text: askPriceText(scenario, "open_crossings") });
    s = botTalks(s, "israel", persona).state;
    const before = quoteFor(scenario, viewFor(scenario, s, "israel"), "israel", persona, "hamas", "open_crossings");
    expect(before.ok).toBe(true);
    if (!before.ok) return;
    // Israel promises the same crossings to someone else: the quoted promise is no longer its to give.
    s = must(s, { type: "propose", by: "israel", to: ["mediators"], obligations: [{ party: "israel", term: before.quote.botGives[0]!.term }, { party: "mediators", term: { kind: "build_hubs" } }] });
    s = must(s, { type: "accept", by: "mediators", offerId: s.offers.at(-1)!.id });
    const after = quoteFor(scenario, viewFor(scenario, s, "israel"), "israel", persona, "hamas", "open_crossings");
    expect(after.ok && JSON.stringify(after.quote) === JSON.stringify(before.quote)).toBe(false);
  });

  it("on played tables of several seeds, every package a bot names in words it accepts when offered", () => {
    let checked = 0;
    for (const seed of [2, 6]) {
      const s0 = tableAfter(seed, 2, "normal");
      if (!s0) continue;
      const personas = tablePersonas(seed);
      for (const bot of PARTY_IDS) {
        const asker = PARTY_IDS[(PARTY_IDS.indexOf(bot) + 1) % PARTY_IDS.length]!;
        const policy = botPolicy({ party: bot, persona: personas[bot], difficulty: "normal", seed });
        for (const kind of TERM_KINDS) {
          let s = must(s0, { type: "message", by: asker, to: bot, text: askPriceText(scenario, kind) });
          s = botTalks(s, bot, personas[bot]).state;
          const q = quoteFor(scenario, viewFor(scenario, s, bot), bot, personas[bot], asker, kind);
          if (!q.ok) continue;
          const offered = apply(scenario, s, { type: "propose", by: asker, to: [bot], obligations: quoteObligations(q.quote) });
          expect(offered.ok, `the named package can be offered: ${JSON.stringify(q.quote)}`).toBe(true);
          if (!offered.ok) continue;
          const move = policy.negotiate({ scenario, state: offered.value, party: bot, random: undefined as never });
          expect(["accept", "withdraw"]).toContain(move.type);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

/** Every seat a bot that also talks, as the server runs them: what it has to say first, then its move. */
function talkingTable(seed: number): Record<PartyId, Policy> {
  const personas = tablePersonas(seed);
  return Object.fromEntries(
    PARTY_IDS.map((p) => {
      const bot = botPolicy({ party: p, persona: personas[p], difficulty: "normal", seed });
      const policy: Policy = {
        ...bot,
        negotiate(ctx) {
          const talk = nextTalk(scenario, viewFor(scenario, ctx.state, p), p, personas[p]);
          return talk ? talk.intent : bot.negotiate(ctx);
        },
      };
      return [p, policy];
    }),
  ) as Record<PartyId, Policy>;
}

describe("public statements", () => {
  it("a deal struck, a red line pressed and a promise broken each move the bot concerned to say so", () => {
    let s = begun(1);
    const give = (party: PartyId, kind: string, amount?: number) => ({ party, term: amount === undefined ? { kind } : { kind, amount } });
    s = must(s, { type: "propose", by: "hamas", to: ["israel"], obligations: [give("hamas", "release_hostages", 5), give("israel", "open_crossings", 400)] });
    s = must(s, { type: "accept", by: "israel", offerId: s.offers.at(-1)!.id });
    s = must(s, { type: "propose", by: "hamas", to: ["israel"], obligations: [give("hamas", "restrain_factions"), give("israel", "withdraw", 10)] });
    const israelSays = statementsDue(scenario, viewFor(scenario, s, "israel"), "israel", s);
    expect(israelSays.some((t) => /agreement with Hamas: our promise to open the crossings to 400 trucks a day, and Hamas's promise to release 5 living hostages/.test(t))).toBe(true);
    expect(israelSays.some((t) => t.startsWith("Our position is unchanged: no withdrawal"))).toBe(true);
    // Hamas breaks its promise; the next week Israel says so in public.
    s = must(s, { type: "advance", by: "system" });
    const promise = s.commitments.find((c) => c.party === "hamas")!;
    s = must(s, { type: "decide", by: "hamas", decision: { breaks: [promise.id] } });
    s = must(s, { type: "advance", by: "system" });
    expect(s.stage).toBe("negotiation");
    const next = statementsDue(scenario, viewFor(scenario, s, "israel"), "israel", s);
    expect(next[0]).toMatch(/^Hamas did not keep its promise to release 5 living hostages/);
    // Israel had nothing broken against it by others: no one else speaks of it.
    expect(statementsDue(scenario, viewFor(scenario, s, "qatar"), "qatar", s).some((t) => /did not keep/.test(t))).toBe(false);
  });


  it(`are made at moments that matter, at most ${MAX_STATEMENTS_PER_WEEK} a week per bot, never a promise, and replay to the same state`, () => {
    let statements = 0;
    for (const seed of [1, 2, 3]) {
      const played = playGame(scenario, { seed, rounds: 6 }, talkingTable(seed));
      expect(played.ok).toBe(true);
      if (!played.ok) continue;
      const s = played.value.state;
      const perWeek = new Map<string, number>();
      for (const m of s.messages.filter((x) => x.to === "all")) {
        const k = `${m.from}:${m.round}`;
        perWeek.set(k, (perWeek.get(k) ?? 0) + 1);
        // Statements describe and ask; they never announce what the bot itself will do.
        expect(m.text).not.toMatch(/\bwe (will|shall|promise)\b/i);
        statements++;
      }
      for (const [k, n] of perWeek) expect(n, k).toBeLessThanOrEqual(MAX_STATEMENTS_PER_WEEK);
      // The log of a game with bot messages replays to exactly the same state.
      const log = played.value.log;
      expect(log.actions.some((a) => a.type === "message" || a.type === "statement")).toBe(true);
      const again = replay(scenario, log);
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.value).toEqual(s);
    }
    expect(statements).toBeGreaterThan(0);
  });
});

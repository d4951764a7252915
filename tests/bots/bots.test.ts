// Bots play by the rules, see only their own seat's view, explain themselves truthfully, and are
// reproducible from a seed.
import { describe, expect, it } from "vitest";
import { PARTY_IDS, defaultScenario, playGame, viewFor, createGame, apply, type PartyId, type Policy, type GameState, type Term } from "../../shared/index.ts";
import { termPhrase } from "../../shared/wording.ts";
import {
  DIFFICULTIES,
  NegotiatorBot,
  PERSONAS,
  UNKNOWN_PRESSURE,
  beliefState,
  botPolicy,
  tablePersonas,
  type BotTrace,
  type Difficulty,
} from "../../shared/bots/index.ts";

const scenario = defaultScenario();

function table(seed: number, difficulty: Difficulty, trace?: (t: BotTrace) => void): Record<PartyId, Policy> {
  const personas = tablePersonas(seed);
  return Object.fromEntries(PARTY_IDS.map((p) => [p, botPolicy({ party: p, persona: personas[p], difficulty, seed }, trace)])) as Record<PartyId, Policy>;
}

describe("bots", () => {
  it("only ever submit legal actions, at every difficulty and persona", () => {
    let games = 0;
    for (const difficulty of DIFFICULTIES) {
      const count = difficulty === "hard" ? 16 : 60;
      for (let seed = 1; seed <= count; seed++) {
        const played = playGame(scenario, { seed: seed * 7 + DIFFICULTIES.indexOf(difficulty) }, table(seed, difficulty));
        expect(played.ok).toBe(true);
        if (!played.ok) continue;
        expect(played.value.refused, `refused actions, ${difficulty} seed ${seed}`).toBe(0);
        expect(played.value.state.stage).toBe("ended");
        games++;
      }
    }
    expect(games).toBe(136);
  }, 300_000);

  it("the same seed gives the same game", () => {
    for (const seed of [3, 11]) {
      const a = playGame(scenario, { seed }, table(seed, "hard"));
      const b = playGame(scenario, { seed }, table(seed, "hard"));
      if (!a.ok || !b.ok) throw new Error("game failed");
      expect(JSON.stringify(b.value.log)).toBe(JSON.stringify(a.value.log));
      expect(JSON.stringify(b.value.state)).toBe(JSON.stringify(a.value.state));
    }
  });

  it("a bot's belief holds only what a person in its seat can see", () => {
    const played = playGame(scenario, { seed: 5 }, table(5, "normal"));
    if (!played.ok) throw new Error("game failed");
    // Look at a mid-game state: replay half the log.
    let state = createGame(scenario, played.value.log.options);
    if (!state.ok) throw new Error("setup failed");
    let s: GameState = state.value;
    for (const action of played.value.log.actions.slice(0, Math.floor(played.value.log.actions.length / 2))) {
      const next = apply(scenario, s, action);
      if (next.ok) s = next.value;
    }
    for (const me of PARTY_IDS) {
      const belief = beliefState(viewFor(scenario, s, me), me);
      for (const other of PARTY_IDS) {
        if (other === me) {
          expect(belief.parties[me].objectives).toEqual(s.parties[me].objectives);
          expect(belief.parties[me].pressure).toBe(s.parties[me].pressure);
          continue;
        }
        expect(belief.parties[other].objectives).toEqual([]);
        expect(belief.parties[other].pressure).toBe(UNKNOWN_PRESSURE);
      }
      for (const o of belief.offers) expect([o.proposer, ...o.recipients]).toContain(me);
    }
  });

  it("a bot acts the same whatever the other parties' hidden secrets are", () => {
    const created = createGame(scenario, { seed: 21 });
    if (!created.ok) throw new Error("setup failed");
    const begun = apply(scenario, created.value, { type: "begin", by: "system" });
    if (!begun.ok) throw new Error("begin failed");
    const s = begun.value;
    for (const me of PARTY_IDS) {
      const altered = structuredClone(s);
      for (const other of PARTY_IDS) {
        if (other === me) continue;
        altered.parties[other].pressure = 99;
        altered.parties[other].objectives = [...scenario.objectives.filter((o) => o.party === other).map((o) => o.id)].reverse();
      }
      const a = new NegotiatorBot({ party: me, persona: "pragmatist", difficulty: "hard", seed: 1 }).negotiate(scenario, viewFor(scenario, s, me));
      const b = new NegotiatorBot({ party: me, persona: "pragmatist", difficulty: "hard", seed: 1 }).negotiate(scenario, viewFor(scenario, altered, me));
      expect(b).toEqual(a);
    }
  });

  it("explanations agree with the action taken", () => {
    const traces: BotTrace[] = [];
    for (let seed = 1; seed <= 12; seed++) playGame(scenario, { seed }, table(seed, seed % 2 ? "normal" : "hard", (t) => traces.push(t)));
    // Every term a bot proposes or asks for is named in its reason, worded as the news words it.
    const labels = (obligations: Array<{ term: Term }>) => obligations.map((o) => termPhrase(scenario, o.term));
    const kinds = new Set<string>();
    for (const t of traces) {
      const action = t.action as { type?: string; obligations?: Array<{ term: Term }>; add?: Array<{ term: Term }>; breaks?: number[] };
      if (t.kind === "decide") {
        if (/^No commitments of ours fall due this week/.test(t.reason)) expect(action.breaks ?? []).toEqual([]);
        else {
          const match = t.reason.match(/^We keep (\d+) of (\d+) commitments? due/);
          expect(match, t.reason).not.toBeNull();
          expect(Number(match![2]) - Number(match![1])).toBe(action.breaks?.length);
        }
        expect(t.reason).not.toMatch(/\(s\)|\d\.\d\d/);
        kinds.add("decide");
        continue;
      }
      kinds.add(action.type ?? "");
      switch (action.type) {
        case "propose":
          for (const label of labels(action.obligations ?? [])) expect(t.reason).toContain(label);
          expect(t.reason).toMatch(/what we receive matters more to us than what we give|both gain/);
          break;
        case "accept":
          expect(t.reason).toMatch(/^Accepted: /);
          break;
        case "reject":
          expect(t.reason).toMatch(/^Rejected: /);
          break;
        case "counter":
          expect(t.reason).toMatch(/^Yes, but: /);
          for (const label of labels(action.add ?? [])) expect(t.reason).toContain(label);
          break;
        case "ready":
          expect(t.reason.length).toBeGreaterThan(10);
          break;
        default:
          throw new Error(`unexpected bot action ${String(action.type)}`);
      }
    }
    expect([...kinds].sort()).toEqual(["accept", "counter", "decide", "propose", "ready", "reject"]);
  });

  it("a red line shows in the reason for turning an offer down", () => {
    // Israel is asked to withdraw before the hostages are home: its red line.
    const created = createGame(scenario, { seed: 2 });
    if (!created.ok) throw new Error("setup failed");
    let s = created.value;
    for (const a of [
      { type: "begin", by: "system" },
      { type: "propose", by: "hamas", to: ["israel"], obligations: [{ party: "hamas", term: { kind: "restrain_factions" } }, { party: "israel", term: { kind: "withdraw", amount: 30 } }] },
    ]) {
      const next = apply(scenario, s, a);
      if (!next.ok) throw new Error(next.error.message);
      s = next.value;
    }
    const line = scenario.parties.israel.redLines.find((r) => r.term === "withdraw");
    expect(line).toBeDefined();
    for (const persona of PERSONAS) {
      const move = new NegotiatorBot({ party: "israel", persona, difficulty: "normal", seed: 1 }).negotiate(scenario, viewFor(scenario, s, "israel"));
      expect(move.intent.type).toBe("reject");
      expect(move.reason).toContain(line!.text.replace(/[.\s]+$/, ""));
    }
  });
});

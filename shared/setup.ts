// A new game: starting tracks from the scenario, objectives dealt from each party's own pool with
// the seeded generator, and the table waiting in its briefing until `begin`.
import { PARTY_IDS, TRACK_KEYS, type PartyId, type TrackKey } from "./ids.ts";
import { err, ok, type Result } from "./result.ts";
import { Random, seedToRng } from "./rng.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { GameConfig, GameState, PartyState } from "./state.ts";

export interface GameOptions {
  seed: number;
  /** Number of rounds; the scenario's default when omitted. */
  rounds?: number;
  /** A session's event deck, one card id per week ("" a quiet week): see shared/session-deck.ts. */
  deck?: string[];
}

export function resolveConfig(scenario: Scenario, options: GameOptions): Result<GameConfig> {
  if (!Number.isSafeInteger(options.seed)) return err("out_of_range", "the seed must be a whole number", "seed");
  const rounds = options.rounds ?? scenario.rounds.default;
  if (!Number.isInteger(rounds) || rounds < scenario.rounds.min || rounds > scenario.rounds.max)
    return err("out_of_range", `rounds must be a whole number from ${scenario.rounds.min} to ${scenario.rounds.max}`, "rounds");
  if (options.deck === undefined) return ok({ seed: options.seed, rounds });
  const deck = options.deck as unknown;
  if (!Array.isArray(deck) || deck.length < rounds)
    return err("out_of_range", `the deck must list one event card for each of the ${rounds} weeks`, "deck");
  for (const [i, id] of deck.entries())
    if (typeof id !== "string" || (id !== "" && !scenario.events.some((e) => e.id === id)))
      return err("unknown_event", `week ${i + 1} of the deck is not an event card of this scenario`, `deck.${i}`);
  return ok({ seed: options.seed, rounds, deck: [...(deck as string[])] });
}

export function createGame(scenario: Scenario, options: GameOptions): Result<GameState> {
  const config = resolveConfig(scenario, options);
  if (!config.ok) return config;
  const random = new Random(seedToRng(config.value.seed));

  const tracks = Object.fromEntries(TRACK_KEYS.map((k) => [k, scenario.tracks[k].start])) as Record<TrackKey, number>;
  const trust = Object.fromEntries(
    PARTY_IDS.map((from) => [from, Object.fromEntries(PARTY_IDS.map((to) => [to, from === to ? 100 : scenario.trustStart]))]),
  ) as Record<PartyId, Record<PartyId, number>>;
  for (const o of scenario.trustOverrides) trust[o.from][o.to] = o.value;

  const parties = {} as Record<PartyId, PartyState>;
  for (const party of PARTY_IDS) {
    const pool = scenario.objectives.filter((o) => o.party === party).map((o) => o.id);
    parties[party] = {
      objectives: random.shuffle(pool).slice(0, scenario.objectivesPerParty),
      pressure: scenario.parties[party].startPressure,
      leverage: 5,
      ready: false,
      decision: null,
      defaulted: false,
      draft: null,
      pressureByWeek: [],
    };
  }

  return ok({
    scenarioId: scenario.id,
    config: config.value,
    rng: random.state,
    round: 0,
    phase: 1,
    stage: "briefing",
    tracks,
    isfZones: [],
    trust,
    parties,
    roundEvents: [],
    drawn: [],
    offers: [],
    commitments: [],
    messages: [],
    news: [],
    causes: [],
    history: [],
    nextId: 1,
    outcome: null,
    scores: null,
    winners: [],
  });
}

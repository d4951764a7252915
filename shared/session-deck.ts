// A classroom session's event deck: one card for each week, fixed when the session is created, so
// that every table of the session meets the same cards in the same weeks and the debrief compares
// like with like. A table's own draw (shared/events.ts) looks at that table's state, so tables that
// play differently would draw differently from week 2; the session deck looks only at what every
// table shares — the scenario's opening position — and is then played as it stands at every table.
//
// How the deck is dealt: week by week, from the cards not yet dealt whose earliest week has come and
// whose condition holds in the opening position (with the week's number as the round), one card is
// drawn with the scenario's weights by a generator seeded from the session's seed. The deck is a
// pure function of (scenario, seed, weeks): a restarted server deals the same deck again.
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { eligibleEvents, QUIET_WEEK } from "./events.ts";
import { createGame } from "./setup.ts";
import { ok, type Result } from "./result.ts";
import { Random, seedToRng } from "./rng.ts";

export { QUIET_WEEK };

/**
 * The session's deck for `weeks` weeks: `deck[w - 1]` is the card every table meets at the start
 * of week w (QUIET_WEEK when none fits). Same arguments, same deck.
 */
export function dealSessionDeck(scenario: Scenario, seed: number, weeks: number): Result<string[]> {
  const opening = createGame(scenario, { seed, rounds: weeks });
  if (!opening.ok) return opening;
  // Its own stream, apart from the tables' generators, so the deck does not follow their draws.
  const random = new Random(seedToRng(seed ^ 0x2545f491));
  const deck: string[] = [];
  const position: GameState = { ...opening.value, drawn: [] };
  for (let week = 1; week <= weeks; week++) {
    position.round = week;
    const eligible = eligibleEvents(scenario, position);
    const card = eligible[random.weightedIndex(eligible.map((e) => e.weight))];
    deck.push(card ? card.id : QUIET_WEEK);
    if (card) position.drawn = [...position.drawn, card.id];
  }
  return ok(deck);
}

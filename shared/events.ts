// The event deck: one card drawn at the start of each week from the cards whose conditions hold,
// without replacement, weighted by the scenario; or injected by the facilitator. A classroom
// session's table instead plays the session's deck (shared/session-deck.ts), fixed in its config,
// so an injected card or a different game never changes which card a later week brings.
import type { Scenario } from "./scenario-schema.ts";
import type { GameState } from "./state.ts";
import { Random } from "./rng.ts";
import { holds } from "./metrics.ts";
import { addNews, appendTo, applyEffect } from "./draft-ops.ts";
import { trimZones } from "./term-effects.ts";

export function eligibleEvents(scenario: Scenario, s: GameState) {
  return scenario.events.filter(
    (e) =>
      !s.drawn.includes(e.id) &&
      (e.minRound === undefined || s.round >= e.minRound) &&
      (e.condition === undefined || holds(scenario, s, e.condition)),
  );
}

export function playEvent(scenario: Scenario, s: GameState, eventId: string): boolean {
  const card = scenario.events.find((e) => e.id === eventId);
  if (!card) return false;
  for (const effect of card.effects) applyEffect(scenario, s, effect);
  trimZones(scenario, s);
  appendTo(s, "roundEvents", card.id);
  if (!s.drawn.includes(card.id)) appendTo(s, "drawn", card.id);
  addNews(s, "event", `${card.title}. ${card.text}`);
  return true;
}

/** A session deck's empty slot: that week is a quiet week at every table (no card could be dealt). */
export const QUIET_WEEK = "";

const quietWeek = (s: GameState) => addNews(s, "event", "A quiet week: no new development shook the talks.");

/**
 * Draws and plays this week's card; a week with no eligible card is a quiet week. With a session
 * deck the week's card is the deck's, played as it stands (its condition was checked when the deck
 * was dealt), and the generator is not touched.
 */
export function drawEvent(scenario: Scenario, s: GameState): void {
  const deck = s.config.deck;
  if (deck) {
    const id = deck[s.round - 1] ?? QUIET_WEEK;
    if (id === QUIET_WEEK || !playEvent(scenario, s, id)) quietWeek(s);
    return;
  }
  const eligible = eligibleEvents(scenario, s);
  const random = new Random(s.rng);
  const index = random.weightedIndex(eligible.map((e) => e.weight));
  s.rng = random.state;
  const card = eligible[index];
  if (card) playEvent(scenario, s, card.id);
  else quietWeek(s);
}

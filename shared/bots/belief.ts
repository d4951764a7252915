// What a bot believes the game state to be: rebuilt from exactly the view a person in its seat
// receives, by the same function the client uses to ask the rules what is legal. Other parties'
// secrets are unknown there: their objectives are empty and their pressure is a neutral guess.
import type { PartyId } from "../ids.ts";
import type { GameState } from "../state.ts";
import type { TableView } from "../views.ts";
import { stateFromView, UNKNOWN_PRESSURE } from "../view-state.ts";

export { UNKNOWN_PRESSURE };

export function beliefState(view: TableView, _party: PartyId): GameState {
  return stateFromView(view);
}

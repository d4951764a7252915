// The reducer: apply(scenario, state, action) → the next state or a typed error. It never throws
// on bad input and never changes the state it is given; replaying a log is a fold over it.
import { PARTY_IDS, type PartyId } from "./ids.ts";
import { MAX_MESSAGES_PER_WEEK, partyIntentSchema, tableIntentSchema, type Action } from "./actions.ts";
import { err, ok, type Result, type RuleError } from "./result.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { Decision, GameState } from "./state.ts";
import { accept, cleanText, counter, expireOpenOffers, propose, reject, withdraw } from "./offer-book.ts";
import { checkDecision } from "./decisions.ts";
import { standInFor } from "./stand-in.ts";
import { resolveRound, startRound } from "./resolve-round.ts";
import { playEvent } from "./events.ts";
import { createGame, type GameOptions } from "./setup.ts";
import { addNews, appendTo, ownParty } from "./draft-ops.ts";
import { finishGame } from "./outcome.ts";
import { lineIncidentCheck } from "./line-incident.ts";

const partyActionSchema = partyIntentSchema;
const tableActionSchema = tableIntentSchema;
const TEXT_FIELDS = new Set(["text", "note", "reason"]);

/** Checks unknown data (a message off the wire, a log line) into an Action, naming the bad field. */
export function parseAction(data: unknown): Result<Action> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return err("malformed_action", "an action must be an object");
  const { by, ...intent } = data as Record<string, unknown>;
  const isParty = (PARTY_IDS as readonly unknown[]).includes(by);
  if (!isParty && by !== "system" && by !== "facilitator")
    return err("malformed_action", "by: must be a party id, \"system\" or \"facilitator\"", "by");
  const parsed = isParty ? partyActionSchema.safeParse(intent) : tableActionSchema.safeParse(intent);
  if (parsed.success) return ok({ ...parsed.data, by } as Action);
  const issue = parsed.error.issues[0];
  const path = issue ? issue.path.map(String) : [];
  const field = path.join(".");
  if (issue?.code === "too_big" && TEXT_FIELDS.has(path[path.length - 1] ?? ""))
    return err("text_too_long", `${field}: ${issue.message}`, field);
  if (issue?.code === "invalid_union" && path.length === 0 && typeof intent.type === "string")
    return err(isParty ? "malformed_action" : "wrong_actor", `"${intent.type}" is not an action ${isParty ? "a party" : "the table"} can take`, "type");
  return err("malformed_action", issue ? `${field || "action"}: ${issue.message}` : "malformed action", field);
}

const fail = (code: RuleError["code"], message: string, field?: string) => err(code, message, field);

const NEGOTIATION_ACTIONS = new Set(["propose", "accept", "reject", "counter", "withdraw", "ready"]);
const TALK_ACTIONS = new Set(["message", "statement"]);
const DECISION_ACTIONS = new Set(["draft", "decide"]);

function enterDecisions(scenario: Scenario, s: GameState): void {
  expireOpenOffers(s);
  s.stage = "decisions";
  // What happens at the line after the talks close is in everyone's news before they decide.
  lineIncidentCheck(scenario, s);
}

function allDecided(s: GameState): boolean {
  return PARTY_IDS.every((p) => s.parties[p].decision !== null);
}

function applyParty(scenario: Scenario, s: GameState, action: Extract<Action, { by: PartyId }>): RuleError | null {
  const by = action.by;
  if (NEGOTIATION_ACTIONS.has(action.type) && s.stage !== "negotiation")
    return { code: "wrong_stage", message: `offers are made during negotiation; the table is in ${s.stage}` };
  if (TALK_ACTIONS.has(action.type) && s.stage !== "negotiation" && s.stage !== "decisions")
    return { code: "wrong_stage", message: `messages can be sent during a round; the table is in ${s.stage}` };
  if (DECISION_ACTIONS.has(action.type) && s.stage !== "decisions")
    return { code: "wrong_stage", message: `decisions are made after negotiation; the table is in ${s.stage}` };

  switch (action.type) {
    case "propose":
      return propose(scenario, s, by, action.to, action.obligations, action.note);
    case "accept":
      return accept(scenario, s, by, action.offerId, action.note);
    case "reject":
      return reject(s, by, action.offerId, action.reason);
    case "counter":
      return counter(scenario, s, by, action.offerId, action.keep, action.add, action.note);
    case "withdraw":
      return withdraw(s, by, action.offerId);
    case "message":
    case "statement": {
      const text = cleanText(action.text);
      if (text.length === 0) return { code: "malformed_action", message: "a message needs some text", field: "text" };
      const to = action.type === "message" ? action.to : "all";
      if (to === by) return { code: "offer_to_self", message: "you cannot send a message to yourself", field: "to" };
      if (sentThisWeek(s, by) >= MAX_MESSAGES_PER_WEEK)
        return { code: "out_of_range", message: `at most ${MAX_MESSAGES_PER_WEEK} messages and statements a week` };
      appendTo(s, "messages", { id: s.nextId++, round: s.round, from: by, to, text });
      return null;
    }
    case "ready":
      if (s.parties[by].ready) return { code: "already_answered", message: "you have already said you are done negotiating" };
      ownParty(s, by).ready = true;
      if (PARTY_IDS.every((p) => s.parties[p].ready)) enterDecisions(scenario, s);
      return null;
    case "draft":
    case "decide": {
      const party = s.parties[by];
      if (party.decision !== null) return { code: "already_decided", message: "your decisions for this week are already in" };
      const decision: Decision = action.decision;
      const bad = checkDecision(scenario, s, by, decision);
      if (bad) return bad;
      if (action.type === "draft") {
        ownParty(s, by).draft = decision;
        return null;
      }
      const decided = ownParty(s, by);
      decided.decision = decision;
      decided.draft = null;
      if (allDecided(s)) resolveRound(scenario, s);
      return null;
    }
  }
}

function applyTable(scenario: Scenario, s: GameState, action: Extract<Action, { by: "system" | "facilitator" }>): RuleError | null {
  switch (action.type) {
    case "begin":
      if (s.stage !== "briefing") return { code: "wrong_stage", message: "the game has already begun" };
      startRound(scenario, s);
      return null;
    case "advance":
      if (s.stage === "briefing") startRound(scenario, s);
      else if (s.stage === "negotiation") enterDecisions(scenario, s);
      else if (s.stage === "decisions") {
        // A seat that has not decided plays its team's draft if it left a legal one, else what its
        // bot would choose (stand-in.ts), all worked out on the same state before any is filled in.
        const filled = PARTY_IDS.filter((p) => s.parties[p].decision === null).map((p) => {
          const draft = s.parties[p].draft;
          return [p, draft && checkDecision(scenario, s, p, draft) === null ? draft : standInFor(scenario, s, p)] as const;
        });
        for (const [p, decision] of filled) {
          const party = ownParty(s, p);
          party.decision = decision;
          party.defaulted = true;
          party.draft = null;
        }
        resolveRound(scenario, s);
      }
      return null;
    case "reopen":
      if (action.by !== "system") return { code: "wrong_actor", message: "a seat's talks reopen only when a person takes it over from its bot" };
      if (s.stage !== "negotiation") return { code: "wrong_stage", message: "talks reopen only during negotiation" };
      if (!s.parties[action.party].ready) return { code: "already_answered", message: "this seat has not said it is done negotiating", field: "party" };
      ownParty(s, action.party).ready = false;
      return null;
    case "inject": {
      if (action.by !== "facilitator") return { code: "wrong_actor", message: "only the facilitator can inject an event" };
      if (s.stage !== "negotiation" && s.stage !== "decisions")
        return { code: "wrong_stage", message: "events can be injected during a round" };
      if (!playEvent(scenario, s, action.eventId)) return { code: "unknown_event", message: `there is no event card "${action.eventId}"`, field: "eventId" };
      if (s.tracks.stability <= 0) {
        addNews(s, "event", "The ceasefire could not absorb the shock.");
        // A shock that drives stability to zero ends the game at once, like a drawn card does.
        finishGame(scenario, s);
      }
      return null;
    }
  }
}

/**
 * How many messages and statements `party` has sent this week. Messages are kept in the order they
 * were sent, so this week's are the last ones: counted walking back, not over the whole record.
 */
function sentThisWeek(s: GameState, party: PartyId): number {
  let sent = 0;
  for (let i = s.messages.length - 1; i >= 0; i--) {
    const m = s.messages[i]!;
    if (m.round < s.round) break;
    if (m.round === s.round && m.from === party) sent++;
  }
  return sent;
}

/**
 * A copy deep enough for the rules to mutate: everything the rules change is copied, and what they
 * never change after creation (obligations, messages, news, history records, decisions, closed
 * offers, resolved commitments) is shared.
 * Much faster than structuredClone, which matters for simulations of thousands of games.
 *
 * The messages and the news, the longest lists (thousands of messages in a busy game), the weekly
 * history and the causes noted for the outcome's explanation only ever grow at their end and most
 * actions add nothing to them: they are shared,
 * and copied only by the action that adds to them (draft-ops.ts appendTo, the only way the rules
 * add to them). Copying them on every action was most of the rules' work and of the bytes they
 * allocated; shared, a list is the same array from one state to the next, and so is its window.
 */
export function cloneState(state: GameState): GameState {
  return {
    ...state,
    // Never changed by a rule once the game is set up.
    config: state.config,
    // Shared until a rule moves one: draft-ops.ts setTrack copies them first.
    tracks: state.tracks,
    // Shared until a rule adds or hands back a zone (draft-ops.ts appendTo, ownShared).
    isfZones: state.isfZones,
    // Shared until a rule changes it: draft-ops.ts addTrust copies the table and the row it changes.
    trust: state.trust,
    // Shared until a rule changes a party: draft-ops.ts ownParty copies the table and that party first.
    parties: state.parties,
    // Shared until a card is drawn (events.ts playEvent, through appendTo); a new week starts a new list.
    roundEvents: state.roundEvents,
    drawn: state.drawn,
    // Shared, items and all, until a rule adds to them or changes an open offer or a pending
    // commitment (draft-ops.ts ownList, ownOffer, ownCommitment, the only way the rules do): most
    // actions change neither, and the lists, one item per offer and per promise of the game, were
    // copied on every action, with every open offer and pending commitment in them.
    offers: state.offers,
    commitments: state.commitments,
    messages: state.messages,
    news: state.news,
    causes: state.causes,
    history: state.history,
    scores: state.scores,
    // Only ever replaced whole, at the end (outcome.ts finishGame).
    winners: state.winners,
  };
}

/** The next state after `input`, unchecked data (a message, a log line): checked into an Action first (parseAction). */
export function apply(scenario: Scenario, state: GameState, input: unknown): Result<GameState> {
  const parsed = parseAction(input);
  if (!parsed.ok) return parsed;
  return applyChecked(scenario, state, parsed.value);
}

/**
 * The next state after an action that is already checked: built from a payload the protocol's
 * schemas have parsed (the same schemas parseAction uses, shared/actions.ts), with its actor set by
 * the server, or the value of parseAction. What apply() does after its check, without checking
 * again: a server's intent was validated where it entered, and a second parse of the same data
 * gave the same action at the cost of a second walk and copy of it. The rules keep parts of the
 * action in the state (an offer's obligations, a decision) and never change them, nor the action.
 */
export function applyChecked(scenario: Scenario, state: GameState, action: Action): Result<GameState> {
  if (state.stage === "ended") return fail("game_over", "the game is over");
  const s = cloneState(state);
  const error = action.by === "system" || action.by === "facilitator" ? applyTable(scenario, s, action as Extract<Action, { by: "system" | "facilitator" }>) : applyParty(scenario, s, action as Extract<Action, { by: PartyId }>);
  return error ? { ok: false, error } : ok(s);
}

/** A table's whole record: enough to rebuild its state exactly. */
export interface GameLog {
  scenarioId: string;
  options: GameOptions;
  actions: Action[];
}

export function replay(scenario: Scenario, log: GameLog): Result<GameState> {
  if (log.scenarioId !== scenario.id)
    return fail("invalid_scenario", `the log was played with scenario "${log.scenarioId}", not "${scenario.id}"`, "scenarioId");
  const created = createGame(scenario, log.options);
  if (!created.ok) return created;
  let state = created.value;
  for (const [i, action] of log.actions.entries()) {
    const next = apply(scenario, state, action);
    if (!next.ok) return fail(next.error.code, `action ${i + 1} of the log: ${next.error.message}`, `actions.${i}`);
    state = next.value;
  }
  return ok(state);
}

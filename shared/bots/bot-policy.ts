// Seats a NegotiatorBot in the built-in game loop. The adapter hands the bot exactly the view a
// person in its seat would receive (viewFor), never the state: bots cannot peek at secrets.
import type { PartyId } from "../ids.ts";
import type { Policy } from "../policies/policy.ts";
import { viewFor } from "../views.ts";
import { NegotiatorBot, type BotConfig } from "./bot.ts";
import { keepQuotedWord } from "./talk-quote.ts";
import { keepNamedPromises } from "./named-promises.ts";

export interface BotTrace {
  party: PartyId;
  kind: "negotiate" | "decide";
  ms: number;
  reason: string;
  action: unknown;
}

export function botPolicy(config: BotConfig, trace?: (t: BotTrace) => void, now: () => number = () => performance.now()): Policy {
  const bot = new NegotiatorBot(config);
  return {
    name: `${config.persona}/${config.difficulty}`,
    negotiate({ scenario, state, party }) {
      const view = viewFor(scenario, state, party);
      const started = now();
      // A package the bot named in a message is accepted as it said, before any other judgement.
      const move = keepQuotedWord(scenario, view, party, config.persona) ?? bot.negotiate(scenario, view);
      trace?.({ party, kind: "negotiate", ms: now() - started, reason: move.reason, action: move.intent });
      return withNote(move.intent, move.reason);
    },
    decide({ scenario, state, party }) {
      const view = viewFor(scenario, state, party);
      const started = now();
      const decided = bot.decide(scenario, view);
      // Promises of a package the bot named in words are kept (named-promises.ts).
      const decision = keepNamedPromises(scenario, view, party, decided.decision);
      const reason = decision === decided.decision ? decided.reason : `${decided.reason} We keep the promises of the package we named.`;
      trace?.({ party, kind: "decide", ms: now() - started, reason, action: decision });
      return decision;
    },
  };
}

/** Offers and answers carry the bot's reason in their note, where the other side reads it. */
export function withNote<T extends { type: string }>(intent: T, reason: string): T {
  const note = reason.slice(0, 280);
  if (intent.type === "propose" || intent.type === "accept" || intent.type === "counter") return { ...intent, note };
  if (intent.type === "reject") return { ...intent, reason: note };
  return intent;
}

// The messages panel's help for talking to bots: whether the recipient is a bot and will answer,
// "typing…" while a bot's reply is due, and the "what would you accept for…?" question built from
// a menu of terms. What a bot will answer is asked of shared/ (willAnswer), never worked out here.
import { PARTY_IDS, TERM_KINDS, type PartyId, type TermKind } from "../../../shared/ids.ts";
import { askPriceText } from "../../../shared/bots/talk-intents.ts";
import { MAX_REPLIES_PER_PARTNER, willAnswer } from "../../../shared/bots/talk.ts";
import type { Ctx } from "../app/context.ts";
import type { Message } from "../../../shared/state.ts";
import { packageInReply } from "../../../shared/bots/quote-reading.ts";
import { h } from "./dom.ts";
import { partyBadge } from "./party-style.ts";
import "./bot-replies.css";

export function isBotSeat(ctx: Ctx, p: PartyId): boolean {
  return ctx.snap.seats[p]?.bot === true;
}

/** One line under the form about who reads a private message to `to`, and whether a reply comes. */
export function recipientNote(ctx: Ctx, me: PartyId, to: PartyId | "all"): string {
  if (to === "all") return "";
  const name = ctx.words.party(to);
  if (!isBotSeat(ctx, to)) return `${name} is played by people: they answer when they can.`;
  const view = ctx.snap.view;
  if (view.stage !== "negotiation" && view.stage !== "decisions") return `${name} is played by a bot; it answers messages during a week.`;
  if (!willAnswer(view, to, me)) return `${name}'s bot has answered you ${MAX_REPLIES_PER_PARTNER} times this week and will not reply again until next week. Make an offer instead.`;
  return `${name} is played by a bot: it answers private messages within a few seconds. Ask what it would accept for a term to get a package it will accept.`;
}

/** Bots whose reply to this player's latest message is still due: each shows as "typing…". */
export function botsTyping(ctx: Ctx, me: PartyId): PartyId[] {
  const view = ctx.snap.view;
  return PARTY_IDS.filter((bot) => {
    if (bot === me || !isBotSeat(ctx, bot) || !willAnswer(view, bot, me)) return false;
    const asked = view.messages.filter((m) => m.round === view.round && m.from === me && m.to === bot).at(-1);
    return asked !== undefined && !view.messages.some((m) => m.from === bot && m.to === me && m.id > asked.id);
  });
}

export function typingItem(ctx: Ctx, bot: PartyId): HTMLElement {
  return h("li", { class: "typing", "data-testid": `typing-${bot}` }, h("span", { class: "from" }, partyBadge(bot, ctx.words.colour(bot)), ctx.words.party(bot)), h("span", { class: "muted" }, "typing…"));
}

/** Terms either side could promise: what the recipient could be asked for, or what we could offer it. */
export function termsBetween(ctx: Ctx, me: PartyId, to: PartyId): TermKind[] {
  return TERM_KINDS.filter((k) => ctx.scenario.terms[k].givers.some((g) => g === me || g === to));
}

export function askText(ctx: Ctx, kind: TermKind): string {
  return askPriceText(ctx.scenario, kind);
}

/**
 * "Offer this package": under a bot's reply naming a package this week, one click proposes exactly
 * that package to it (the rules check it like any offer). Null when there is nothing to offer.
 */
export function offerNamedPackage(ctx: Ctx, me: PartyId, m: Message): HTMLElement | null {
  const view = ctx.snap.view;
  if (m.to !== me || m.round !== view.round || view.stage !== "negotiation") return null;
  const obligations = packageInReply(ctx.scenario, m);
  if (!obligations) return null;
  const bot = m.from;
  const offer = h("button", { type: "button", class: "btn", "data-testid": `offer-named-${m.id}` }, "Offer this package");
  offer.addEventListener("click", async () => {
    offer.disabled = true;
    const r = await ctx.send({ type: "propose", to: [bot], obligations, note: "" }, `Offer sent to ${ctx.words.party(bot)}.`);
    if (!r.ok) offer.disabled = false;
  });
  return h("div", { class: "btn-row named-package" }, offer);
}

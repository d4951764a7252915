// Inbox (offers awaiting our answer: accept, reject, counter), outbox (our open offers: withdraw)
// and the history of every offer we can see. Which buttons exist comes from shared's legalActions.
import { legalActions, offersAwaiting } from "../../../shared/legal.ts";
import type { Offer } from "../../../shared/state.ts";
import type { PartyId } from "../../../shared/ids.ts";
import { isPluralParty } from "../../../shared/wording.ts";
import { MAX_NOTE } from "../../../shared/actions.ts";
import type { Ctx } from "../app/context.ts";
import { button, fill, h } from "./dom.ts";
import { partyBadge } from "./party-style.ts";
import { focusNext } from "./focus-keeper.ts";
import { offerNumbers, windowOfferNumbers } from "../../../shared/offer-numbers.ts";
import { earlierControl, keepEarlierFresh } from "./earlier-button.ts";

export class OffersPanel {
  readonly el = h("section", { class: "offers", "aria-label": "Offers" });
  private readonly ctx: Ctx;
  private readonly onCounter: (o: Offer) => void;
  private key = "";
  private seen = new Set<number>();
  private first = true;
  /** History weeks the reader opened or closed, kept across updates. */
  private readonly openWeeks = new Map<number, boolean>();

  constructor(ctx: Ctx, onCounter: (o: Offer) => void) {
    this.ctx = ctx;
    this.onCounter = onCounter;
  }

  /** How many offers wait for our answer (for the tab's badge). */
  awaitingCount(): number {
    const me = this.ctx.me;
    return me ? offersAwaiting(this.ctx.state, me).length : 0;
  }

  /** The offers to show: the view's newest, and the earlier ones once the reader asked for them. */
  private offers(): { all: Offer[]; numbers: Map<number, number>; more: HTMLElement | null } {
    const v = this.ctx.snap.view;
    const leftOut = v.recordOnly?.offers ?? 0;
    const earlier = this.ctx.earlier<Offer>("offers");
    const { items, stale } = earlier.withEarlier(v.offers, leftOut);
    const redraw = () => {
      this.key = "";
      this.update();
    };
    keepEarlierFresh(earlier, stale, redraw);
    const complete = items.length === v.offers.length + leftOut;
    return {
      all: items,
      // The window's offers keep the numbers the seat knows them by, whichever it holds.
      numbers: complete ? offerNumbers(items) : windowOfferNumbers(v),
      more: earlierControl(earlier, leftOut, leftOut === 1 ? "offer" : "offers", redraw, "earlier-offers"),
    };
  }

  update(): void {
    const v = this.ctx.snap.view;
    const earlier = this.ctx.earlier<Offer>("offers");
    const key = JSON.stringify([v.offers, v.stage, v.ready, v.round, v.recordOnly?.offers ?? 0, earlier.wanted, earlier.loading, earlier.error, this.ctx.snap.timer?.paused ?? false]);
    if (key === this.key) return;
    this.key = key;
    this.render();
  }

  private numbers = new Map<number, number>();

  private card(o: Offer, actions: HTMLElement | null): HTMLElement {
    const w = this.ctx.words;
    // Numbered as this seat sees them (1, 2, 3…), never by the table-wide id.
    const numbers = this.numbers;
    const n = numbers.get(o.id) ?? 0;
    const counterOf = o.counterOf !== null ? numbers.get(o.counterOf) : undefined;
    const fresh = !this.first && !this.seen.has(o.id);
    this.seen.add(o.id);
    const proposerGives = o.obligations.filter((x) => x.party === o.proposer);
    const others = o.obligations.filter((x) => x.party !== o.proposer);
    const waiting = o.status === "open" ? o.recipients.filter((r) => !o.acceptedBy.includes(r)) : [];
    return h(
      "article",
      { class: `offer${fresh ? " arrive" : ""}`, style: `--pc:${w.colour(o.proposer)}`, "data-offer": o.id, "aria-label": `Offer ${n} from ${w.party(o.proposer)}` },
      h(
        "div",
        { class: "offer-head" },
        h("span", {}, h("span", { class: "muted small offer-no" }, `#${n} `), partyBadge(o.proposer, w.colour(o.proposer)), " ", h("strong", {}, w.party(o.proposer)), " → ", o.recipients.map((r) => w.party(r)).join(", "), o.counterOf !== null ? h("span", { class: "muted small" }, counterOf ? ` (counter to #${counterOf})` : " (a counter-offer)") : null),
        h("span", { class: `status ${o.status}` }, o.status),
      ),
      h(
        "div",
        { class: "cols" },
        h("div", {}, h("h4", {}, o.proposer === "mediators" && proposerGives.length === 0 ? "Brokered by the Mediators" : `${w.party(o.proposer)} gives`), proposerGives.length ? h("ul", {}, proposerGives.map((x) => h("li", {}, w.term(x.term)))) : h("p", { class: "empty" }, "nothing itself")),
        h("div", {}, h("h4", {}, "In return"), others.length ? h("ul", {}, others.map((x) => h("li", {}, `${w.party(x.party)}: ${w.term(x.term)}`))) : h("p", { class: "empty" }, "nothing asked")),
      ),
      o.note ? h("p", { class: "note" }, `“${o.note}”`) : null,
      this.thinking(waiting),
      o.status === "open" && o.acceptedBy.length ? h("p", { class: "small" }, `Accepted by ${o.acceptedBy.map((p) => w.party(p)).join(", ")}; waiting for ${waiting.map((p) => w.party(p)).join(", ")}.`) : null,
      // What each party that accepted said as it did (a bot always says why): the reasons a deal was made.
      o.notes.filter((x) => o.acceptedBy.includes(x.party)).map((x) => h("p", { class: "small answer-note", "data-testid": "accept-note" }, `${w.party(x.party)}: “${x.text}”`)),
      o.closedBy && o.status !== "open" ? h("p", { class: "small muted" }, `${o.status === "withdrawn" ? "Withdrawn" : o.status === "countered" ? "Countered" : "Rejected"} by ${w.party(o.closedBy)}${o.reason ? `: “${o.reason}”` : "."}`) : null,
      o.status === "expired"
        ? h("p", { class: "small muted", "data-testid": "lapse-note" }, o.reason ? `Lapsed: ${o.reason}.` : "Lapsed: the week's talks closed before every party it was addressed to had accepted it.")
        : null,
      actions,
    );
  }

  /**
   * Bots answer every offer within a few seconds (server/bot-driver.ts); until they do, the card
   * says they are considering it, so a wait is not mistaken for silence.
   */
  private thinking(waiting: readonly PartyId[]): HTMLElement | null {
    const bots = waiting.filter((p) => p !== this.ctx.me && this.ctx.snap.seats[p]?.bot);
    // Bots wait while the table is paused: then nobody is thinking.
    if (bots.length === 0 || this.ctx.snap.timer?.paused) return null;
    const w = this.ctx.words;
    const who = bots.map((p) => w.party(p)).join(", ");
    return h("p", { class: "small muted thinking", "data-testid": "thinking" }, `${who} ${bots.length === 1 && !isPluralParty(bots[0]!) ? "is" : "are"} thinking…`);
  }

  /** Closed offers grouped by week, newest first; only the latest week is open unless the reader chose. */
  private historyByWeek(history: Offer[]): HTMLElement[] {
    const weeks = [...new Set(history.map((o) => o.round))].sort((a, b) => b - a);
    return weeks.map((week) => {
      const offers = history.filter((o) => o.round === week);
      const accepted = offers.filter((o) => o.status === "accepted").length;
      const details = h(
        "details",
        { class: "offers-week", open: this.openWeeks.get(week) ?? week === weeks[0], "data-week": week },
        h("summary", { "data-focus-key": `offers-week-${week}` }, h("span", { class: "wk" }, `Week ${week}`), h("span", { class: "muted small" }, ` · ${offers.length} ${offers.length === 1 ? "offer" : "offers"}, ${accepted} accepted`)),
        offers.map((o) => this.card(o, null)),
      );
      details.addEventListener("toggle", () => this.openWeeks.set(week, details.open));
      return details;
    });
  }

  private render(): void {
    const ctx = this.ctx;
    const me = ctx.me;
    const v = ctx.snap.view;
    const { all, numbers, more } = this.offers();
    this.numbers = numbers;
    if (!me) {
      fill(this.el, h("h3", {}, "Offers"), all.length ? [...all].reverse().map((o) => this.card(o, null)) : h("p", { class: "empty" }, "No offers you can see yet."), more);
      this.first = false;
      return;
    }
    const legal = legalActions(ctx.state, me);
    const can = (type: string, id: number) => legal.some((a) => a.type === type && "offerId" in a && a.offerId === id);
    const inbox = v.offers.filter((o) => o.status === "open" && o.recipients.includes(me));
    const outbox = v.offers.filter((o) => o.status === "open" && o.proposer === me);
    const history = all.filter((o) => o.status !== "open").reverse();

    // After answering an offer, focus goes to the next one's Accept, else to "done negotiating".
    const afterAnswer = (id: number) => {
      const next = inbox.find((o) => o.id !== id && can("accept", o.id));
      focusNext(...(next ? [`accept-${next.id}`] : []), "ready", "ready-done", "#tab-offers");
    };
    // If a card leaves while one of its controls has focus (another party closed the offer), focus
    // goes to the next offer's Accept, else the one before, else "done negotiating".
    const answerable = inbox.filter((o) => can("accept", o.id));
    const focusThen = (id: number): string => {
      const at = answerable.findIndex((o) => o.id === id);
      const others = [...answerable.slice(at + 1), ...answerable.slice(0, Math.max(at, 0)).reverse()];
      return [...others.map((o) => `accept-${o.id}`), "ready", "ready-done", "#tab-offers"].join(" ");
    };
    const inboxCards = inbox.map((o) => {
      const then = focusThen(o.id);
      const reason = h("input", { type: "text", maxlength: MAX_NOTE, "aria-label": "Reason (optional)", placeholder: "Reason (optional)", "data-focus-key": `reason-${o.id}`, "data-focus-then": then });
      const acts = can("accept", o.id)
        ? h(
            "div",
            { class: "btn-row" },
            button("Accept", async (e) => {
              (e.currentTarget as HTMLButtonElement).disabled = true;
              afterAnswer(o.id);
              await ctx.send({ type: "accept", offerId: o.id }, "Accepted.");
            }, "btn-primary", { "data-testid": `accept-${o.id}`, "data-focus-then": then }),
            button("Counter…", () => this.onCounter(o), "btn", { "data-testid": `counter-${o.id}`, "data-focus-then": then }),
            button("Reject", async (e) => {
              (e.currentTarget as HTMLButtonElement).disabled = true;
              afterAnswer(o.id);
              await ctx.send({ type: "reject", offerId: o.id, reason: reason.value }, "Rejected.");
            }, "btn-danger", { "data-testid": `reject-${o.id}`, "data-focus-then": then }),
            reason,
          )
        : h("p", { class: "small muted" }, "You have accepted; the package binds when every party has.");
      return this.card(o, acts);
    });
    const outboxCards = outbox.map((o) =>
      this.card(
        o,
        can("withdraw", o.id)
          ? h("div", { class: "btn-row" }, button("Withdraw", async () => void (await ctx.send({ type: "withdraw", offerId: o.id }, "Withdrawn.")), "btn", { "data-testid": `withdraw-${o.id}` }))
          : null,
      ),
    );

    const canReady = legal.some((a) => a.type === "ready");
    const waiting = (["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const).filter((p) => !v.ready.includes(p));
    const readyBox =
      v.stage === "negotiation"
        ? h(
            "div",
            { class: "panel-section card", style: "padding:0.7rem" },
            canReady
              ? h(
                  "div",
                  { class: "btn-row" },
                  button("We are done negotiating", async (e) => {
                    (e.currentTarget as HTMLButtonElement).disabled = true;
                    focusNext("ready-done");
                    await ctx.send({ type: "ready" });
                  }, "btn-primary", { "data-testid": "ready" }),
                  h("span", { class: "small muted" }, "Open offers lapse when everyone is done."),
                )
              : h("p", { class: "small", style: "margin:0", tabindex: -1, "data-focus-key": "ready-done" }, "✓ You are done negotiating. "),
            h("p", { class: "small muted", style: "margin:0.3rem 0 0" }, waiting.length ? `Still negotiating: ${waiting.map((p) => ctx.words.party(p)).join(", ")}.` : "Everyone is done."),
          )
        : null;

    fill(
      this.el,
      readyBox,
      h("h3", {}, `Inbox (${inbox.length})`),
      inboxCards.length ? inboxCards : h("p", { class: "empty" }, v.stage === "negotiation" ? "No offers waiting for your answer." : "Negotiation is over for this week."),
      h("h3", {}, `Your open offers (${outbox.length})`),
      outboxCards.length ? outboxCards : h("p", { class: "empty" }, "None open."),
      h("h3", {}, "History"),
      history.length ? this.historyByWeek(history) : h("p", { class: "empty" }, "No offers closed yet."),
      more,
    );
    this.first = false;
  }
}

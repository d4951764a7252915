// The offer composer: a quid pro quo built from the catalogue of terms. Each obligation names who
// does what; the terms offered for a party are exactly shared's availableTerms, each parameter is
// checked by checkTerm, and the whole package by the reducer itself (checkIntentOn) before sending.
// The Mediators can broker: a package where only the other parties give.
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { availableTerms, checkTerm } from "../../../shared/terms.ts";
import { amountBounds } from "../../../shared/amount-bounds.ts";
import { checkIntentOn } from "../../../shared/view-state.ts";
import { NEW_OFFERS_PER_WEEK, newOffersLeft, offerAllowanceBlocker } from "../../../shared/offer-allowance.ts";
import type { Obligation, Offer, Term } from "../../../shared/state.ts";
import type { PartyIntentInput } from "../../../shared/actions.ts";
import { MAX_NOTE } from "../../../shared/actions.ts";
import type { Ctx } from "../app/context.ts";
import { button, field, fill, h, select } from "./dom.ts";
import { partyBadge } from "./party-style.ts";
import { sentence } from "../net/session.ts";
import { focusNext } from "./focus-keeper.ts";

export class OfferComposer {
  readonly el = h("section", { class: "composer", "aria-labelledby": "composer-title" });
  private readonly ctx: Ctx;
  private recipients = new Set<PartyId>();
  private obligations: Obligation[] = [];
  private note = "";
  /** When countering: the offer, and which of its obligations are kept. */
  private counterOf: Offer | null = null;
  private keep = new Set<number>();
  private adderParty: PartyId | null = null;
  private readonly onSent: () => void;
  private roundKey = "";

  constructor(ctx: Ctx, onSent: () => void) {
    this.ctx = ctx;
    this.onSent = onSent;
  }

  /** Starts a counter-offer to `offer`: everything kept, nothing added yet. */
  counter(offer: Offer): void {
    this.counterOf = offer;
    this.keep = new Set(offer.obligations.map((_, i) => i));
    this.obligations = [];
    this.note = "";
    this.adderParty = this.ctx.me;
    this.render();
    focusNext("keep-0", "term-party");
  }

  /** Re-renders only when the table has moved on in a way that changes what can be composed. */
  update(): void {
    const v = this.ctx.snap.view;
    const key = `${v.round}:${v.stage}:${v.phase}:${JSON.stringify(v.tracks)}:${this.counterOf ? v.offers.find((o) => o.id === this.counterOf!.id)?.status : ""}:${this.ctx.me ? newOffersLeft(v, this.ctx.me) : ""}`;
    if (key === this.roundKey) return;
    this.roundKey = key;
    if (this.counterOf && v.offers.find((o) => o.id === this.counterOf!.id)?.status !== "open") this.counterOf = null;
    this.render();
  }

  private get me(): PartyId {
    return this.ctx.me!;
  }

  private involved(): PartyId[] {
    if (this.counterOf) return [this.counterOf.proposer, ...this.counterOf.recipients];
    return [this.me, ...PARTY_IDS.filter((p) => this.recipients.has(p))];
  }

  private intent(): PartyIntentInput | null {
    const note = this.note.trim();
    if (this.counterOf)
      return { type: "counter", offerId: this.counterOf.id, keep: [...this.keep].sort((a, b) => a - b), add: this.obligations, note };
    if (this.recipients.size === 0) return null;
    return { type: "propose", to: PARTY_IDS.filter((p) => this.recipients.has(p)), obligations: this.obligations, note };
  }

  private render(): void {
    const ctx = this.ctx;
    if (!ctx.me) {
      fill(this.el, h("p", { class: "empty" }, "Only a seated party can make offers."));
      return;
    }
    if (ctx.snap.view.stage !== "negotiation") {
      fill(this.el, h("h3", { id: "composer-title" }, "New offer"), h("p", { class: "empty" }, "Offers are made during negotiation. The table is now deciding in secret."));
      return;
    }
    const me = this.me;
    const isMediator = me === "mediators";
    const words = ctx.words;

    // Recipients (fixed when countering).
    let recipientsEl: HTMLElement;
    if (this.counterOf) {
      const o = this.counterOf;
      recipientsEl = h(
        "div",
        { class: "panel-section" },
        h("p", {}, h("strong", {}, `Counter-offer to ${words.party(o.proposer)}'s offer`), ` — it goes back to ${this.involved().filter((p) => p !== me).map((p) => words.party(p)).join(", ")}.`),
        h(
          "fieldset",
          {},
          h("legend", {}, "Keep from the original"),
          o.obligations.map((ob, i) => {
            const box = h("input", { type: "checkbox", checked: this.keep.has(i), "data-focus-key": `keep-${i}` });
            box.addEventListener("change", () => {
              if (box.checked) this.keep.add(i);
              else this.keep.delete(i);
              // The lists of what each side gives below show kept terms too.
              this.render();
            });
            return h("label", { class: "check" }, box, h("span", {}, words.obligation(ob)));
          }),
        ),
        button("Cancel counter-offer", () => {
          this.counterOf = null;
          this.obligations = [];
          this.render();
        }, "btn-quiet"),
      );
    } else {
      const boxes = PARTY_IDS.filter((p) => p !== me).map((p) => {
        const box = h("input", { type: "checkbox", value: p, checked: this.recipients.has(p), "data-party": p, "data-focus-key": `recipient-${p}` });
        box.addEventListener("change", () => {
          if (box.checked) this.recipients.add(p);
          else {
            this.recipients.delete(p);
            this.obligations = this.obligations.filter((o) => o.party !== p);
            if (this.adderParty === p) this.adderParty = me;
          }
          this.render();
        });
        return h("label", { class: "check" }, box, partyBadge(p, words.colour(p)), h("span", {}, words.party(p)));
      });
      recipientsEl = h(
        "fieldset",
        {},
        h("legend", {}, isMediator ? "Parties to the package" : "Offer to"),
        h("div", { class: "recipients" }, boxes),
        h("p", { class: "hint" }, isMediator ? "As the Mediators you can broker: choose two parties and say what each gives the other. You need not give anything yourself." : "Choose one party, or several for a package that needs everyone's acceptance."),
      );
    }

    // Obligations grouped by who gives: terms kept from the original (when countering), then added ones.
    const kept = this.counterOf ? this.counterOf.obligations.filter((_, i) => this.keep.has(i)) : [];
    const groups = this.involved().map((p) => {
      const keptRows = kept
        .filter((o) => o.party === p)
        .map((o) => h("div", { class: "ob-row" }, h("span", {}, words.term(o.term), " ", h("span", { class: "muted small" }, "(kept from the original)"))));
      const rows = this.obligations
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => o.party === p)
        .map(({ o, i }) =>
          h(
            "div",
            { class: "ob-row" },
            h("span", {}, words.term(o.term)),
            button("Remove", () => {
              this.obligations.splice(i, 1);
              this.render();
            }, "btn-quiet", { "aria-label": `Remove ${words.obligation(o)}`, "data-focus-key": `remove-${p}-${o.term.kind}-${o.term.option ?? ""}` }),
          ),
        );
      const all = [...keptRows, ...rows];
      const title = p === me ? "What we give" : `What ${words.party(p)} gives`;
      return h("div", { class: "panel-section" }, h("h4", {}, partyBadge(p, words.colour(p)), " ", title), all.length ? all : h("p", { class: "empty" }, p === me && isMediator ? "Nothing (brokering)." : "Nothing yet."));
    });

    const noteEl = h("textarea", { maxlength: MAX_NOTE, rows: 2 });
    noteEl.value = this.note;
    noteEl.addEventListener("input", () => {
      this.note = noteEl.value;
    });
    // The week's allowance of new offers, as the rules count it; a counter-offer does not use it.
    // Once it is spent, the status line below says so in the rules' words.
    const left = newOffersLeft(ctx.snap.view, me);
    const allowance = this.counterOf
      ? h("p", { class: "hint", "data-testid": "offers-left" }, "A counter-offer answers an offer and does not use your new offers for the week.")
      : h("p", { class: "hint", "data-testid": "offers-left" }, `New offers left this week: ${left} of ${NEW_OFFERS_PER_WEEK}.`);
    const status = h("p", { class: "error-text", role: "status", "data-testid": "composer-status" });
    const send = h("button", { type: "submit", class: "btn-primary", "data-testid": "send-offer" }, this.counterOf ? "Send counter-offer" : "Send offer");
    const form = h(
      "form",
      {},
      h("h3", { id: "composer-title" }, this.counterOf ? "Counter-offer" : isMediator ? "New offer or brokered package" : "New offer"),
      allowance,
      recipientsEl,
      groups,
      this.adder(),
      field(`Note (optional, up to ${MAX_NOTE} characters)`, noteEl),
      status,
      h("div", { class: "btn-row" }, send),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const intent = this.intent();
      if (!intent || this.refreshStatus()) return;
      send.disabled = true;
      const r = await ctx.send(intent, this.counterOf ? "Counter-offer sent." : "Offer sent.");
      send.disabled = false;
      if (r.ok) {
        this.obligations = [];
        this.note = "";
        this.counterOf = null;
        this.recipients.clear();
        this.render();
        this.onSent();
      }
    });
    fill(this.el, form);
    this.refreshStatus();
  }

  /** Shows why the package cannot be sent yet (the rules' own words); returns true if it cannot. */
  private refreshStatus(): boolean {
    const status = this.el.querySelector<HTMLElement>("[data-testid=composer-status]");
    const send = this.el.querySelector<HTMLButtonElement>("[data-testid=send-offer]");
    const intent = this.intent();
    let problem: string | null = null;
    // A spent allowance is said first: no choice of parties or terms would get a new offer through.
    const spent = this.counterOf ? null : offerAllowanceBlocker(this.ctx.snap.view, this.me);
    if (spent) problem = sentence(spent.message);
    else if (!intent) problem = "Choose who the offer is for.";
    else if (intent.type === "propose" && intent.obligations.length === 0) problem = "Add at least one term.";
    else {
      // On the snapshot's state, made once (context.ts), not again at every keystroke.
      const err = checkIntentOn(this.ctx.scenario, this.ctx.state, this.me, intent);
      if (err) problem = sentence(err.message);
    }
    if (status) status.textContent = problem ?? "";
    if (send) {
      send.setAttribute("aria-disabled", String(problem !== null));
      send.classList.toggle("is-disabled", problem !== null);
    }
    return problem !== null;
  }

  /** The row that adds one obligation: who, which term, its amount or choice. */
  private adder(): HTMLElement {
    const ctx = this.ctx;
    const involved = this.involved();
    if (!this.adderParty || !involved.includes(this.adderParty)) this.adderParty = involved.find((p) => p !== this.me) ?? this.me;
    const party = this.adderParty;
    const who = select(involved.map((p) => ({ value: p, label: p === this.me ? `${ctx.words.party(p)} (us)` : ctx.words.party(p) })), party, { "data-testid": "term-party" });
    who.addEventListener("change", () => {
      this.adderParty = who.value as PartyId;
      this.render();
    });
    // Asked by us: our own earlier promises count against what we can promise, as the rules count them.
    const kinds = availableTerms(ctx.scenario, ctx.state, party, this.me);
    const error = h("p", { class: "error-text", role: "alert" });
    if (kinds.length === 0)
      return h("div", { class: "adder" }, h("div", { class: "two" }, field("Who", who)), h("p", { class: "empty" }, `${ctx.words.party(party)} has nothing it can promise in this phase.`));
    const kind = select(kinds.map((k) => ({ value: k, label: ctx.scenario.terms[k].label })), kinds[0], { "data-testid": "term-kind" });
    const paramHost = h("div", {});
    const desc = h("p", { class: "term-desc" });
    let readTerm: () => Term = () => ({ kind: kinds[0]! });
    const drawParam = () => {
      const k = kind.value as (typeof kinds)[number];
      const spec = ctx.scenario.terms[k];
      desc.textContent = spec.description;
      const param = spec.param;
      const bounds = param.type === "amount" ? amountBounds(ctx.scenario, ctx.state, party, k, this.me) : null;
      if (param.type === "amount" && bounds) {
        const input = h("input", { type: "number", min: bounds.min, max: bounds.max, step: bounds.step, value: bounds.suggested, "data-testid": "term-amount" });
        const located =
          bounds.deliverableNow !== null && bounds.deliverableNow < bounds.max
            ? `${bounds.deliverableNow} can be handed over now; a larger promise is kept only in part.`
            : undefined;
        fill(paramHost, field(`Amount (${param.unit}, ${bounds.min === bounds.max ? bounds.min : `${bounds.min}–${bounds.max}`})`, input, located));
        readTerm = () => ({ kind: k, amount: Number(input.value) });
      } else if (param.type === "choice") {
        const options = param.options.filter((o) => checkTerm(ctx.scenario, ctx.state, party, { kind: k, option: o }, "t", this.me) === null);
        const choice = select(options.map((o) => ({ value: o, label: ctx.words.option(o) })), options[0], { "data-testid": "term-option" });
        fill(paramHost, field("Which", choice));
        readTerm = () => ({ kind: k, option: choice.value });
      } else {
        fill(paramHost);
        readTerm = () => ({ kind: k });
      }
    };
    kind.addEventListener("change", drawParam);
    drawParam();
    const add = button(
      "Add term",
      () => {
        const term = readTerm();
        const bad = checkTerm(ctx.scenario, ctx.state, party, term, "term", this.me);
        if (bad) {
          error.textContent = sentence(bad.message);
          return;
        }
        this.obligations.push({ party, term });
        this.render();
      },
      "btn",
      { "data-testid": "add-term" },
    );
    return h("div", { class: "adder" }, h("div", { class: "two" }, field("Who does it", who), field("Term", kind)), desc, paramHost, error, h("div", { class: "btn-row" }, add));
  }
}

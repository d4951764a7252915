// A first game that teaches itself: in a solo player's first week, an optional guide walks through
// the week — read the event, make one offer, answer one, decide, read what changed — pointing at
// the panel for each step. Every step after the first is recognised from the table itself (an offer
// of ours exists, we answered one, we decided, the week closed), so a reload resumes at the right
// step. It can be skipped at any time, and once finished or skipped it stays away (localStorage).
import type { Ctx } from "../app/context.ts";
import { PARTY_IDS } from "../../../shared/ids.ts";
import { button, fill, h } from "./dom.ts";

const STORE_KEY = "ceasefire-table:guide";

type StepId = "event" | "offer" | "answer" | "decide" | "changed";

interface Step {
  id: StepId;
  title: string;
  text: string;
  /** Where the step points. */
  target: string;
  /** The action tab that holds the step's controls, if any. */
  tab?: string;
}

const STEPS: Step[] = [
  { id: "event", title: "Read the event", text: "Each week opens with an event drawn from what happened in the first months of the ceasefire. It has already moved some tracks. Underlined words have a short explanation: hover, tap or press Enter on them.", target: ".event-card" },
  { id: "offer", title: "Make one offer", text: "Under Propose, pick a party, add what you give and what you ask in return, then send it. Bots answer within moments, with their reasons.", target: "#tab-compose", tab: "compose" },
  { id: "answer", title: "Answer one offer", text: "Offers to you arrive under Offers. Accept, reject with a reason, or counter. A package binds only when every party in it accepts.", target: "#tab-offers", tab: "offers" },
  { id: "decide", title: "Decide, in secret", text: "When everyone is done negotiating, choose whether to honour each promise and what to do on your own. At review you are warned of red lines and costs at home.", target: "#tab-decide", tab: "decide" },
  { id: "changed", title: "Read what changed", text: "The week resolves: promises kept or broken, effects, a possible flare-up. The digest says what moved and who did what.", target: "[data-testid=week-digest]" },
];

function stored(): string | null {
  try {
    return localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

function store(value: "done"): void {
  try {
    localStorage.setItem(STORE_KEY, value);
  } catch {
    // Private windows may refuse storage; the guide then simply returns next game.
  }
}

export class GuidedWalk {
  readonly el = h("section", { class: "guide", "aria-labelledby": "guide-title", "data-testid": "guide" });
  private readonly ctx: Ctx;
  private readonly selectTab: (tab: string) => void;
  /** Whether the player said yes to the guide; null until asked. */
  private accepted: boolean | null = null;
  private eventRead = false;
  private key = "";
  private pointed: Element | null = null;

  constructor(ctx: Ctx, selectTab: (tab: string) => void) {
    this.ctx = ctx;
    this.selectTab = selectTab;
  }

  /** A solo player: a seat of our own and bots in every other seat. */
  private solo(): boolean {
    const me = this.ctx.me;
    if (!me) return false;
    const seats = this.ctx.snap.seats;
    return PARTY_IDS.every((p) => p === me || seats[p]?.bot === true);
  }

  /** The first step not yet done, read from the table (only the event is remembered here). */
  private current(): Step | null {
    const me = this.ctx.me!;
    const v = this.ctx.snap.view;
    if (v.round > 2 || v.stage === "ended") return null;
    const week1 = v.offers.filter((o) => o.round === 1);
    const done: Record<StepId, boolean> = {
      event: this.eventRead || v.round > 1,
      offer: v.round > 1 || week1.some((o) => o.proposer === me),
      answer: v.round > 1 || week1.some((o) => o.recipients.includes(me) && (o.acceptedBy.includes(me) || o.closedBy === me)),
      decide: v.round > 1 || v.decided.includes(me),
      changed: false,
    };
    // Once negotiation is over, steps left undone there are passed by.
    if (v.stage === "decisions" || v.round > 1) done.offer = done.answer = true;
    return STEPS.find((s) => !done[s.id]) ?? null;
  }

  private finish(): void {
    store("done");
    this.accepted = false;
    this.point(null);
    this.el.hidden = true;
    fill(this.el);
  }

  private point(selector: string | null): void {
    this.pointed?.classList.remove("guide-target");
    this.pointed = selector ? document.querySelector(selector) : null;
    this.pointed?.classList.add("guide-target");
  }

  update(): void {
    const v = this.ctx.snap.view;
    const show = this.solo() && stored() !== "done" && this.accepted !== false && v.round >= 1 && v.round <= 2 && v.stage !== "ended";
    if (!show) {
      if (!this.el.hidden) this.point(null);
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const step = this.accepted ? this.current() : null;
    const key = JSON.stringify([this.accepted, step?.id, v.round, v.stage]);
    if (key === this.key) {
      // Panels redraw their contents; keep the pointer on the step's target.
      if (step) this.point(step.target);
      return;
    }
    this.key = key;
    if (this.accepted === null) {
      if (v.round !== 1) return this.finish();
      fill(
        this.el,
        h("h2", { id: "guide-title" }, "First game?"),
        h("p", {}, "A short guide can walk you through your first week: five steps, and you can stop at any time."),
        h(
          "div",
          { class: "btn-row" },
          button("Show me around", () => {
            this.accepted = true;
            this.update();
          }, "btn-primary", { "data-testid": "guide-start" }),
          button("No thanks", () => this.finish(), "btn", { "data-testid": "guide-skip" }),
        ),
      );
      return;
    }
    if (!step) return this.finish();
    const index = STEPS.indexOf(step);
    if (step.tab) this.selectTab(step.tab);
    this.point(step.target);
    fill(
      this.el,
      h("p", { class: "kicker" }, `Guide · step ${index + 1} of ${STEPS.length}`),
      h("h2", { id: "guide-title" }, step.title),
      h("p", { "aria-live": "polite" }, step.text),
      h(
        "div",
        { class: "btn-row" },
        step.id === "event"
          ? button("I have read it", () => {
              this.eventRead = true;
              this.update();
            }, "btn-primary", { "data-testid": "guide-next" })
          : null,
        step.id === "changed" ? button("Finish the guide", () => this.finish(), "btn-primary", { "data-testid": "guide-finish" }) : null,
        // On a phone the panel a step points at may be far down the page.
        button("Show me where", () => document.querySelector(step.target)?.scrollIntoView({ block: "center" }), "btn-quiet", { "data-testid": "guide-show" }),
        step.id !== "changed" ? button("Skip the guide", () => this.finish(), "btn", { "data-testid": "guide-skip" }) : null,
      ),
    );
  }
}

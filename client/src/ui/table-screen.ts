// The table during play: the Phaser canvas (map and seats) with the week's event and the news,
// the tracks, and the action panels (offers, composer, messages, decisions) as tabs.
import { PARTY_IDS } from "../../../shared/ids.ts";
import type { Offer } from "../../../shared/state.ts";
import type { Ctx } from "../app/context.ts";
import { fill, h } from "./dom.ts";
import { TracksPanel } from "./tracks-panel.ts";
import { OffersPanel } from "./offers-panel.ts";
import { OfferComposer } from "./offer-composer.ts";
import { MessagesPanel } from "./messages-panel.ts";
import { DecisionsPanel } from "./decisions-panel.ts";
import { EventCard, NewsFeed } from "./news-panel.ts";
import { partyBadge } from "./party-style.ts";
import { FacilitatorPanel } from "./facilitator-panel.ts";
import { HomePanel } from "./home-panel.ts";
import { GuidedWalk } from "./guided-walk.ts";
import { SecretsPanel } from "./secrets-panel.ts";

export type TabKey = "offers" | "compose" | "messages" | "decide" | "host";

export class TableScreen {
  readonly el: HTMLElement;
  readonly canvasHost = h("div", { class: "canvas-wrap", role: "img", "aria-label": "Map of the Gaza Strip and the six parties around the table" }, h("p", { class: "canvas-fallback" }, "Drawing the table…"));
  private readonly ctx: Ctx;
  private readonly tracks: TracksPanel;
  private readonly offers: OffersPanel;
  private readonly composer: OfferComposer;
  private readonly messages: MessagesPanel;
  private readonly decisions: DecisionsPanel;
  private readonly event: EventCard;
  private readonly news: NewsFeed;
  private readonly home: HomePanel;
  private readonly guide: GuidedWalk;
  private readonly seatStatus = h("section", { class: "card", "aria-labelledby": "seats-title" });
  private readonly tabButtons = new Map<TabKey, HTMLButtonElement>();
  private readonly tabPanels = new Map<TabKey, HTMLElement>();
  private tab: TabKey = "offers";

  /** The tab open now. */
  get current(): TabKey {
    return this.tab;
  }
  private lastStage = "";
  private seenMessages = 0;

  /** Whether this page holds the host key of a table with people at it (solo tables need none). */
  private readonly hosting: boolean;
  /** The teacher's view: every party's secrets, beside the host controls. */
  private readonly secrets: SecretsPanel | null;

  /** Told which tab is open, so a reload can come back to it. */
  private readonly onSelect: (tab: TabKey) => void;

  constructor(ctx: Ctx, hosting = false, onSelect: (tab: TabKey) => void = () => {}) {
    this.ctx = ctx;
    this.hosting = hosting;
    this.onSelect = onSelect;
    this.tracks = new TracksPanel(ctx);
    this.offers = new OffersPanel(ctx, (o: Offer) => {
      this.composer.counter(o);
      this.select("compose", true);
    });
    // A sent offer shows the offers again, with focus on their tab.
    this.composer = new OfferComposer(ctx, () => this.select("offers", true));
    this.messages = new MessagesPanel(ctx);
    this.decisions = new DecisionsPanel(ctx);
    this.event = new EventCard(ctx);
    this.news = new NewsFeed(ctx);
    this.home = new HomePanel(ctx);
    this.guide = new GuidedWalk(ctx, (k) => this.select(k as TabKey));
    this.secrets = ctx.session.seat === "facilitator" ? new SecretsPanel(ctx) : null;

    const labels: Record<TabKey, string> = { offers: "Offers", compose: ctx.me === "mediators" ? "Broker" : "Propose", messages: "Messages", decide: "Decide", host: "Host" };
    const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "Your actions" });
    const panels: Record<TabKey, HTMLElement> = { offers: this.offers.el, compose: this.composer.el, messages: this.messages.el, decide: this.decisions.el, host: this.hosting ? new FacilitatorPanel(ctx).el : h("div") };
    const keys = [...(ctx.me ? ["offers", "compose", "messages", "decide"] : ["offers", "messages", "decide"]), ...(this.hosting ? ["host"] : [])] as TabKey[];
    keys.forEach((k, i) => {
      const b = h("button", { type: "button", role: "tab", id: `tab-${k}`, "aria-controls": `panel-${k}`, "data-tab": k }, labels[k]);
      b.addEventListener("click", () => this.select(k));
      b.addEventListener("keydown", (e) => {
        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
        const next = keys[(i + (e.key === "ArrowRight" ? 1 : keys.length - 1)) % keys.length]!;
        this.select(next, true);
      });
      this.tabButtons.set(k, b);
      tablist.append(b);
      const panel = h("div", { role: "tabpanel", id: `panel-${k}`, "aria-labelledby": `tab-${k}` }, panels[k]);
      this.tabPanels.set(k, panel);
    });

    this.el = h(
      "div",
      { class: "table-layout" },
      h("div", { class: "area-stage" }, this.guide.el, this.canvasHost, this.seatStatus),
      this.secrets ? h("div", { class: "area-secrets" }, this.secrets.el) : null,
      h("div", { class: "area-feed stage-row" }, this.event.el, this.news.el),
      h("aside", { class: "area-actions card", "aria-label": "Your actions" }, tablist, [...this.tabPanels.values()]),
      h("div", { class: "area-tracks" }, this.home.el, this.tracks.el),
    );
    // A teacher coaching the table starts at its host controls (the parties' secrets are beside them).
    this.select(this.secrets && this.hosting ? "host" : "offers");
  }

  select(k: TabKey, focus = false): void {
    if (!this.tabButtons.has(k)) return;
    this.tab = k;
    this.onSelect(k);
    for (const [key, b] of this.tabButtons) {
      const on = key === k;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    for (const [key, p] of this.tabPanels) p.hidden = key !== k;
  }

  update(): void {
    const v = this.ctx.snap.view;
    if (v.stage !== this.lastStage) {
      // Move people to where the action is when the stage changes (the teacher stays on the host
      // controls); focus follows unless the person is busy elsewhere (writing a message, reading the news).
      const active = document.activeElement;
      const follow = this.lastStage !== "" && (!active || active === document.body || (this.el.querySelector(".area-actions")?.contains(active) === true && !this.messages.el.contains(active)));
      if (this.secrets && this.hosting) {
        // The teacher stays on the host controls.
      } else if (v.stage === "decisions") this.select("decide", follow);
      else if (v.stage === "negotiation" && this.lastStage !== "") this.select("offers", follow);
      this.lastStage = v.stage;
    }
    this.tracks.update();
    this.offers.update();
    this.composer.update();
    this.messages.update();
    this.decisions.update();
    this.event.update();
    this.news.update();
    this.home.update();
    this.guide.update();
    this.secrets?.update();
    this.renderSeats();
    const awaiting = this.offers.awaitingCount();
    this.badge("offers", awaiting);
    const msgs = this.messages.count();
    if (this.tab === "messages") this.seenMessages = msgs;
    this.badge("messages", msgs - this.seenMessages);
    this.badge("decide", v.stage === "decisions" && this.ctx.me && !v.decided.includes(this.ctx.me) ? 1 : 0);
  }

  private badge(k: TabKey, n: number): void {
    const b = this.tabButtons.get(k);
    if (!b) return;
    b.querySelector(".count")?.remove();
    if (n > 0) b.append(h("span", { class: "count", "aria-label": `${n} new` }, String(n)));
  }

  private renderSeats(): void {
    const ctx = this.ctx;
    const s = ctx.snap;
    const v = s.view;
    fill(
      this.seatStatus,
      h("h2", { id: "seats-title", class: "visually-hidden" }, "The parties"),
      h(
        "ul",
        { class: "seat-list", style: "grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr))" },
        PARTY_IDS.map((p) => {
          const seat = s.seats[p];
          const done = v.stage === "negotiation" ? v.ready.includes(p) : v.stage === "decisions" ? v.decided.includes(p) : false;
          const who = p === ctx.me ? "you" : seat?.bot ? "bot" : seat?.names.length ? seat.names.join(", ") : "open";
          return h(
            "li",
            { "data-party": p },
            partyBadge(p, ctx.words.colour(p)),
            h("strong", {}, ctx.words.party(p)),
            h("span", { class: "muted small" }, who),
            done ? h("span", { class: "status accepted" }, v.stage === "negotiation" ? "✓ done" : "✓ decided") : null,
            v.stage === "decisions" && seat?.submittedBy && v.decided.includes(p) && p === ctx.me ? h("span", { class: "small muted" }, `by ${seat.submittedBy}`) : null,
          );
        }),
      ),
      // The ring's numbers and lines carry no words of their own on the canvas.
      h(
        "p",
        { class: "muted small ring-key", "data-testid": "ring-key" },
        ctx.me
          ? "On the ring, the number on each line from your seat is your trust in that party, out of 100. Thick solid lines join parties that trust each other; thin dashed ones, parties that do not."
          : "On the ring, thick solid lines join parties that trust each other; thin dashed ones, parties that do not.",
      ),
    );
  }
}

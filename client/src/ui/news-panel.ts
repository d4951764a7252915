// The week's event card (with its source) and the news feed of every week's resolution.
import type { Ctx } from "../app/context.ts";
import { button, fill, h } from "./dom.ts";
import { openSources } from "./sources-dialog.ts";
import { partyBadge } from "./party-style.ts";

export class EventCard {
  readonly el = h("section", { class: "card event-card", "aria-live": "polite", "aria-labelledby": "event-title" });
  private readonly ctx: Ctx;
  private key = "";

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const v = this.ctx.snap.view;
    const key = `${v.round}:${v.roundEvents.join(",")}`;
    if (key === this.key) return;
    this.key = key;
    const cards = v.roundEvents.map((id) => this.ctx.words.event(id)).filter((e) => e !== null);
    // Re-trigger the entrance animation for a new card.
    this.el.style.animation = "none";
    void this.el.offsetWidth;
    this.el.style.animation = "";
    fill(
      this.el,
      h("p", { class: "kicker" }, `Week ${v.round} · this week's event`),
      cards.length
        ? cards.map((e, i) =>
            h(
              "div",
              {},
              h("h2", { id: i === 0 ? "event-title" : undefined }, e.title),
              h("p", {}, e.text),
              button("Where this comes from", () => openSources(this.ctx.scenario, e.source), "btn-quiet small"),
            ),
          )
        : [h("h2", { id: "event-title" }, v.round === 0 ? "The table has not begun" : "A quiet week"), h("p", { class: "muted" }, "No new development shook the talks.")],
    );
  }
}

export class NewsFeed {
  readonly el = h("section", { class: "card news", "aria-labelledby": "news-title", tabindex: 0 });
  private readonly ctx: Ctx;
  private count = -1;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const v = this.ctx.snap.view;
    if (v.news.length === this.count) return;
    const before = this.count;
    this.count = v.news.length;
    const w = this.ctx.words;
    const items = v.news.map((n, i) => ({ n, i })).reverse();
    fill(
      this.el,
      h("h2", { id: "news-title" }, "News from the table"),
      h(
        "ol",
        { "aria-live": "polite" },
        items.map(({ n, i }) =>
          h(
            "li",
            { class: before >= 0 && i >= before ? "fresh" : "" },
            h("span", { class: "wk" }, `W${n.round}`),
            h("span", { class: "kind" }, n.kind.replace("_", "-"), " "),
            n.parties.slice(0, 3).map((p) => partyBadge(p, w.colour(p), 12)),
            " ",
            n.text,
          ),
        ),
      ),
    );
  }
}

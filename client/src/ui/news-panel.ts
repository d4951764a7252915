// The week's event card (with its source), what changed last week, and the news grouped by week.
import type { Ctx } from "../app/context.ts";
import { button, fill, h } from "./dom.ts";
import { openSources } from "./sources-dialog.ts";
import { partyBadge } from "./party-style.ts";
import { weekDigest } from "../../../shared/week-digest.ts";
import { glossed } from "./glossary.ts";
import "./reading.css";
import type { NewsItem } from "../../../shared/state.ts";
import { earlierControl, keepEarlierFresh } from "./earlier-button.ts";

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
      h("p", { class: "kicker" }, `Week ${v.round} · this week's ${cards.length > 1 ? "events" : "event"}`),
      cards.length
        ? cards.map((e, i) =>
            h(
              "div",
              {},
              h("h2", { id: i === 0 ? "event-title" : undefined }, e.title),
              h("p", {}, glossed(this.ctx.scenario, e.text, undefined, "event")),
              button("Where this comes from", () => openSources(this.ctx.scenario, e.source), "btn-quiet small"),
            ),
          )
        : [h("h2", { id: "event-title" }, v.round === 0 ? "The table has not begun" : "A quiet week"), h("p", { class: "muted" }, "No new development shook the talks.")],
    );
  }
}

/**
 * "What changed last week" (the digest from shared/, so every seat and bot reads the same account)
 * above the news grouped by week. Only the latest week is open; older weeks fold, so the feed
 * stays short however long the game runs. A week a person opened stays open across updates.
 */
export class NewsFeed {
  private readonly digest = h("section", { class: "card digest", "data-testid": "week-digest", "aria-labelledby": "digest-title" });
  private readonly news = h("section", { class: "card news", "aria-labelledby": "news-title", tabindex: 0 });
  /** The digest stays in view above the news, which scrolls on its own. */
  readonly el = h("div", { class: "feed-column" }, this.digest, this.news);
  private readonly ctx: Ctx;
  private key = "";
  private seen = -1;
  /** Weeks the reader opened or closed by hand, so a new news item does not undo it. */
  private readonly chosen = new Map<number, boolean>();

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const v = this.ctx.snap.view;
    // The feed's newest items are in the view; earlier ones are read from the record on request.
    const leftOut = v.recordOnly?.news ?? 0;
    const earlier = this.ctx.earlier<NewsItem>("news");
    const redraw = () => {
      this.key = "";
      this.update();
    };
    const { items: news, stale } = earlier.withEarlier(v.news, leftOut);
    keepEarlierFresh(earlier, stale, redraw);
    const total = leftOut + v.news.length;
    const key = `${total}:${news.length}:${v.history.length}:${v.round}:${earlier.loading}:${earlier.wanted}:${earlier.error}`;
    if (key === this.key) return;
    this.key = key;
    const before = this.seen;
    this.seen = total;
    const w = this.ctx.words;
    const weeks = [...new Set(news.map((n) => n.round))].sort((a, b) => b - a);
    const latest = weeks[0];
    // Each item's place in the whole feed, to mark the ones that arrived since the last update.
    const offset = total - news.length;
    const index = new Map(news.map((n, i) => [n, offset + i]));
    const more = earlierControl(earlier, leftOut, "news items", redraw, "earlier-news");
    // Each glossary term is explained once in the panel, where it first appears.
    const seen = new Set<string>();
    const digest = digestLines(this.ctx, seen);
    this.digest.hidden = digest === null;
    fill(this.digest, digest);
    fill(
      this.news,
      h("h2", { id: "news-title" }, "News by week"),
      weeks.length === 0 ? h("p", { class: "empty" }, "No news yet.") : null,
      weeks.map((week) => {
        const items = news.filter((n) => n.round === week);
        const open = this.chosen.get(week) ?? week === latest;
        const fresh = items.filter((n) => before >= 0 && (index.get(n) ?? 0) >= before).length;
        const details = h(
          "details",
          { class: "news-week", open, "data-week": week },
          h(
            "summary",
            { "data-focus-key": `news-week-${week}` },
            h("span", { class: "wk" }, week === 0 ? "Before week 1" : `Week ${week}`),
            h("span", { class: "muted small" }, ` · ${items.length} ${items.length === 1 ? "item" : "items"}`),
            fresh > 0 && !open ? h("span", { class: "count" }, `${fresh} new`) : null,
          ),
          h(
            "ol",
            {},
            items.map((n) =>
              h(
                "li",
                { class: before >= 0 && (index.get(n) ?? 0) >= before ? "fresh" : "" },
                h("span", { class: "kind" }, KIND_WORDS[n.kind] ?? n.kind, " "),
                n.parties.slice(0, 3).map((p) => partyBadge(p, w.colour(p), 12)),
                " ",
                glossed(this.ctx.scenario, n.text, seen, `news-${week}`),
              ),
            ),
          ),
        );
        details.addEventListener("toggle", () => this.chosen.set(week, details.open));
        return details;
      }),
      more,
    );
  }
}

const KIND_WORDS: Record<string, string> = {
  event: "event",
  commitment: "promise",
  move: "move",
  isf: "ISF",
  disarmament: "disarmament",
  aid: "aid",
  flare_up: "flare-up",
  phase: "phase",
  outcome: "outcome",
  statement: "statement",
};

/** The digest of the last week resolved, or nothing before the first week ends. */
function digestLines(ctx: Ctx, seen: Set<string>): HTMLElement[] | null {
  const v = ctx.snap.view;
  const last = v.history[v.history.length - 1];
  if (!last) return null;
  const digest = weekDigest(ctx.scenario, v, last.round);
  if (!digest) return null;
  return [
    h("h2", { id: "digest-title" }, `What changed in week ${digest.round}`),
    h("ul", {}, digest.lines.map((line) => h("li", {}, glossed(ctx.scenario, line, seen, "digest")))),
  ];
}

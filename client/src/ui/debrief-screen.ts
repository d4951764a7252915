// The debrief: how the table ended and why (TableView.explanation), the scores, every party's
// objectives revealed, the tracks over the weeks (TableView.history), and a timeline of offers and
// of commitments kept or broken. Then play again, or again with roles swapped. The view holds only
// the last weeks' offers and commitments; the debrief reads the earlier ones from the table's record
// as it opens, and draws the timeline (and the charts, once every week is in) again when they arrive.
import { forPeople, scoresForPeople } from "../../../shared/wording.ts";
import { OUTCOME_IDS, PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import type { Ctx } from "../app/context.ts";
import { button, field, fill, h, select } from "./dom.ts";
import { lineChart } from "./charts.ts";
import { partyBadge, PARTY_TAG } from "./party-style.ts";
import type { Commitment, Offer } from "../../../shared/state.ts";
import type { TableView } from "../../../shared/views.ts";

export interface DebriefActions {
  playAgain(party: PartyId | null): void;
  home(): void;
}

/** The seat across the table from each party, the natural swap for a second game. */
export const SWAP: Record<PartyId, PartyId> = {
  israel: "hamas",
  hamas: "israel",
  mediators: "board_of_peace",
  board_of_peace: "mediators",
  qatar: "turkiye",
  turkiye: "qatar",
};

export class DebriefScreen {
  readonly el = h("div", { class: "debrief" });
  private readonly ctx: Ctx;
  private readonly actions: DebriefActions;
  private rendered = false;
  /** What the timeline and the charts were last drawn from. */
  private drawnFrom = "";
  private timeline: HTMLElement = h("section");
  private charts: HTMLElement = h("section");

  constructor(ctx: Ctx, actions: DebriefActions) {
    this.ctx = ctx;
    this.actions = actions;
  }

  /** Every offer and commitment of the game, as far as they have been read from the record. */
  private whole(v: TableView): { offers: Offer[]; commitments: Commitment[]; key: string } {
    const offers = this.ctx.earlier<Offer>("offers");
    const commitments = this.ctx.earlier<Commitment>("commitments");
    const redraw = () => this.update();
    // The debrief needs them all: read them as it opens (once; again if some are still missing).
    const o = offers.withEarlier(v.offers, v.recordOnly?.offers ?? 0);
    const c = commitments.withEarlier(v.commitments, v.recordOnly?.commitments ?? 0);
    if ((v.recordOnly?.offers ?? 0) > 0 && !offers.loading && !offers.error && (!offers.wanted || o.stale)) void offers.load().then(redraw);
    if ((v.recordOnly?.commitments ?? 0) > 0 && !commitments.loading && !commitments.error && (!commitments.wanted || c.stale)) void commitments.load().then(redraw);
    return { offers: o.items, commitments: c.items, key: `${o.items.length}:${c.items.length}:${v.history.length}:${offers.loading || commitments.loading}` };
  }

  update(): void {
    const v = this.ctx.snap.view;
    if (this.rendered) {
      // Drawn already: only the parts that wait for the record are drawn again.
      const whole = this.whole(v);
      if (whole.key === this.drawnFrom) return;
      this.drawnFrom = whole.key;
      const charts = this.chartsOf(v);
      const timeline = this.timelineOf(v, whole.offers, whole.commitments);
      this.charts.replaceWith(charts);
      this.timeline.replaceWith(timeline);
      this.charts = charts;
      this.timeline = timeline;
      return;
    }
    this.rendered = true;
    const ctx = this.ctx;
    const w = ctx.words;
    const outcome = v.outcome ?? "frozen_line";
    const ex = v.explanation;
    const me = ctx.me;

    const head = h(
      "section",
      { class: `card outcome-banner ${outcome}`, "aria-labelledby": "outcome-title", "data-testid": "debrief" },
      h("p", { class: "kicker muted small" }, `The table ended after week ${v.round} of ${v.rounds}`),
      h("h1", { id: "outcome-title", tabindex: -1, "data-focus-key": "debrief-start" }, ctx.scenario.outcomes[outcome].label),
      h(
        "ol",
        { class: "outcome-ladder", "aria-label": "Possible outcomes, worst to best" },
        OUTCOME_IDS.map((o) => h("li", { class: o === outcome ? "reached" : "" }, o === outcome ? `● ${ctx.scenario.outcomes[o].label}` : ctx.scenario.outcomes[o].label)),
      ),
      h("p", {}, h("strong", {}, ctx.scenario.outcomes[outcome].summary)),
      ex ? ex.paragraphs.map((p) => h("p", {}, p)) : null,
      ex && ex.requirements.length
        ? [
            h("h2", { class: "h3" }, outcome === "pathway_to_peace" ? "What held" : "What the next outcome needed"),
            h(
              "ul",
              { class: "req" },
              ex.requirements.map((r) => h("li", { class: r.met ? "met" : "unmet" }, h("span", { class: "mark", "aria-hidden": "true" }, r.met ? "✓" : "✗"), h("span", { class: "visually-hidden" }, r.met ? "met: " : "not met: "), r.label)),
            ),
          ]
        : null,
    );

    const scores = v.scores;
    // Totals equal once rounded but not in fact keep their decimal: the top score is seen to be higher.
    const totals = scores ? scoresForPeople(Object.fromEntries(PARTY_IDS.map((p) => [p, scores[p].total])) as Record<PartyId, number>) : null;
    const scoreTable = h(
      "section",
      { class: "card", "aria-labelledby": "scores-title" },
      h("h2", { id: "scores-title" }, "Scores"),
      scores
        ? h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Scores table (scrolls sideways)" }, h(
            "table",
            { class: "scores" },
            // The total beside the party: on a phone the table scrolls sideways, and the number that
            // decides stays in view.
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Party"), h("th", { scope: "col" }, "Total"), h("th", { scope: "col" }, "Objectives"), h("th", { scope: "col" }, "Standing"), h("th", { scope: "col" }, "Outcome"))),
            h(
              "tbody",
              {},
              [...PARTY_IDS]
                .sort((a, b) => scores[b].total - scores[a].total)
                .map((p) =>
                  h(
                    "tr",
                    { class: v.winners.includes(p) ? "winner" : "" },
                    h("td", {}, partyBadge(p, w.colour(p)), " ", w.party(p), p === me ? " (you)" : "", v.winners.includes(p) ? " ★ top score" : ""),
                    h("td", {}, h("strong", {}, totals![p])),
                    h("td", {}, forPeople(scores[p].objectives)),
                    h("td", {}, forPeople(scores[p].standing)),
                    h("td", {}, forPeople(scores[p].outcome)),
                  ),
                ),
            ),
          ))
        : h("p", { class: "empty" }, "No scores."),
      h("p", { class: "small muted" }, "Score = secret objectives met + standing (at home, less what broken commitments cost in trust) + a share of the shared outcome."),
    );

    const objectives = h(
      "section",
      { class: "card", "aria-labelledby": "objectives-title" },
      h("h2", { id: "objectives-title" }, "Every party's secret objectives"),
      PARTY_IDS.map((p) => {
        const priv = v.private[p];
        return h(
          "div",
          { class: "panel-section" },
          h("h3", {}, partyBadge(p, w.colour(p)), " ", w.fullParty(p)),
          priv
            ? priv.objectives.map((o) => h("div", { class: "objective" }, h("span", {}, h("strong", { "aria-hidden": "true" }, o.met ? "✓ " : "✗ "), h("span", { class: "visually-hidden" }, o.met ? "met: " : "not met: "), o.text), h("span", { class: "pts" }, o.met ? `${o.points} pts` : `0 of ${o.points}`)))
            : h("p", { class: "empty" }, "Hidden."),
        );
      }),
    );

    const whole = this.whole(v);
    this.drawnFrom = whole.key;
    const charts = (this.charts = this.chartsOf(v));
    const timeline = (this.timeline = this.timelineOf(v, whole.offers, whole.commitments));

    const swapTo = select(
      PARTY_IDS.filter((p) => p !== me).map((p) => ({ value: p, label: `${w.fullParty(p)} (${PARTY_TAG[p]})` })),
      me ? SWAP[me] : "israel",
      { "data-testid": "swap-party" },
    );
    const again = h(
      "section",
      { class: "card", "aria-labelledby": "again-title" },
      h("h2", { id: "again-title" }, "Play again"),
      h("p", { class: "muted" }, "Try the same seat with what you now know, or sit on the other side of the table."),
      h(
        "div",
        { class: "btn-row" },
        button("Play again", () => this.actions.playAgain(me), "btn-primary", { "data-testid": "play-again" }),
        me ? field("Swap to", swapTo) : null,
        me ? button("Play again with roles swapped", () => this.actions.playAgain(swapTo.value as PartyId), "btn", { "data-testid": "play-swapped" }) : null,
        button("Back to the title screen", () => this.actions.home(), "btn-quiet"),
      ),
    );

    fill(this.el, head, h("div", { class: "debrief-grid" }, scoreTable, timeline), charts, objectives, again);
  }

  private chartsOf(v: TableView): HTMLElement {
    const ctx = this.ctx;
    const hist = v.history;
    const rounds = hist.map((r) => r.round);
    const series = (key: keyof (typeof hist)[number]["tracks"]) => hist.map((r) => r.tracks[key]);
    return h(
      "section",
      { "aria-labelledby": "charts-title" },
      h("h2", { id: "charts-title" }, "The tracks, week by week"),
      hist.length
        ? h(
            "div",
            { class: "charts" },
            lineChart("Ceasefire stability", rounds, [{ label: "stability", values: series("stability"), colour: "#0072B2" }], { min: 0, max: 100 }),
            lineChart("Aid trucks per day", rounds, [{ label: "trucks/day", values: series("aidTrucks"), colour: "#009E73" }], { min: 0, max: 800, target: ctx.scenario.weights.aidTarget, targetLabel: `${ctx.scenario.weights.aidTarget} target` }),
            lineChart("Hostages and remains", rounds, [
              { label: "living hostages released", values: series("hostagesReleased"), colour: "#56B4E9" },
              { label: "remains returned", values: series("remainsReturned"), colour: "#CC79A7" },
            ], { min: 0, max: 28 }),
            lineChart("Share of the strip under Israeli control (%)", rounds, [{ label: "% under control", values: series("israeliControl"), colour: "#D55E00" }], { min: 0, max: 100 }),
            lineChart("Backing and grounding", rounds, [
              { label: "multilateral backing", values: series("multilateralBacking"), colour: "#0072B2" },
              { label: "institutional grounding", values: series("institutionalGrounding"), colour: "#E69F00" },
            ], { min: 0, max: 100 }),
            lineChart("Disarmament (%)", rounds, [
              { label: "heavy weapons", values: series("disarmHeavy"), colour: "#E69F00" },
              { label: "tunnels", values: series("disarmTunnels"), colour: "#009E73" },
              { label: "small arms", values: series("disarmSmallArms"), colour: "#CC79A7" },
            ], { min: 0, max: 100 }),
            lineChart("ISF troops and trust between Israel and Hamas", rounds, [
              { label: "trust Israel–Hamas", values: hist.map((r) => r.trustIsraelHamas), colour: "#D55E00" },
              { label: "ISF troops (hundreds)", values: hist.map((r) => (r.tracks.isfTurkiye + r.tracks.isfQatar + r.tracks.isfRegional + r.tracks.isfUs) / 100), colour: "#0072B2" },
            ], { min: 0, max: 100 }),
          )
        : h("p", { class: "empty" }, "No weeks were played."),
    );

  }

  private timelineOf(v: TableView, offers: Offer[], commitments: Commitment[]): HTMLElement {
    const w = this.ctx.words;
    const events: Array<{ round: number; text: string }> = [];
    for (const o of offers) events.push({ round: o.round, text: `Offer: ${w.offerSummary(o)} — ${o.status}` });
    for (const c of commitments)
      events.push({
        round: c.round,
        text: `${w.party(c.party)} ${c.status === "broken" ? "broke" : c.status === "partial" ? `partly kept (${c.delivered})` : c.status === "honoured" ? "kept" : "had pending"} its commitment: ${w.term(c.term)}`,
      });
    for (const r of v.history) if (r.flareUp) events.push({ round: r.round, text: "A flare-up at the line." });
    events.sort((a, b) => a.round - b.round);
    const reading = this.ctx.earlier("offers").loading || this.ctx.earlier("commitments").loading;
    return h(
      "section",
      { class: "card", "aria-labelledby": "timeline-title" },
      h("h2", { id: "timeline-title" }, "Timeline of offers and commitments"),
      reading ? h("p", { class: "muted small", role: "status" }, "Reading the earlier weeks…") : null,
      events.length ? h("ol", { class: "timeline", tabindex: 0, "aria-labelledby": "timeline-title" }, events.map((e) => h("li", {}, h("span", { class: "wk" }, `Week ${e.round}`), h("span", {}, e.text)))) : h("p", { class: "empty" }, "No offers were made."),
    );

  }
}

// Before round one: the party's briefing in its own voice — situation, what it wants, red lines,
// leverage, secret objectives — and the lobby (code, who has joined, start button for the host).
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import type { Ctx } from "../app/context.ts";
import type { PartySpec } from "../../../shared/scenario-schema.ts";
import { button, fill, h } from "./dom.ts";
import { partyBadge, PARTY_TAG } from "./party-style.ts";
import { openSources } from "./sources-dialog.ts";
import { toast } from "./notify.ts";

/** A party's situation, wants and leverage in its own voice: the screen's briefing and the printed role sheet. */
export function briefingSections(spec: PartySpec): HTMLElement[] {
  return [
    h("h3", {}, "Your situation"),
    h("p", {}, spec.briefing.situation),
    h("h3", {}, "What you want"),
    h("ul", {}, spec.briefing.wants.map((w) => h("li", {}, w))),
    h("h3", {}, "Your leverage"),
    h("ul", {}, spec.briefing.leverage.map((w) => h("li", {}, w))),
  ];
}

/** The briefing text of one party; used before round one and from the table's "Briefing" button. */
export function briefingContent(ctx: Ctx, party: PartyId): HTMLElement {
  const spec = ctx.scenario.parties[party];
  const priv = ctx.snap.view.private[party];
  const objectives = priv?.objectives ?? [];
  return h(
    "div",
    { class: "briefing-body" },
    h(
      "div",
      { class: "party-head", style: `--pc:${spec.colour}` },
      partyBadge(party, spec.colour, 34),
      h("div", {}, h("h2", { tabindex: -1, "data-focus-key": "briefing-start" }, spec.name), h("p", { class: "muted small" }, `Your seat (${PARTY_TAG[party]}). Your domestic pressure: ${spec.pressureLabel.toLowerCase()}.`)),
    ),
    ...briefingSections(spec),
    h("h3", {}, "Your red lines"),
    spec.redLines.length
      ? h(
          "ul",
          {},
          spec.redLines.map((r) =>
            h("li", {}, r.text, " ", button("source", () => openSources(ctx.scenario, r.source), "btn-quiet small", { "aria-label": `Source for: ${r.text}` })),
          ),
        )
      : h("p", { class: "empty" }, "None."),
    h("p", { class: "muted small" }, "Honouring a commitment that crosses a red line is allowed, but it costs you at home."),
    h("h3", {}, "Your secret objectives ", h("span", { class: "secret" }, "Only you see these")),
    objectives.length
      ? objectives.map((o) => h("div", { class: "objective" }, h("span", {}, o.text), h("span", { class: "pts" }, `${o.points} pts`)))
      : h("p", { class: "empty" }, "Your objectives arrive when you take your seat."),
    h("p", { class: "muted small" }, "Your score is your objectives met, plus your standing (at home, less what any broken promise costs you in trust), plus a share of how the table ends."),
  );
}

export class BriefingScreen {
  readonly el = h("div", { class: "briefing" });
  private readonly lobby = h("section", { class: "card", "aria-labelledby": "lobby-title" });
  private readonly ctx: Ctx;
  private built = false;

  private readonly onDone: () => void;
  /** A solo game: nobody else can join, so no code or link is offered. */
  private readonly soloGame: boolean;
  /** The stage this screen last showed: the host beginning the game is told about once. */
  private shownStage: string | null = null;
  /** Takes down the "week has begun" notice: it says to go to the table, so it ends there. */
  private dismissBegun: () => void = () => {};

  constructor(ctx: Ctx, onDone: () => void, soloGame = false) {
    this.ctx = ctx;
    this.onDone = onDone;
    this.soloGame = soloGame;
  }

  update(): void {
    const ctx = this.ctx;
    const me = ctx.me;
    if (!this.built || (me && !this.el.querySelector(".objective") && ctx.snap.view.private[me])) {
      this.built = true;
      const main = h("section", { class: "card", "aria-label": "Briefing" });
      if (me) main.append(briefingContent(ctx, me));
      else
        main.append(
          h("h2", {}, ctx.session.seat === "facilitator" ? "You are facilitating this table" : "You are watching this table"),
          h("p", {}, "The six parties read their briefings now. Each one sees only its own objectives; everything is revealed in the debrief."),
          h("ul", {}, PARTY_IDS.map((p) => h("li", {}, h("strong", {}, ctx.scenario.parties[p].name), ": ", ctx.scenario.parties[p].briefing.wants[0] ?? ""))),
        );
      fill(this.el, main, this.lobby);
    }
    this.renderLobby();
    // The host began the game while this person reads: the week's clock runs, and the way to the
    // table is at the foot of a long briefing (on a phone, far below what they are reading). A solo
    // game begins by itself, and a host knows: they began it.
    const stage = ctx.snap.view.stage;
    const toldByOthers = !this.soloGame && ctx.session.kind !== "local" && ctx.session.hostKey === null;
    if (this.shownStage === "briefing" && stage !== "briefing" && me && toldByOthers)
      this.dismissBegun = toast(`Week ${ctx.snap.view.round} has begun. Go to the table when you have read your briefing: the button is at its end.`, "info", 12_000);
    this.shownStage = stage;
  }

  private renderLobby(): void {
    const ctx = this.ctx;
    const snap = ctx.snap;
    const link = `${location.origin}${location.pathname}?table=${encodeURIComponent(snap.code)}`;
    const isHost = ctx.session.hostKey !== null;
    const solo = this.soloGame || ctx.session.kind === "local";
    // Everyone else a bot at a table the page did not create: nobody is waiting for the code either.
    const alone = solo || (!isHost && PARTY_IDS.every((p) => p === ctx.me || snap.seats[p]?.bot !== false));
    fill(
      this.lobby,
      h("h2", { id: "lobby-title" }, alone ? "Ready when you are" : "The table"),
      !alone
        ? h(
            "div",
            { class: "panel-section" },
            h("p", { class: "small muted" }, "Table code"),
            h(
              "div",
              { class: "lobby-code" },
              h("span", { class: "code-box", "data-testid": "table-code" }, snap.code),
              button("Copy link", () => {
                void navigator.clipboard?.writeText(link).then(
                  () => toast("Link copied."),
                  () => toast(`Share this link: ${link}`),
                );
              }),
            ),
            h("p", { class: "small muted" }, "Players join from the title screen with this code, or by opening the link."),
          )
        : null,
      h("h3", {}, "Seats"),
      h(
        "ul",
        { class: "seat-list" },
        PARTY_IDS.map((p) => {
          const s = snap.seats[p];
          const who = s && s.names.length ? s.names.join(", ") : s?.bot ? "bot" : "open";
          return h("li", {}, partyBadge(p, ctx.words.colour(p)), h("strong", {}, ctx.words.party(p)), h("span", { class: "muted" }, who), p === ctx.me ? h("span", { class: "status open" }, "you") : null);
        }),
      ),
      h(
        "div",
        { class: "btn-row", style: "margin-top:1rem" },
        snap.view.stage !== "briefing"
          ? button(ctx.me ? "I have read my briefing: to the table" : "Go to the table", () => {
              this.dismissBegun();
              this.onDone();
            }, "btn-primary", { "data-testid": "to-table" })
          : isHost
            ? this.beginButton()
            : h("p", { class: "muted" }, "Waiting for the host to start the first week…"),
        button("Sources", () => openSources(ctx.scenario), "btn"),
      ),
      snap.view.stage !== "briefing" ? h("p", { class: "small muted" }, `Week ${snap.view.round} has begun. You can reread this briefing at any time from the top bar.`) : null,
    );
  }

  private beginButton(): HTMLButtonElement {
    const b = button(
      "Begin week 1",
      async () => {
        b.disabled = true;
        const r = await this.ctx.session.command({ type: "begin" });
        if (!r.ok) {
          toast(r.error.message, "error");
          b.disabled = false;
        }
      },
      "btn-primary",
      { "data-testid": "begin" },
    );
    return b;
  }
}

// The secret decisions of a week. Every control shown is one of shared's decisionOptions; the
// choice is checked by the rules (checkIntentOn) as it is made, confirmed in plain words, then sent.
// A team's work in progress is saved as a draft, so teammates on other screens see the same form.
import { WEAPON_CATEGORIES, type DdrElement, type MoveId, type ZoneId } from "../../../shared/ids.ts";
import { decisionOptions, emptyDecision, PLEDGE_STEP, type DecisionOptions } from "../../../shared/decisions.ts";
import { checkIntentOn } from "../../../shared/view-state.ts";
import { standInDecision } from "../../../shared/stand-in.ts";
import type { Decision } from "../../../shared/state.ts";
import type { Ctx } from "../app/context.ts";
import { button, field, fill, h, select } from "./dom.ts";
import { sentence } from "../net/session.ts";
import { decisionWarnings } from "../../../shared/decision-warnings.ts";
import { warningsBlock } from "./decision-warnings-view.ts";
import { recallSeat, rememberSeat } from "../net/seat-memory.ts";
import { focusNext } from "./focus-keeper.ts";

const MANDATE_WORDS: Record<string, string> = {
  "": "Keep the current mandate",
  monitor: "Monitor: observe and report",
  stabilise: "Stabilise: patrol and protect",
  enforce: "Enforce: disarm by force if needed",
};

export class DecisionsPanel {
  readonly el = h("section", { class: "decision", "aria-labelledby": "decision-title" });
  private readonly ctx: Ctx;
  private key = "";
  private decision: Decision = emptyDecision();
  private confirming = false;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  update(): void {
    const ctx = this.ctx;
    const v = ctx.snap.view;
    const me = ctx.me;
    const mine = me ? v.private[me] : undefined;
    const seat = me ? ctx.snap.seats[me] : undefined;
    const submitted = me ? v.decided.includes(me) : false;
    const key = JSON.stringify([v.round, v.stage, v.phase, submitted, seat?.submittedBy, v.decided, me && v.stage === "decisions" ? decisionOptions(ctx.scenario, ctx.state, me) : null]);
    if (key === this.key) return;
    const roundChanged = !this.key.startsWith(`[${v.round},"${v.stage}"`);
    this.key = key;
    if (roundChanged) {
      // This tab's own unsent choices first (a reload mid-decision), then the team's saved draft,
      // else what the deadline would play for the seat (its bot's choice, every promise kept), so a
      // team that only confirms hands in a considered decision rather than doing nothing.
      const local = ctx.session.kind === "online" ? recallSeat(ctx.session.code)?.draft : undefined;
      this.decision =
        local && local.round === v.round
          ? local.decision
          : mine?.draft
            ? structuredClone(mine.draft)
            : me && v.stage === "decisions"
              ? standInDecision(ctx.scenario, v, me)
              : emptyDecision();
      this.confirming = false;
    }
    this.render();
  }

  private render(): void {
    const ctx = this.ctx;
    const me = ctx.me;
    const v = ctx.snap.view;
    const title = h("h3", { id: "decision-title" }, `Decisions for week ${v.round}`);
    if (!me) {
      fill(this.el, title, h("p", {}, `Decided so far: ${v.decided.map((p) => ctx.words.party(p)).join(", ") || "nobody yet"}.`));
      return;
    }
    const waitingFor = (["mediators", "israel", "hamas", "qatar", "turkiye", "board_of_peace"] as const).filter((p) => !v.decided.includes(p));
    if (v.stage !== "decisions") {
      fill(this.el, title, h("p", { class: "empty" }, "Decisions open once every party is done negotiating (or the negotiation timer ends). You will then choose, in secret, whether to honour each commitment and what to do on your own."));
      return;
    }
    if (v.decided.includes(me)) {
      const by = ctx.snap.seats[me]?.submittedBy;
      fill(
        this.el,
        title,
        h("div", { class: "submitted", "data-testid": "submitted", tabindex: -1 }, h("strong", {}, "✓ Decisions submitted"), by ? ` by ${by}` : "", ". They stay secret until the week resolves."),
        h("p", { class: "small muted" }, waitingFor.length ? `Waiting for: ${waitingFor.map((p) => ctx.words.party(p)).join(", ")}.` : "Resolving the week…"),
      );
      return;
    }
    // The view as a state, made once for this snapshot: every check of the form asks it.
    const state = ctx.state;
    const options = decisionOptions(ctx.scenario, state, me);
    if (this.confirming) {
      this.renderConfirm(title, options);
      return;
    }
    const error = h("p", { class: "error-text", role: "alert", "data-testid": "decision-error" });
    const changed = (save = true) => {
      const bad = checkIntentOn(ctx.scenario, state, me, { type: "decide", decision: this.decision });
      error.textContent = bad ? sentence(bad.message) : "";
      if (save) this.saveDraft();
    };

    const sections: HTMLElement[] = [];
    // Commitments
    sections.push(
      h(
        "fieldset",
        {},
        h("legend", {}, "Your commitments due this week"),
        options.commitments.length
          ? options.commitments.map((c) => {
              const name = `c-${c.id}`;
              const honour = h("input", { type: "radio", name, value: "honour", checked: !this.decision.breaks.includes(c.id), "data-testid": `honour-${c.id}` });
              const brk = h("input", { type: "radio", name, value: "break", checked: this.decision.breaks.includes(c.id), "data-testid": `break-${c.id}` });
              const onChange = () => {
                this.decision.breaks = this.decision.breaks.filter((x) => x !== c.id);
                if (brk.checked) this.decision.breaks.push(c.id);
                changed();
                this.render();
              };
              honour.addEventListener("change", onChange);
              brk.addEventListener("change", onChange);
              return h(
                "div",
                { class: "commit" },
                h("div", {}, h("strong", {}, ctx.words.term(c.term)), h("span", { class: "muted small" }, ` — promised to ${c.counterparties.map((p) => ctx.words.party(p)).join(", ")}`)),
                h("div", { class: "choice", role: "radiogroup", "aria-label": `Commitment: ${ctx.words.term(c.term)}` }, h("label", { class: "check" }, honour, "Honour it"), h("label", { class: "check" }, brk, "Break it (costs trust and stability)")),
              );
            })
          : h("p", { class: "empty" }, "No commitments fall due for you this week."),
      ),
    );

    // Moves, one radio group per move group.
    const groups = new Map<string, MoveId[]>();
    for (const m of options.moves) groups.set(ctx.scenario.moves[m].group, [...(groups.get(ctx.scenario.moves[m].group) ?? []), m]);
    if (groups.size)
      sections.push(
        h(
          "fieldset",
          {},
          h("legend", {}, "Your own moves this week"),
          [...groups.entries()].map(([group, moves]) => {
            const name = `g-${group}`;
            const chosen = moves.find((m) => this.decision.moves.includes(m)) ?? "";
            const choose = (m: MoveId | "") => {
              this.decision.moves = this.decision.moves.filter((x) => !moves.includes(x));
              if (m) this.decision.moves.push(m);
              changed();
            };
            const none = h("input", { type: "radio", name, value: "", checked: chosen === "", "data-focus-key": `no-move-${group}` });
            none.addEventListener("change", () => choose(""));
            return h(
              "div",
              { role: "radiogroup", "aria-label": `Move: ${group}`, class: "panel-section" },
              h("label", { class: "move" }, none, h("span", {}, h("strong", {}, "No move"), " ", h("span", { class: "muted small" }, `(${group})`))),
              moves.map((m) => {
                const spec = ctx.scenario.moves[m];
                const conflict = options.conflicts[m];
                const input = h("input", { type: "radio", name, value: m, checked: chosen === m, "data-testid": `move-${m}` });
                input.addEventListener("change", () => choose(m));
                return h("label", { class: "move" }, input, h("strong", {}, spec.label), h("span", { class: "term-desc" }, spec.description), conflict ? h("span", { class: "conflict" }, `⚠ ${sentence(conflict)}`) : null);
              }),
            );
          }),
        ),
      );

    // ISF and disarmament
    if (options.canPledge) {
      const pledge = h("input", { type: "number", min: 0, max: options.maxPledge, step: PLEDGE_STEP, value: this.decision.pledge, "data-testid": "pledge" });
      pledge.addEventListener("input", () => {
        this.decision.pledge = Number(pledge.value) || 0;
        changed();
      });
      sections.push(h("fieldset", {}, h("legend", {}, "ISF troops"), field(`Extra troops pledged this week (steps of ${PLEDGE_STEP}, up to ${options.maxPledge})`, pledge)));
    }
    if (options.canSetMandate || options.zones.length) {
      const parts: HTMLElement[] = [];
      if (options.canSetMandate) {
        const mandate = select(
          ["", "monitor", "stabilise", "enforce"].map((m) => ({ value: m, label: MANDATE_WORDS[m]! })),
          this.decision.mandate ?? "",
          { "data-testid": "mandate" },
        );
        mandate.addEventListener("change", () => {
          this.decision.mandate = (mandate.value || null) as Decision["mandate"];
          changed();
        });
        parts.push(field("ISF mandate", mandate, "Contributors withdraw from an enforce mandate that has no political roadmap."));
      }
      if (options.zones.length)
        parts.push(
          h(
            "div",
            { role: "group", "aria-label": "Deploy the ISF to" },
            h("p", { class: "small" }, h("strong", {}, "Deploy the ISF to")),
            options.zones.map((z: ZoneId) => {
              const box = h("input", { type: "checkbox", checked: this.decision.zones.includes(z), "data-testid": `zone-${z}` });
              box.addEventListener("change", () => {
                this.decision.zones = this.decision.zones.filter((x) => x !== z);
                if (box.checked) this.decision.zones.push(z);
                changed();
              });
              return h("label", { class: "check" }, box, ctx.words.option(z));
            }),
          ),
        );
      sections.push(h("fieldset", {}, h("legend", {}, "Stabilisation force"), parts));
    }
    if (options.canDecommission)
      sections.push(
        h(
          "fieldset",
          {},
          h("legend", {}, "Decommissioning (percentage points this week)"),
          WEAPON_CATEGORIES.map((w) => {
            const input = h("input", { type: "number", min: 0, max: options.maxDecommission, step: 1, value: this.decision.decommission[w], "data-testid": `decommission-${w}` });
            input.addEventListener("input", () => {
              this.decision.decommission[w] = Math.round(Number(input.value) || 0);
              changed();
            });
            return field(`${ctx.words.option(w)} (0–${options.maxDecommission})`, input);
          }),
        ),
      );
    if (options.ddr.length)
      sections.push(
        h(
          "fieldset",
          {},
          h("legend", {}, "Roadmap elements you put in place"),
          options.ddr.map((e: DdrElement) => {
            const box = h("input", { type: "checkbox", checked: this.decision.ddr.includes(e), "data-testid": `ddr-${e}` });
            box.addEventListener("change", () => {
              this.decision.ddr = this.decision.ddr.filter((x) => x !== e);
              if (box.checked) this.decision.ddr.push(e);
              changed();
            });
            return h("label", { class: "check" }, box, ctx.words.option(e));
          }),
        ),
      );

    const review = button(
      "Review and submit",
      () => {
        const bad = checkIntentOn(ctx.scenario, state, me, { type: "decide", decision: this.decision });
        if (bad) {
          error.textContent = sentence(bad.message);
          return;
        }
        this.confirming = true;
        this.render();
      },
      "btn-primary",
      { "data-testid": "review-decision" },
    );
    fill(
      this.el,
      title,
      h("p", { class: "small muted" }, "Everyone decides at the same time, in secret. Only legal choices are shown."),
      sections,
      error,
      h("div", { class: "btn-row" }, review),
      h("p", { class: "small muted" }, `Decided so far: ${v.decided.map((p) => ctx.words.party(p)).join(", ") || "nobody yet"}.`),
    );
    changed(false);
  }

  private renderConfirm(title: HTMLElement, options: DecisionOptions): void {
    const ctx = this.ctx;
    const d = this.decision;
    const lines: string[] = [];
    for (const c of options.commitments) lines.push(`${d.breaks.includes(c.id) ? "Break" : "Honour"}: ${ctx.words.term(c.term)} (promised to ${c.counterparties.map((p) => ctx.words.party(p)).join(", ")})`);
    for (const m of d.moves) lines.push(`Move: ${ctx.scenario.moves[m].label}`);
    if (d.pledge) lines.push(`Pledge ${d.pledge} ISF troops`);
    if (d.mandate) lines.push(`Set the ISF mandate to ${d.mandate}`);
    if (d.zones.length) lines.push(`Deploy the ISF to ${d.zones.map((z) => ctx.words.option(z)).join(", ")}`);
    for (const w of WEAPON_CATEGORIES) if (d.decommission[w]) lines.push(`Decommission ${d.decommission[w]} points of ${ctx.words.option(w)}`);
    for (const e of d.ddr) lines.push(`Put in place: ${ctx.words.option(e)}`);
    if (lines.length === 0) lines.push("No commitments, no move: a quiet week for you.");
    const confirm = button(
      "Confirm and submit",
      async () => {
        confirm.disabled = true;
        focusNext("submitted");
        const r = await ctx.send({ type: "decide", decision: this.decision }, "Decisions submitted.");
        if (!r.ok) {
          confirm.disabled = false;
          this.confirming = false;
          this.render();
        }
      },
      "btn-primary",
      { "data-testid": "confirm-decision" },
    );
    // What the rules say this decision would cause for us, read out with the confirm button.
    const warnings = ctx.me ? warningsBlock(ctx.scenario, decisionWarnings(ctx.scenario, ctx.state, ctx.me, d)) : null;
    if (warnings) confirm.setAttribute("aria-describedby", warnings.id);
    fill(
      this.el,
      title,
      h(
        "div",
        { class: "confirm", role: "group", "aria-label": "Confirm your decisions" },
        h("p", {}, h("strong", {}, "You are about to submit:")),
        h("ul", {}, lines.map((l) => h("li", {}, l))),
        warnings,
        h("p", { class: "small" }, "Once submitted, your team's decisions cannot be changed this week."),
        h("div", { class: "btn-row" }, confirm, button("Go back", () => {
          this.confirming = false;
          this.render();
          focusNext("review-decision");
        }, "btn")),
      ),
    );
    confirm.focus();
  }

  private saveDraft(): void {
    if (this.ctx.session.kind !== "online") return;
    rememberSeat(this.ctx.session.code, { draft: { round: this.ctx.snap.view.round, decision: structuredClone(this.decision) } });
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      if (this.ctx.snap.view.stage === "decisions" && this.ctx.me && !this.ctx.snap.view.decided.includes(this.ctx.me))
        void this.ctx.session.send({ type: "draft", decision: this.decision });
    }, 800);
  }
}

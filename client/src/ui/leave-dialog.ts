// "Leave" asks first: leaving on purpose gives the seat up for good (the server revokes its token),
// so the person is told what becomes of it — teammates keep it, a bot takes it, or it stays empty —
// before anything happens. Escape or "Stay" keeps them at the table.
import { PARTY_IDS } from "../../../shared/ids.ts";
import type { Ctx } from "../app/context.ts";
import type { Snapshot } from "../net/session.ts";
import { button, h } from "./dom.ts";

/** What leaving does to this page's seat, in one or two sentences. */
export function leaveConsequence(ctx: Ctx, snap: Snapshot | null, solo: boolean): string {
  const me = ctx.me;
  if (!me || !snap) return "You stop watching this table; the game goes on without you.";
  if (snap.view.stage === "ended") return "The game is over; its debrief stays with the table's host.";
  const party = ctx.words.party(me);
  if (ctx.session.kind === "local" || solo) return `A bot takes over ${party} and this game cannot be resumed from this page.`;
  const seat = snap.seats[me];
  const teammates = Math.max(0, (seat?.names.length ?? 1) - 1);
  if (teammates > 0) return `Your ${teammates === 1 ? "teammate keeps" : `${teammates} teammates keep`} ${party}'s seat; you can join again with the table's code.`;
  // Seats nobody holds show as bots exactly when the table lets bots fill empty seats.
  const botsFill = PARTY_IDS.some((p) => p !== me && snap.seats[p]?.bot);
  return botsFill
    ? `A bot takes over ${party}'s seat. You can join again with the table's code while the seat is free.`
    : `${party}'s seat stays empty until someone takes it. You can join again with the table's code.`;
}

/** Resolves true when the person confirms they want to leave. */
export function confirmLeave(ctx: Ctx, snap: Snapshot | null, solo: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const d = h("dialog", { "aria-labelledby": "leave-title", "aria-describedby": "leave-what", class: "leave-dialog", "data-testid": "leave-dialog" });
    let answer = false;
    const stay = button("Stay at the table", () => d.close(), "btn-primary", { "data-testid": "leave-cancel" });
    const go = button("Leave the table", () => {
      answer = true;
      d.close();
    }, "btn-danger", { "data-testid": "leave-confirm" });
    d.append(
      h("div", { class: "dialog-head" }, h("h2", { id: "leave-title" }, "Leave this table?")),
      h("div", { class: "dialog-body" }, h("p", { id: "leave-what" }, leaveConsequence(ctx, snap, solo)), h("div", { class: "btn-row" }, stay, go)),
    );
    d.addEventListener("close", () => {
      d.remove();
      resolve(answer);
    });
    document.body.append(d);
    d.showModal();
    // The safe choice has the focus: Enter or Escape keeps the person at the table.
    stay.focus();
  });
}

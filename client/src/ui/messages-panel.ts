// Private messages between two parties and public statements to the whole table.
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { MAX_TEXT } from "../../../shared/actions.ts";
import type { Ctx } from "../app/context.ts";
import { field, fill, h, select } from "./dom.ts";
import { partyBadge } from "./party-style.ts";
import { focusNext } from "./focus-keeper.ts";
import type { Message } from "../../../shared/state.ts";
import { earlierControl, keepEarlierFresh } from "./earlier-button.ts";

export class MessagesPanel {
  readonly el = h("section", { class: "messages", "aria-labelledby": "messages-title" });
  private readonly list = h("ol", { "aria-live": "polite" });
  /** Below the list: "Earlier weeks" when older messages are in the table's record. */
  private readonly more = h("div");
  private readonly form: HTMLFormElement | null = null;
  private readonly ctx: Ctx;
  private key = "";

  constructor(ctx: Ctx) {
    this.ctx = ctx;
    const me = ctx.me;
    const heading = h("h3", { id: "messages-title" }, "Messages and statements");
    if (!me) {
      this.el.append(heading, this.list, this.more);
      return;
    }
    const to = select<PartyId | "all">(
      [{ value: "all", label: "Everyone (public statement)" }, ...PARTY_IDS.filter((p) => p !== me).map((p) => ({ value: p as PartyId | "all", label: `${ctx.words.party(p)} (private)` }))],
      "all",
      { "data-testid": "message-to" },
    );
    const text = h("textarea", { maxlength: MAX_TEXT, rows: 3, required: true, "data-testid": "message-text" });
    const send = h("button", { type: "submit", class: "btn-primary" }, "Send");
    this.form = h("form", {}, field("To", to), field("Message", text, "Keep it respectful: everyone at the table reads public statements."), h("div", { class: "btn-row" }, send));
    this.form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = text.value.trim();
      if (!body) {
        text.focus();
        return;
      }
      send.disabled = true;
      // Ready for the next message.
      focusNext("message-text");
      const r = await ctx.send(to.value === "all" ? { type: "statement", text: body } : { type: "message", to: to.value as PartyId, text: body }, to.value === "all" ? "Statement published." : "Message sent.");
      send.disabled = false;
      if (r.ok) text.value = "";
    });
    this.el.append(heading, this.list, this.more, this.form);
  }

  /** Every message the seat may see so far, the earlier ones in the record included. */
  count(): number {
    const v = this.ctx.snap.view;
    return v.messages.length + (v.recordOnly?.messages ?? 0);
  }

  update(): void {
    const v = this.ctx.snap.view;
    const leftOut = v.recordOnly?.messages ?? 0;
    const earlier = this.ctx.earlier<Message>("messages");
    const { items: messages, stale } = earlier.withEarlier(v.messages, leftOut);
    const redraw = () => {
      this.key = "";
      this.update();
    };
    keepEarlierFresh(earlier, stale, redraw);
    const key = `${messages.length}:${messages.at(-1)?.id ?? 0}:${leftOut}:${earlier.loading}:${earlier.wanted}:${earlier.error}`;
    if (key === this.key) return;
    this.key = key;
    const w = this.ctx.words;
    fill(this.more, earlierControl(earlier, leftOut, "messages", redraw, "earlier-messages"));
    const items = [...messages].reverse().map((m) =>
      h(
        "li",
        { class: m.to === "all" ? "public" : "" },
        h("span", { class: "from" }, partyBadge(m.from, w.colour(m.from)), w.party(m.from), m.to === "all" ? h("span", { class: "status" }, "public") : h("span", { class: "muted" }, `→ ${w.party(m.to)} (private)`), h("span", { class: "muted" }, `week ${m.round}`)),
        h("span", {}, m.text),
      ),
    );
    fill(this.list, items.length ? items : h("li", { class: "empty" }, "No messages yet."));
  }
}

// Private messages between two parties and public statements to the whole table.
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { MAX_TEXT } from "../../../shared/actions.ts";
import type { Ctx } from "../app/context.ts";
import { field, fill, h, select } from "./dom.ts";
import { partyBadge } from "./party-style.ts";
import { focusNext } from "./focus-keeper.ts";
import type { Message } from "../../../shared/state.ts";
import { earlierControl, keepEarlierFresh } from "./earlier-button.ts";
import { askText, botsTyping, offerNamedPackage, recipientNote, termsBetween, typingItem } from "./bot-replies.ts";
import type { TermKind } from "../../../shared/ids.ts";

export class MessagesPanel {
  readonly el = h("section", { class: "messages", "aria-labelledby": "messages-title" });
  // Focusable, so a keyboard can scroll a long conversation (bots answer and make statements too).
  private readonly list = h("ol", { "aria-live": "polite", tabindex: 0, "aria-label": "Messages, newest first" });
  /** Below the list: "Earlier weeks" when older messages are in the table's record. */
  private readonly more = h("div");
  private readonly form: HTMLFormElement | null = null;
  /** Who reads a private message and whether a bot will answer it (bot-replies.ts). */
  private readonly note = h("p", { class: "bot-note muted", "aria-live": "polite", "data-testid": "recipient-note" });
  private readonly ask: HTMLElement | null = null;
  private refreshTo: () => void = () => {};
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
    // "What would you accept for…?": a term from a menu, sent as the question bots read back exactly.
    const term = h("select", { "data-testid": "ask-term" });
    const askButton = h("button", { type: "button", class: "btn", "data-testid": "ask-send" }, "Ask");
    this.ask = h("div", { class: "ask-row" }, field("Ask what they would accept for", term), h("div", { class: "btn-row" }, askButton));
    const fillTerms = () => {
      const recipient = to.value as PartyId | "all";
      this.ask!.hidden = recipient === "all";
      this.note.textContent = recipientNote(ctx, me, recipient);
      if (recipient === "all") return;
      const kinds = termsBetween(ctx, me, recipient);
      // Rebuild the menu only when the recipient changed, so a person choosing in it is not disturbed.
      if (term.dataset.for === recipient) return;
      term.dataset.for = recipient;
      const keep = term.value;
      term.replaceChildren(...kinds.map((k) => h("option", { value: k }, ctx.scenario.terms[k].label)));
      if (kinds.includes(keep as TermKind)) term.value = keep;
    };
    this.refreshTo = fillTerms;
    to.addEventListener("change", fillTerms);
    askButton.addEventListener("click", async () => {
      const recipient = to.value as PartyId | "all";
      if (recipient === "all" || !term.value) return;
      askButton.disabled = true;
      await ctx.send({ type: "message", to: recipient, text: askText(ctx, term.value as TermKind) }, "Question sent.");
      askButton.disabled = false;
    });
    fillTerms();
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
    this.el.append(heading, this.list, this.more, this.form, this.ask, this.note);
  }

  /** Every message the seat may see so far, the earlier ones in the record included. */
  count(): number {
    const v = this.ctx.snap.view;
    return v.messages.length + (v.recordOnly?.messages ?? 0);
  }

  update(): void {
    const v = this.ctx.snap.view;
    const me = this.ctx.me;
    const typing = me ? botsTyping(this.ctx, me) : [];
    const leftOut = v.recordOnly?.messages ?? 0;
    const earlier = this.ctx.earlier<Message>("messages");
    const { items: messages, stale } = earlier.withEarlier(v.messages, leftOut);
    const redraw = () => {
      this.key = "";
      this.update();
    };
    keepEarlierFresh(earlier, stale, redraw);
    const key = `${messages.length}:${messages.at(-1)?.id ?? 0}:${v.stage}:${typing.join(",")}:${leftOut}:${earlier.loading}:${earlier.wanted}:${earlier.error}`;
    if (key === this.key) return;
    this.key = key;
    this.refreshTo();
    const w = this.ctx.words;
    fill(this.more, earlierControl(earlier, leftOut, "messages", redraw, "earlier-messages"));
    const items = [...messages].reverse().map((m) =>
      h(
        "li",
        { class: m.to === "all" ? "public" : "" },
        h("span", { class: "from" }, partyBadge(m.from, w.colour(m.from)), w.party(m.from), m.to === "all" ? h("span", { class: "status" }, "public") : h("span", { class: "muted" }, `→ ${w.party(m.to)} (private)`), h("span", { class: "muted" }, `week ${m.round}`)),
        h("span", {}, m.text),
        me ? offerNamedPackage(this.ctx, me, m) : null,
      ),
    );
    fill(this.list, [...typing.map((p) => typingItem(this.ctx, p)), ...items], items.length || typing.length ? [] : h("li", { class: "empty" }, "No messages yet."));
  }
}

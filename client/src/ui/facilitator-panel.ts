// The facilitator's controls, for whoever holds the table's host key: pause, resume, add time,
// end the current stage, inject an event card, and put an announcement on every screen. Each is a
// `command` (docs/PROTOCOL.md); refusals come back as readable sentences.
import type { Ctx } from "../app/context.ts";
import type { TableCommand } from "../net/session.ts";
import { button, field, h, select } from "./dom.ts";
import { toast } from "./notify.ts";

export class FacilitatorPanel {
  readonly el = h("section", { class: "facilitator", "aria-labelledby": "facilitator-title" });
  private readonly ctx: Ctx;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
    const run = async (command: TableCommand, done: string) => {
      const r = await ctx.session.command(command);
      if (r.ok) toast(done);
      else toast(r.error.message, "error");
    };
    const events = select(ctx.scenario.events.map((e) => ({ value: e.id, label: e.title })), ctx.scenario.events[0]?.id, { "data-testid": "inject-event" });
    const announcement = h("input", { type: "text", maxlength: 280, "data-testid": "announce-text" });
    this.el.append(
      h("h3", { id: "facilitator-title" }, "Facilitator"),
      h("p", { class: "small muted" }, "Only you see these controls. Players see their effects at once."),
      h(
        "div",
        { class: "btn-row panel-section" },
        button("Pause", () => void run({ type: "pause" }, "Table paused."), "btn"),
        button("Resume", () => void run({ type: "resume" }, "Table resumed."), "btn"),
        button("Add a minute", () => void run({ type: "extend", seconds: 60 }, "One more minute."), "btn"),
        button("End this stage now", () => void run({ type: "advance" }, "Stage ended."), "btn-danger", { "data-testid": "advance" }),
      ),
      h(
        "form",
        {
          class: "panel-section",
          onsubmit: ((e: Event) => {
            e.preventDefault();
            void run({ type: "inject", eventId: events.value }, "Event injected.");
          }) as EventListener,
        },
        field("Inject an event card", events, "It takes effect now and appears in everyone's news."),
        h("button", { type: "submit", class: "btn" }, "Inject event"),
      ),
      h(
        "form",
        {
          class: "panel-section",
          onsubmit: ((e: Event) => {
            e.preventDefault();
            void run({ type: "announce", text: announcement.value.trim() }, announcement.value.trim() ? "Announcement shown." : "Announcement cleared.");
          }) as EventListener,
        },
        field("Announcement to every screen", announcement, "Leave empty and send to clear it."),
        h("button", { type: "submit", class: "btn" }, "Announce"),
      ),
    );
  }
}

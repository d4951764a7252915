// The host's announcement as a banner under the top bar, on every seat's page and the projector. It
// is part of the table's synced state (kept through a reconnection and a server restart), so it
// stays until the host clears it, and a page that opens later shows it too.
import "./announcement-bar.css";
import { h } from "./dom.ts";
import { toast } from "./notify.ts";

export function announcementBar(): HTMLElement {
  return h("div", { class: "announcement-bar", role: "status", "aria-live": "polite", "data-testid": "announcement", hidden: true });
}

/** Shows `text` (or hides the bar when it is empty); a new announcement is highlighted briefly and said once as a toast. */
export function showAnnouncement(bar: HTMLElement, text: string): void {
  const shown = bar.dataset.text ?? "";
  if (text === shown) return;
  bar.dataset.text = text;
  bar.hidden = text === "";
  bar.replaceChildren(h("strong", {}, "From your teacher: "), h("span", {}, text));
  bar.classList.remove("fresh");
  if (text) {
    void bar.offsetWidth; // restarts the highlight
    bar.classList.add("fresh");
    // A new announcement is also said once where replies appear, for a screen reader and an eye elsewhere.
    toast(`Facilitator: ${text}`, "info", 9000);
  }
}

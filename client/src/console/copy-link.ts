// Copying a link the teacher needs elsewhere. The browser's clipboard exists only on secure pages
// (https or localhost): a school server on plain http has none, and a silent failure leaves the
// teacher with nothing. So the link is always also shown, selected, in a box the teacher can copy
// from by hand, with a line saying whether it was copied.
import { button, h } from "../ui/dom.ts";

/**
 * Tries the clipboard and fills `into` with the link in a read-only, selected field and the result.
 * `secret`: the link controls something (keep it private), said in the box.
 */
export async function copyLink(link: string, into: HTMLElement, what: string, secret: boolean): Promise<boolean> {
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(link);
      copied = true;
    }
  } catch {
    copied = false;
  }
  const box = h("input", { type: "text", readonly: true, value: link, class: "copy-box", "aria-label": what, "data-testid": "copy-box" });
  into.replaceChildren(
    h("p", { class: "small", role: "status" },
      copied ? `${what} copied.` : `This browser cannot copy here (the page is not on https): select the link below and copy it (Ctrl+C or ⌘C).`,
      secret ? " Keep it private: it controls the session." : ""),
    h("div", { class: "btn-row" }, box, button("Hide", () => {
      into.replaceChildren();
      into.hidden = true;
    }, "btn-quiet")),
  );
  into.hidden = false;
  box.focus();
  box.select();
  return copied;
}

// The join link, QR code and projector link on the console, built on the address the server says
// phones can reach (server/classroom/reachable-address.ts) — with a plain line saying which address
// that is and why, so a teacher on localhost knows the phones are sent to the computer's network address.
import { h } from "../ui/dom.ts";
import type { SessionLinks } from "./classroom-api.ts";

/** Why the console's links use the address they use, in a teacher's words. */
export function addressNote(links: SessionLinks): string {
  switch (links.source) {
    case "public_url":
      return `Links use the server's public address (${links.base}), set by PUBLIC_URL.`;
    case "lan":
      return `This console is open on this computer only (localhost), so links use its network address ${links.base}. Phones must be on the same network.` +
        (links.alternatives.length > 1 ? ` Other addresses of this computer: ${links.alternatives.slice(1).join(", ")}.` : "");
    case "loopback":
      return "This console is open on localhost and this computer has no network address: phones cannot reach it. Connect to the school network, or set PUBLIC_URL.";
    default:
      return `Links use the address this console was opened with (${links.base}).`;
  }
}

/** The join link and, once the server has said, the line about its address. */
export function joinLines(links: SessionLinks | null, fallbackJoin: string): HTMLElement[] {
  const join = links?.join ?? fallbackJoin;
  const lines: HTMLElement[] = [h("p", { class: "join-link" }, h("a", { href: join, "data-testid": "join-link" }, join))];
  if (links) lines.push(h("p", { class: `small ${links.source === "loopback" ? "form-error" : "muted"}`, "data-testid": "address-note" }, addressNote(links)));
  return lines;
}

/** The QR code of the join link (drawn by the server on the same reachable address). */
export function qrImage(links: SessionLinks | null, fallbackJoin: string, fallbackQr: string): HTMLElement {
  const join = links?.join ?? fallbackJoin;
  return h("img", { class: "qr", src: links?.qr ?? fallbackQr, alt: `QR code for ${join}`, width: 160, height: 160 });
}

// Toasts for replies and the banner for the connection: short, readable sentences.
import { sentence } from "../net/session.ts";

/** Shows a toast for `ms`; returns a function that takes it down sooner (when it no longer holds). */
export function toast(text: string, kind: "info" | "error" = "info", ms = 5000): () => void {
  const host = document.getElementById("toasts");
  if (!host) return () => {};
  const el = document.createElement("div");
  el.className = `toast ${kind}`;
  el.setAttribute("role", kind === "error" ? "alert" : "status");
  el.textContent = sentence(text);
  host.append(el);
  setTimeout(() => el.remove(), ms);
  while (host.children.length > 4) host.firstElementChild?.remove();
  return () => el.remove();
}

let hideTimer: ReturnType<typeof setTimeout> | null = null;

export function banner(text: string | null, kind: "down" | "ok" = "down"): void {
  const el = document.getElementById("banner");
  if (!el) return;
  if (hideTimer) clearTimeout(hideTimer);
  if (text === null) {
    el.hidden = true;
    return;
  }
  el.textContent = text;
  el.className = kind === "ok" ? "ok" : "";
  el.hidden = false;
  document.body.dataset.connection = kind === "ok" ? "connected" : "dropped";
  if (kind === "ok") hideTimer = setTimeout(() => (el.hidden = true), 4000);
}

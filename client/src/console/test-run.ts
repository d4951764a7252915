// The pre-class check (`/?testrun`): before the students arrive, a teacher proves in under a minute
// that this server works for a class. It creates a one-table session, checks that the join link's
// address (the one phones will use) answers and that its QR code is drawn, sits at the table as the
// teacher so the bots play, and has the bots play one whole week, then ends the session. Every step
// says what it proved or, plainly, what failed.
import "./console.css";
import { button, fill, h } from "../ui/dom.ts";
import { createSession, HostApi } from "./classroom-api.ts";
import { addressNote } from "./session-links.ts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Step {
  label: string;
  el: HTMLLIElement;
}

export function renderTestRun(root: HTMLElement): void {
  document.body.dataset.screen = "test-run";
  const list = h("ol", { class: "test-steps" });
  const result = h("p", { role: "status", "data-testid": "test-result" });
  const start = button("Run the check", () => void run(), "btn-primary");
  fill(root, h("div", { class: "console" }, h("section", { class: "card console-create" },
    h("h1", {}, "Pre-class check"),
    h("p", {}, "A table of bots plays one week on this server, so that you know before class that the server, the join link and the QR code work. It takes well under a minute; the session it creates is ended afterwards."),
    start, list, result,
    h("p", { class: "small muted" }, h("a", { href: "?host" }, "Back to creating a session")))));

  const step = (label: string): Step => {
    const el = h("li", { class: "pending" }, `${label}…`);
    list.append(el);
    return { label, el };
  };
  const pass = (s: Step, detail: string) => {
    s.el.className = "pass";
    fill(s.el, `✓ ${s.label}: `, detail);
  };
  const failed = (s: Step, e: unknown) => {
    s.el.className = "fail";
    fill(s.el, `✗ ${s.label}: `, e instanceof Error ? e.message : String(e));
    result.textContent = "The check failed at the step marked ✗. Fix that before class (docs/OPERATIONS.md).";
    result.className = "form-error";
    document.body.dataset.ready = "test-run-failed";
  };

  async function run(): Promise<void> {
    start.disabled = true;
    list.replaceChildren();
    result.textContent = "";
    let api: HostApi | null = null;
    let leave: (() => Promise<void>) | null = null;
    let current = step("The server creates a session");
    try {
      const created = await createSession({ name: "Pre-class check", tables: 1, rounds: 6, negotiationSeconds: 10, decisionSeconds: 10, difficulty: "easy", lessonMinutes: 10 });
      api = new HostApi(created.code, created.hostKey);
      pass(current, `session ${created.code}`);

      current = step("The join link answers on the address phones will use");
      const links = await api.links();
      // Another origin than this page's (server/cors.ts names who may read the answer): an opaque
      // answer is enough to prove the address answers; the QR code below is read from it too.
      const answer = await fetch(`${links.base}/api/sessions/${created.code}`, { mode: "no-cors" }).catch(() => null);
      if (!answer) throw new Error(`${links.join} does not answer from this computer. ${addressNote(links)}`);
      if (links.source === "loopback") throw new Error(addressNote(links));
      pass(current, `${links.join} — ${addressNote(links)}`);

      current = step("The QR code is drawn");
      const qr = h("img", { class: "qr", src: links.qr, alt: `QR code for ${links.join}`, width: 120, height: 120 });
      await new Promise<void>((resolve, reject) => {
        qr.onload = () => resolve();
        qr.onerror = () => reject(new Error(`the QR code at ${links.qr} did not load`));
      });
      pass(current, "scan it with a phone now to try it: ");
      current.el.append(qr);

      current = step("The table opens");
      const { OnlineSession } = await import("../net/online-session.ts");
      const table = created.tables[0]!;
      const seated = await OnlineSession.join({ code: table.code, name: "Pre-class check", seat: "facilitator", hostKey: created.hostKey });
      leave = () => seated.leave();
      pass(current, "seated as the teacher (the bots play every party)");

      current = step("The bots play a week");
      const began = performance.now();
      const refused = (await api.command([1], { type: "begin" })).find((r) => !r.ok);
      if (refused) throw new Error(refused.message ?? "the table did not begin");
      const week = () => seated.current()?.view.round ?? 0;
      // The bots negotiate for a few seconds, then the stages are ended early, as a teacher's "Skip phase" does.
      await sleep(3000);
      await api.command([1], { type: "advance" });
      for (let i = 0; i < 40 && (seated.current()?.view.decided.length ?? 0) < 6; i++) await sleep(100);
      await api.command([1], { type: "advance" });
      for (let i = 0; i < 100 && week() < 2; i++) await sleep(100);
      if (week() < 2) throw new Error("week 1 did not resolve");
      const news = seated.current()?.view.news.length ?? 0;
      pass(current, `week 1 played and resolved in ${((performance.now() - began) / 1000).toFixed(1)} s (${news} news items)`);
      result.textContent = "All checks passed: this server is ready for your class.";
      result.className = "";
      document.body.dataset.ready = "test-run-passed";
    } catch (e) {
      failed(current, e);
    } finally {
      await leave?.().catch(() => {});
      await api?.end().catch(() => {});
      start.disabled = false;
    }
  }
}

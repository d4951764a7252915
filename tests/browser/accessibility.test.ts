// axe-core on every screen a player, a teacher or a student meets — the title (each of its three
// forms), the briefing, the sources, the table in negotiation (offers, composer, messages) and in
// decisions (form and confirmation), "Leave", the debrief, the teacher's session form and console,
// and a student's join page — at 390×844, 1366×768 and 1920×1080. Every rule axe runs by default
// (WCAG 2 A/AA and best practice) must find nothing. Screenshots of each screen are saved as well.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { canvasReady, ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { readBriefing, startSolo } from "./person.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
  { name: "projector", width: 1920, height: 1080 },
];

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** Runs axe on the page as it is now; returns what it found, labelled with the screen. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  // From the top of the page: the top bar stays on screen as the page scrolls, and axe would read
  // anything scrolled beneath it as text on the bar's colour.
  await page.evaluate(() => window.scrollTo(0, 0));
  // A card that is still sliding in is half transparent; axe would read its text as faint. The
  // audit reads each screen as it settles, after every animation that ends has ended. Bots keep
  // negotiating meanwhile, so a new card may start sliding in while axe reads: a reading during
  // which an animation started is taken again (at most a few times) once the screen has settled.
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() =>
      Promise.all(
        document.getAnimations()
          .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    const reading = await page.evaluate(async () => {
      let started = 0;
      const count = () => { started++; };
      document.addEventListener("animationstart", count, true);
      try {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const r = await axe.run(document, { resultTypes: ["violations"] });
        // An animation that began just before the listener was added is still running now.
        started += document.getAnimations().filter((a) => a.playState === "running" && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity)).length;
        return { started, violations: r.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) })) };
      } finally {
        document.removeEventListener("animationstart", count, true);
      }
    });
    if (reading.violations.length === 0 || reading.started === 0 || attempt >= 4) {
      const violations = reading.violations;
      return violations.map((v) => ({ screen, ...v }));
    }
  }
}

describe.skipIf(!hasChromium)("accessibility: axe-core on every screen", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  for (const size of SIZES) {
    it(`finds no violation on any screen at ${size.width}×${size.height}`, async () => {
      const { page, context } = await newPage(env.browser, log, `axe-${size.name}`, size);
      const found: Finding[] = [];
      const check = async (screen: string) => {
        found.push(...(await audit(page, screen)));
        await shot(page, `axe-${size.name}-${screen}`);
      };

      await page.goto(env.server.url);
      await onScreen(page, "title");
      await check("title-solo");
      await page.click("#tab-join");
      await check("title-join");
      await page.click("#tab-create");
      await check("title-create");

      await startSolo(page, env.server.url, "hamas", "Axe");
      await onScreen(page, "briefing");
      await check("briefing");
      await page.click("button:has-text('Sources')");
      await page.waitForSelector("dialog[open] .source");
      await check("sources");
      await page.keyboard.press("Escape");
      await readBriefing(page);
      await canvasReady(page);
      await check("table-live");
      await page.click("[data-testid=leave]");
      await page.waitForSelector("[data-testid=leave-dialog]");
      await check("leave");
      await page.keyboard.press("Escape");

      const preview = async (query: string) => {
        await page.goto(`${env.server.url}/?preview=${query}`);
        await page.waitForFunction(() => Boolean(document.body.dataset.ready) && document.body.dataset.ready !== "title");
        if ((await page.evaluate(() => document.body.dataset.ready)) === "table") await canvasReady(page);
      };
      await preview("negotiation&party=israel&round=3");
      await check("negotiation-offers");
      await page.click("#tab-compose");
      await page.check('#panel-compose input[data-party="hamas"]');
      await page.click("#panel-compose [data-testid=add-term]");
      await check("negotiation-composer");
      await page.click("#tab-messages");
      await check("negotiation-messages");
      await preview("decisions&party=board_of_peace&round=3&tab=decide");
      await check("decisions");
      await page.click("[data-testid=review-decision]");
      await page.waitForSelector("[data-testid=confirm-decision]");
      await check("decisions-confirm");
      await preview("ended&party=hamas");
      await check("debrief");

      // The teacher's pages and a student's join page.
      await page.goto(`${env.server.url}/?host`);
      await page.waitForSelector("form.console-create");
      await check("host-create");
      await page.getByLabel("Tables (1–12)").fill("2");
      await page.getByRole("button", { name: "Create session" }).click();
      await onScreen(page, "console");
      const code = (await page.getByTestId("join-code").textContent())!.trim();
      await page.locator("article.table-card").first().waitFor();
      await check("console");
      const student = (await context.newPage());
      log.watch(student, `axe-${size.name}-student`);
      await student.goto(`${env.server.url}/?join=${code}`);
      await student.getByLabel("Your name").waitFor();
      found.push(...(await audit(student, "student-join")));
      await shot(student, `axe-${size.name}-student-join`);

      for (const f of found) console.log(`${size.name} ${f.screen}: ${f.rule} (${f.impact}) ${f.targets.join(" | ")}`);
      await context.close();
      expect(found).toEqual([]);
      expect(log.errors).toEqual([]);
    }, 240_000);
  }
});

// What a teacher meets in the console, the coach view and the projector, in real Chromium: the
// form's 50-minute defaults, the lesson clock, links on an address phones can reach, a link shown for
// copying by hand where the browser cannot copy, a student page that names its table as the console
// does, the teacher's view of every party's secrets beside the host controls, a rollback in one
// command that the students are told of, the read-only projector on a computer without the host key
// (1920×1080 and 1280×720, type readable from the back), the join page of an ended session, and a
// console that says so when the server stops answering. Screenshots of each, at the sizes named.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "../browser/harness.ts";

describe.skipIf(!hasChromium)("the teacher's console, coach view and projector", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it("runs a lesson from the console, coaches a table and projects the room", async () => {
    const { page: teacher } = await newPage(env.browser, log, "teacher", { width: 1920, height: 1080 });
    teacher.on("dialog", (d) => void d.accept());
    await teacher.goto(`${env.server.url}/?host`);
    // The form's defaults are the 50-minute plan of docs/TEACHING.md.
    expect(await teacher.getByLabel("Weeks (6–12)").inputValue()).toBe("6");
    expect(await teacher.getByLabel("Negotiation (minutes)").inputValue()).toBe("3");
    expect(await teacher.getByLabel("Decisions (seconds)").inputValue()).toBe("60");
    expect(await teacher.getByLabel("Lesson (minutes)").inputValue()).toBe("50");
    await teacher.getByLabel("Bots' difficulty").selectOption("hard");
    await teacher.getByLabel("Session name").fill("Period 2 — Ceasefire");
    await teacher.getByRole("button", { name: "Create session" }).click();
    await onScreen(teacher, "console");
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();

    // The lesson clock: planned length, time left, when the game ends at the set stage times.
    const clock = teacher.getByTestId("lesson-clock");
    await expect.poll(() => clock.textContent()).toContain("50 min");
    expect(await teacher.getByTestId("lesson-left").textContent()).toMatch(/^(49|50):\d\d$/);
    expect(await clock.textContent()).toMatch(/in 24:00 .* 6 weeks left/);
    // The page is on 127.0.0.1: the console says which address the links use instead.
    await expect.poll(() => teacher.getByTestId("address-note").count()).toBe(1);
    const note = (await teacher.getByTestId("address-note").textContent())!;
    const joinHref = (await teacher.getByTestId("join-link").getAttribute("href"))!;
    if (/network address/.test(note)) expect(new URL(joinHref).hostname).not.toBe("127.0.0.1");
    // The QR code is drawn as an image that loads after the console; it must load, not fail.
    await expect.poll(() => teacher.locator("img.qr").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // "Copy private console link" always shows the link, selected, for copying by hand.
    await teacher.getByRole("button", { name: "Copy private console link" }).click();
    const box = teacher.getByTestId("copy-box");
    expect(await box.inputValue()).toMatch(new RegExp(`\\?console=${code}#key=.{22,}`));
    expect(await teacher.locator(".share-box").textContent()).toMatch(/copied|select the link/);
    await teacher.getByRole("button", { name: "Hide" }).click();

    // The deck of this session is listed for the teacher.
    await teacher.getByText("This session's event deck").click();
    expect(await teacher.locator(".deck li").count()).toBe(6);

    // A student joins on a phone; the page names the table as the console does.
    const { page: student } = await newPage(env.browser, log, "student", { width: 390, height: 844 });
    await student.goto(`${env.server.url}/?join=${code}`);
    await student.getByLabel("Your name").fill("Sami");
    await student.getByRole("button", { name: "Join" }).click();
    await onScreen(student, "briefing");
    expect(await student.getByTestId("table-label").textContent()).toBe("Table 1");
    expect(await student.getByTestId("code").count()).toBe(0);

    await teacher.getByRole("button", { name: "Begin all" }).click();
    const first = teacher.locator('article.table-card[data-table="1"]');
    await expect.poll(() => first.locator(".table-status strong").textContent()).toBe("Negotiation");
    // A week on, then back to the start of week 1 in one command; the student is told. (One week,
    // not two: a table whose every stage is skipped has made no exchange at all, and such a table
    // can collapse at the end of its second week — a real outcome, not a fault of the console.)
    // (A week may also end on its own once every seat has decided: skip until week 2, each click waiting for its change.)
    for (let i = 0; i < 4 && !(await first.locator(".table-status").textContent())!.includes("week 2/6"); i++) {
      const before = await first.locator(".table-status").textContent();
      await first.getByRole("button", { name: "Skip phase" }).click();
      await expect.poll(() => first.locator(".table-status").textContent(), { timeout: 10_000 }).not.toBe(before);
    }
    expect(await first.locator(".table-status").textContent()).toContain("week 2/6");
    await first.locator("select[name=rollback-1]").selectOption({ label: "to start of week 1" });
    await first.getByRole("button", { name: "Roll back" }).click();
    await expect.poll(() => first.locator(".table-status").textContent()).toContain("week 1/6");
    await expect.poll(() => student.locator("#toasts").textContent(), { timeout: 10_000 }).toContain("start of week 1");
    await shot(teacher, "teacher-console-1920x1080", true);
    await teacher.setViewportSize({ width: 1366, height: 768 });
    expect(await noSideways(teacher)).toBe(true);
    await shot(teacher, "teacher-console-1366x768");
    await teacher.setViewportSize({ width: 390, height: 844 });
    await shot(teacher, "teacher-console-390x844", true);
    const wide = await teacher.evaluate(() => [...document.querySelectorAll<HTMLElement>(".console *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`));
    expect(wide).toEqual([]);
    await teacher.setViewportSize({ width: 1920, height: 1080 });

    // Coaching table 1: every party's secrets, live, beside the host controls.
    const coachHref = (await first.getByRole("link", { name: "Coach this table" }).getAttribute("href"))!;
    for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      const { page: coach } = await newPage(env.browser, log, `coach-${size.width}`, size);
      await coach.goto(`${env.server.url}/${coachHref}`);
      await expect.poll(() => coach.getByTestId("secrets-panel").count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => coach.locator(".secret-party").count(), { timeout: 15_000 }).toBe(6);
      expect(await coach.locator(".secret-objectives li").count()).toBeGreaterThanOrEqual(6);
      expect(await coach.getByTestId("table-label").textContent()).toBe("Table 1");
      expect(await coach.getByRole("tab", { name: "Host" }).getAttribute("aria-selected")).toBe("true");
      expect(await noSideways(coach)).toBe(true);
      await coach.waitForFunction(() => document.body.dataset.canvas === "ready").catch(() => {});
      await shot(coach, `teacher-coach-${size.width}x${size.height}`);
      await coach.context().close();
    }

    // The projector, on a second computer: its own read-only link, no host key.
    const projectorHref = (await teacher.getByRole("link", { name: "Open projector" }).getAttribute("href"))!;
    expect(projectorHref).toContain(`?projector=${code}#view=`);
    const projectorUrl = new URL(projectorHref);
    const local = `${env.server.url}/${projectorUrl.search}${projectorUrl.hash}`;
    for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
      const { page: projector } = await newPage(env.browser, log, `projector-${size.width}`, size);
      await projector.goto(local);
      await onScreen(projector, "projector");
      await expect.poll(() => projector.locator("article.room-table").count()).toBe(2);
      expect(projector.url()).not.toContain("view=");
      expect(await projector.getByRole("button").count()).toBe(0);
      // Type readable from the back of the room: no text under 28 px; the week and clock larger still.
      const smallest = await projector.evaluate(() => {
        let min = Infinity;
        for (const el of document.querySelectorAll<HTMLElement>(".room *")) {
          if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
          min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
        }
        return min;
      });
      expect(smallest).toBeGreaterThanOrEqual(28);
      const week = await projector.locator(".room-week .week").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(week).toBeGreaterThanOrEqual(48);
      // No empty panels: each table's card says something of its week; nothing runs off the screen sideways.
      for (const text of await projector.locator("article.room-table").allTextContents()) expect(text).toMatch(/Week \d+ of 6|Before week 1/);
      expect(await noSideways(projector)).toBe(true);
      await shot(projector, `teacher-projector-${size.width}x${size.height}`);
      await projector.context().close();
    }

    // One table on the projector, from its card on the console.
    const oneHref = new URL((await first.getByRole("link", { name: "Projector view" }).getAttribute("href"))!);
    expect(oneHref.search).toContain("&t=1");
    const { page: one } = await newPage(env.browser, log, "projector-one", { width: 1920, height: 1080 });
    await one.goto(`${env.server.url}/${oneHref.search}${oneHref.hash}`);
    await onScreen(one, "projector");
    await expect.poll(() => one.locator("article.room-table").count()).toBe(1);
    expect(await one.locator("article.room-table h2").textContent()).toBe("Table 1");
    await shot(one, "teacher-projector-table-1920x1080");
    await one.context().close();

    // Role sheets: one printed page per party.
    // Opened from the console on the teacher's computer, they are the session's.
    const rolesHref = (await teacher.getByRole("link", { name: "Role sheets" }).getAttribute("href"))!;
    expect(rolesHref).toBe(`?roles=${code}`);
    const roles = log.watch(await teacher.context().newPage(), "roles");
    await roles.goto(`${env.server.url}/${rolesHref}`);
    await onScreen(roles, "role-sheets");
    expect(await roles.locator("article.role-sheet").count()).toBe(6);
    expect(await roles.locator(".role-sheets-intro").textContent()).toContain(`For session ${code}`);
    await roles.emulateMedia({ media: "print" });
    expect(await roles.locator("article.role-sheet").first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe("page");
    await roles.close();

    // The pre-class check: a bot-only table plays a week, and every step is ticked off.
    const { page: check } = await newPage(env.browser, log, "testrun", { width: 1366, height: 768 });
    await check.goto(`${env.server.url}/?testrun`);
    await check.getByRole("button", { name: "Run the check" }).click();
    await check.waitForFunction(() => /^test-run-(passed|failed)$/.test(document.body.dataset.ready ?? ""), null, { timeout: 60_000 });
    expect(await check.getByTestId("test-result").textContent()).toContain("All checks passed");
    expect(await check.locator(".test-steps li.pass").count()).toBe(5);
    await shot(check, "teacher-pre-class-check-1366x768");
    await check.context().close();

    // After "End session" the join page says the session has ended, with no form to fill in.
    await teacher.getByRole("button", { name: "End session" }).click();
    await expect.poll(() => teacher.locator(".join-info").textContent()).toContain("session ended");
    const { page: late } = await newPage(env.browser, log, "late", { width: 390, height: 844 });
    await late.goto(`${env.server.url}/?join=${code}`);
    await onScreen(late, "session-ended");
    expect(await late.getByLabel("Your name").count()).toBe(0);
    await shot(late, "teacher-join-ended-390x844");

    // The server stops: the console says so, and shows no running clocks or green dots.
    await student.context().close();
    await late.context().close();
    await env.server.stop();
    await expect.poll(() => teacher.getByTestId("server-down").count(), { timeout: 15_000 }).toBe(1);
    expect(await teacher.locator(".seat-list .dot.on").count()).toBe(0);
    expect(await teacher.getByTestId("lesson-left").textContent()).toBe("—");
    expect(await teacher.locator("#banner").isVisible()).toBe(true);
    await teacher.evaluate(() => window.scrollTo(0, 0));
    await shot(teacher, "teacher-console-server-down-1920x1080");

    // Refused or unreachable requests after the stop are expected; nothing else went wrong.
    const errors = log.errors.filter((e) => !/status of 40[34]|ERR_CONNECTION_REFUSED|Failed to fetch|WebSocket/i.test(e));
    expect(errors).toEqual([]);
  }, 180_000);
});

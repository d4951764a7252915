// The teacher's console and the projector views in real Chromium: the teacher creates a session in
// the page, a student joins by the link on a phone-sized page and lands at their table, five SDK
// students fill the rest of table 1, and the teacher steers from the console (begin all, pause one
// table, move the student) and downloads the printable report. Screenshots at 1366×768 and 1920×1080.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Client, type Room } from "@colyseus/sdk";
import { canvasReady, ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "../browser/harness.ts";

describe.skipIf(!hasChromium)("the classroom console in a browser", () => {
  const env = useServerAndBrowser();
  const rooms: Room[] = [];
  const log = new ErrorLog();

  // Registered after the server's: runs before it is stopped.
  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  it("creates a session, seats a student, steers the tables and shows the projector views", async () => {
    const { page: teacher } = await newPage(env.browser, log, "teacher", { width: 1366, height: 768 });
    await teacher.goto(`${env.server.url}/?host`);
    await teacher.getByLabel("Session name").fill("Period 4 — Ceasefire");
    await teacher.getByLabel("Tables (1–12)").fill("3");
    await teacher.getByLabel("Weeks (6–12)").fill("6");
    await teacher.getByRole("button", { name: "Create session" }).click();
    await onScreen(teacher, "console");
    const code = (await teacher.getByTestId("join-code").textContent())!.trim();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}$/);
    // The host key is never in the address bar (a projector would show it): it is kept on this computer.
    expect(teacher.url()).not.toContain("key");
    const key = (await teacher.evaluate((c) => localStorage.getItem(`ceasefire.console.${c}`), code))!;
    expect(key.length).toBeGreaterThanOrEqual(22);
    await expect.poll(() => teacher.locator("article.table-card").count()).toBe(3);
    expect(await teacher.locator("img.qr").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // A student joins by the link on a phone-sized page.
    const { page: student } = await newPage(env.browser, log, "student", { width: 390, height: 844 });
    await student.goto(`${env.server.url}/?join=${code}`);
    await student.getByLabel("Your name").fill("Maya");
    await student.getByLabel("Party you would rather play").selectOption("qatar");
    await student.getByRole("button", { name: "Join" }).click();
    await onScreen(student, "briefing");
    const firstTable = new URL(student.url()).searchParams.get("table");
    // One student reads as one, on the console's summary line and the roster's heading.
    await expect.poll(() => teacher.locator("body").innerText()).toContain("1 student · 3 tables · open");
    await expect.poll(() => teacher.locator(".console-roster h2").first().textContent()).toBe("Roster (1 student)");
    expect(firstTable).toMatch(/^[A-Z2-9]{6}$/);

    // A wrong code is a readable message.
    const { page: lost } = await newPage(env.browser, log, "lost", { width: 390, height: 844 });
    await lost.goto(`${env.server.url}/?join=QQQQQ`);
    await expect.poll(() => lost.getByRole("alert").first().textContent()).toMatch(/no session with the code/);

    // A class code typed into the title screen's join form leads to the class's join page.
    await lost.goto(env.server.url);
    await onScreen(lost, "title");
    await lost.getByRole("tab", { name: "Join a table" }).click();
    await lost.getByLabel("Table code").fill(code.toLowerCase());
    await lost.getByRole("tabpanel").getByLabel("Display name").fill("Noor");
    await lost.getByRole("button", { name: "Join table" }).click();
    await expect.poll(() => lost.url()).toContain(`?join=${code}`);
    await expect.poll(() => lost.getByLabel("Your name").count()).toBe(1);

    // Five SDK students fill table 1 (Maya is at table 1: the first to join).
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${env.server.url}/api/sessions/${code}/students`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Agent ${i}` }) });
      const a = (await r.json()) as { tableCode: string; seat: string; name: string; studentToken: string };
      const room = await new Client(env.server.url).joinById(a.tableCode, { name: a.name, seat: a.seat, studentToken: a.studentToken });
      room.onMessage("*", () => {});
      rooms.push(room);
    }

    await teacher.getByRole("button", { name: "Begin all" }).click();
    await expect.poll(() => teacher.locator("article.table-card .table-status strong").allTextContents()).toEqual(["Negotiation", "Negotiation", "Negotiation"]);
    await teacher.locator('article.table-card[data-table="1"]').getByRole("button", { name: "Pause" }).click();
    await expect.poll(() => teacher.locator("article.table-card.paused").count()).toBe(1);
    await teacher.locator(".console-controls input[name=announcement]").fill("Five minutes to the deadline");
    await teacher.getByRole("button", { name: "Announce" }).click();
    await expect.poll(() => teacher.locator("article.table-card").first().textContent()).toContain("Five minutes to the deadline");
    // Table 3 skips a whole week (negotiation, then decisions): its curve appears.
    const third = teacher.locator('article.table-card[data-table="3"]');
    await third.getByRole("button", { name: "Skip phase" }).click();
    await expect.poll(() => third.locator(".table-status strong").textContent()).toBe("Decisions");
    await third.getByRole("button", { name: "Skip phase" }).click();
    await expect.poll(() => third.locator(".table-status").textContent()).toContain("week 2/6");
    await expect.poll(() => third.locator("svg.sparkline circle").count()).toBe(1);
    expect(await noSideways(teacher)).toBe(true);
    await shot(teacher, "classroom-console-1366x768", true);
    await teacher.setViewportSize({ width: 1920, height: 1080 });
    await shot(teacher, "classroom-console-1920x1080", true);

    // The teacher moves Maya to table 2 as Israel from her row of the roster; her page follows.
    const maya = teacher.locator('.roster-table tr[data-student="Maya"]');
    await maya.locator("select[name^=table]").selectOption("2");
    await maya.locator("select[name^=seat]").selectOption("israel");
    await maya.getByRole("button", { name: "Move", exact: true }).click();
    await expect.poll(() => new URL(student.url()).searchParams.get("table"), { timeout: 20_000 }).not.toBe(firstTable);
    await onScreen(student, "briefing");
    await expect.poll(() => teacher.locator('article.table-card[data-table="2"]').textContent(), { timeout: 10_000 }).toContain("Maya");
    expect(await student.locator("body").innerText()).toContain("ISR");
    await shot(student, "classroom-student-moved-390x844");

    // The debrief: compare the tables and download the printable report.
    await teacher.getByRole("button", { name: "Compare tables" }).click();
    await expect.poll(() => teacher.locator(".compare-table tbody tr").count()).toBe(3);
    const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("button", { name: "Printable report" }).click()]);
    const html = readFileSync((await download.path())!, "utf8");
    expect(html).toContain("Period 4 — Ceasefire");
    expect(html).toContain("Tables compared");
    const { page: report } = await newPage(env.browser, log, "report", { width: 1366, height: 768 });
    await report.setContent(html);
    await shot(report, "classroom-report-1366x768", true);

    // Projector: the session overview in large type, and one table's public view.
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const { page: projector } = await newPage(env.browser, log, `projector-${size.width}`, size);
      await projector.goto(`${env.server.url}/?console=${code}&projector#key=${key}`);
      await onScreen(projector, "console");
      expect(projector.url()).not.toContain(key);
      expect(await projector.getByRole("button", { name: "Begin all" }).count()).toBe(0);
      expect(await noSideways(projector)).toBe(true);
      await shot(projector, `classroom-projector-overview-${size.width}x${size.height}`);
      // A session's table seats no one with its code alone: the console's map view carries the host
      // key, and a spectator link handed out without it carries the session's viewer key.
      const mapHref = (await teacher.locator('article.table-card[data-table="1"]').getByRole("link", { name: "Map view" }).getAttribute("href"))!;
      const overview = (await (await fetch(`${env.server.url}/api/sessions/${code}/overview`, { headers: { authorization: `Bearer ${key}` } })).json()) as { viewerKey: string };
      const watchHref = size.width === 1366 ? mapHref : `?watch=${firstTable}#view=${overview.viewerKey}`;
      const { page: watch } = await newPage(env.browser, log, `watch-${size.width}`, size);
      await watch.goto(`${env.server.url}/${watchHref}`);
      await onScreen(watch, "table");
      await watch.waitForSelector("canvas");
      await watch.waitForFunction(() => !document.body.innerText.includes("Drawing the table"));
      expect(await watch.evaluate(() => document.body.classList.contains("projector"))).toBe(true);
      await shot(watch, `classroom-projector-table-${size.width}x${size.height}`);
    }

    // Coaching: the console's link opens table 1's facilitator view (every party's secrets).
    const coachHref = (await teacher.locator('article.table-card[data-table="1"]').getByRole("link", { name: "Coach this table" }).getAttribute("href"))!;
    const { page: coach } = await newPage(env.browser, log, "coach", { width: 1366, height: 768 });
    await coach.goto(`${env.server.url}/${coachHref}`);
    await expect.poll(() => coach.locator("header").first().textContent(), { timeout: 15_000 }).toContain("Facilitator");
    expect(coach.url()).not.toContain("key=");
    await canvasReady(coach);
    await shot(coach, "classroom-coach-1366x768");

    // Without the key the console says so and shows nothing of the session.
    const { page: intruder } = await newPage(env.browser, log, "intruder");
    await intruder.goto(`${env.server.url}/?console=${code}#key=wrong`);
    // The refusal arrives after the page has loaded and asked the server: give it the same time as the other polls here.
    await expect.poll(() => intruder.getByRole("alert").first().textContent(), { timeout: 10_000 }).toMatch(/private console link/);
    expect(await intruder.locator("article.table-card").count()).toBe(0);

    // The refused join code and the refused host key are expected 404/403 answers.
    const errors = log.errors.filter((e) => !/status of 40[34]/.test(e));
    expect(errors).toEqual([]);
  });
});

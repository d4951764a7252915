// One table of six: two people in browser pages (the host, who creates the table and shows its
// code, and a player who joins with that code) and four SDK clients in the other seats, played to
// the debrief. The host plays the Mediators and brokers a package between Israel and Hamas.
import { afterAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { emptyDecision, type PartyId } from "../../shared/index.ts";
import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";
import { decide, finishNegotiation, nextWeek, stageOf } from "./person.ts";
import { readView, WireReader, type WireStateLike } from "../../shared/wire-view.ts";

/** A seat played by an SDK client: done negotiating at once, default decisions every week. */
async function sdkSeat(url: string, code: string, seat: PartyId): Promise<Room> {
  const client = new Client(url);
  const room = await client.joinById(code, { name: `Agent ${seat}`, seat });
  let acted = "";
  let n = 0;
  room.onMessage("welcome", () => {});
  room.onMessage("reply", () => {});
  const reader = new WireReader();
  room.onStateChange((state: WireStateLike) => {
    const view = readView(state, seat, reader);
    if (!view || view.viewer !== seat) return;
    const key = `${view.round}:${view.stage}`;
    if (key === acted) return;
    if (view.stage === "negotiation" && !view.ready.includes(seat)) {
      acted = key;
      room.send("intent", { requestId: `${seat}-${++n}`, intent: { type: "ready" } });
    } else if (view.stage === "decisions" && !view.decided.includes(seat)) {
      acted = key;
      room.send("intent", { requestId: `${seat}-${++n}`, intent: { type: "decide", decision: emptyDecision() } });
    }
  });
  return room;
}

describe.skipIf(!hasChromium)("six seats at one table", () => {
  const env = useServerAndBrowser();
  const rooms: Room[] = [];
  const log = new ErrorLog();

  // Registered after the server's: runs before it is stopped.
  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  it("two pages and four SDK clients play a table to the end", async () => {
    const host = (await newPage(env.browser, log, "host", { width: 1366, height: 768 })).page;
    await host.goto(env.server.url);
    await onScreen(host, "title");
    await host.click("#tab-create");
    await host.fill("#panel-create input[name=name]", "Ms Haddad");
    await host.selectOption("#panel-create select[name=seat]", "mediators");
    await host.fill("#panel-create input[name=rounds]", "6");
    await host.uncheck("#panel-create input[name=timers]");
    await host.uncheck("#panel-create input[name=bots]");
    await host.click("#panel-create button[type=submit]");
    await onScreen(host, "briefing");
    const code = (await host.textContent("[data-testid=table-code]"))?.trim() ?? "";
    expect(code).toMatch(/^[A-Z0-9]{4,}$/);
    await shot(host, "shared-lobby");

    // A student opens the shared link and takes Israel's seat.
    const student = (await newPage(env.browser, log, "student", { width: 390, height: 844 })).page;
    await student.goto(`${env.server.url}/?table=${code}`);
    await onScreen(student, "title");
    expect(await student.inputValue("#panel-join input[name=code]")).toBe(code);
    await student.fill("#panel-join input[name=name]", "Sam");
    await student.selectOption("#panel-join select[name=seat]", "israel");
    await student.click("#panel-join button[type=submit]");
    await onScreen(student, "briefing");

    for (const seat of ["hamas", "qatar", "turkiye", "board_of_peace"] as const) rooms.push(await sdkSeat(env.server.url, code, seat));
    await host.waitForFunction(() => document.querySelectorAll(".seat-list li .muted").length === 6 && ![...document.querySelectorAll(".seat-list li .muted")].some((e) => e.textContent === "open"));
    await host.click("[data-testid=begin]");
    for (const p of [host, student]) {
      await p.waitForFunction(() => document.body.dataset.stage === "negotiation");
      await p.locator("[data-testid=to-table]").click();
      await onScreen(p, "table");
    }

    // The projector at the front of the room: a spectator, public view only.
    const projector = (await newPage(env.browser, log, "projector", { width: 1920, height: 1080 })).page;
    await projector.goto(`${env.server.url}/?table=${code}`);
    await onScreen(projector, "title");
    await projector.fill("#panel-join input[name=name]", "Projector");
    await projector.selectOption("#panel-join select[name=seat]", "spectator");
    await projector.click("#panel-join button[type=submit]");
    await onScreen(projector, "table");
    await projector.waitForFunction(() => document.body.dataset.canvas === "ready");
    await expect(projector.locator(".you").textContent()).resolves.toContain("Spectator");
    expect(await projector.locator("#tab-compose").count()).toBe(0);
    await shot(projector, "shared-projector-spectator");

    // The Mediators broker a package: Israel halts strikes, Hamas restrains its factions.
    await host.click("#tab-compose");
    await host.check('#panel-compose input[data-party="israel"]');
    await host.check('#panel-compose input[data-party="hamas"]');
    await host.selectOption("#panel-compose [data-testid=term-party]", "israel");
    await host.selectOption("#panel-compose [data-testid=term-kind]", "halt_strikes");
    await host.click("#panel-compose [data-testid=add-term]");
    await host.selectOption("#panel-compose [data-testid=term-party]", "hamas");
    await host.selectOption("#panel-compose [data-testid=term-kind]", "restrain_factions");
    await host.click("#panel-compose [data-testid=add-term]");
    expect((await host.textContent("#panel-compose [data-testid=composer-status]"))?.trim()).toBe("");
    await shot(host, "shared-broker-composer");
    await host.click("#panel-compose [data-testid=send-offer]");

    // The student sees it arrive and answers it; then a private message to the Mediators.
    await student.click("#tab-offers");
    const accept = student.locator("#panel-offers button[data-testid^=accept-]").first();
    await accept.waitFor();
    await shot(student, "shared-student-inbox-390", true);
    await accept.click();
    await student.click("#tab-messages");
    await student.selectOption("[data-testid=message-to]", "mediators");
    await student.fill("[data-testid=message-text]", "We can hold the line this week if the other side does too.");
    await student.click("#panel-messages button[type=submit]");
    await host.click("#tab-messages");
    await host.waitForSelector("#panel-messages li:has-text('hold the line')");

    // Much is said in public afterwards: the student's own message leaves the synced window, and
    // the page reads it back from the table's record when asked.
    for (let i = 0; i < 25; i++) rooms[0]!.send("intent", { requestId: `talk-${i}`, intent: { type: "statement", text: `Statement ${i} from Hamas: `.padEnd(480, "we ask for the crossings to stay open as agreed. ") } });
    await student.waitForSelector("#panel-messages li:has-text('Statement 24 from Hamas')");
    expect(await student.locator("#panel-messages li:has-text('hold the line')").count()).toBe(0);
    await student.click("#panel-messages [data-testid=earlier-messages]");
    const earlier = student.locator("#panel-messages li:has-text('hold the line')");
    await earlier.waitFor();
    await earlier.scrollIntoViewIfNeeded();
    await shot(student, "shared-student-earlier-messages-390");

    // The host speaks to the room from the Host tab; every screen shows the announcement.
    await host.click("#tab-host");
    await shot(host, "shared-host-controls");
    await host.fill("[data-testid=announce-text]", "Five minutes left in this lesson.");
    await host.click("#panel-host button:has-text('Announce')");
    await student.locator(".toast", { hasText: "Five minutes left" }).waitFor();

    for (let guard = 0; guard < 10; guard++) {
      const { stage, round } = await stageOf(host);
      if (stage === "ended") break;
      if (stage === "negotiation") await Promise.all([finishNegotiation(host), finishNegotiation(student)]);
      await Promise.all([decide(host), decide(student)]);
      await Promise.all([nextWeek(host, round), nextWeek(student, round)]);
    }
    await onScreen(host, "debrief", 60_000);
    await onScreen(student, "debrief", 60_000);
    await onScreen(projector, "debrief", 60_000);
    await shot(host, "shared-debrief", true);
    expect(await host.locator(".scores tbody tr").count()).toBe(6);
    expect(log.errors).toEqual([]);
  }, 300_000);
});

// The stage countdown a player reads at a timed table keeps counting down while the other seats
// talk. The server writes the time left when the clock changes or someone joins, not with every
// action (docs/PROTOCOL.md, "Synced state"), so the page must not start again from that figure on
// each patch about something else: the countdown would jump back up every time anyone spoke.
import { afterAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "./harness.ts";

/** Seconds left, read from the top bar's countdown ("m:ss"). */
function secondsIn(text: string | null): number {
  const m = /(\d+):(\d\d)/.exec(text ?? "");
  if (!m) throw new Error(`no countdown in "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

describe.skipIf(!hasChromium)("the stage countdown", () => {
  const env = useServerAndBrowser();
  const rooms: Room[] = [];
  const log = new ErrorLog();

  afterAll(async () => {
    for (const r of rooms) await r.leave(true).catch(() => {});
  });

  it("keeps counting down while other seats speak", async () => {
    const host = (await newPage(env.browser, log, "host", { width: 390, height: 844 })).page;
    await host.goto(env.server.url);
    await onScreen(host, "title");
    await host.click("#tab-create");
    await host.fill("#panel-create input[name=name]", "Ms Haddad");
    await host.selectOption("#panel-create select[name=seat]", "mediators");
    await host.check("#panel-create input[name=timers]");
    // No bots: a bot's move is nobody's message answered, and rewrites the time left.
    await host.uncheck("#panel-create input[name=bots]");
    await host.click("#panel-create button[type=submit]");
    await onScreen(host, "briefing");
    const code = (await host.textContent("[data-testid=table-code]"))?.trim() ?? "";
    // Qatar is a person at another screen; the other seats stay empty.
    const qatar = await new Client(env.server.url).joinById(code, { name: "Agent Qatar", seat: "qatar" });
    rooms.push(qatar);
    qatar.onMessage("*", () => {});
    await host.click("[data-testid=begin]");
    await host.waitForFunction(() => document.body.dataset.stage === "negotiation");
    await host.locator("[data-testid=to-table]").click();
    await onScreen(host, "table");

    const countdown = host.locator(".countdown");
    const first = secondsIn(await countdown.textContent());
    // Qatar speaks to the whole table every half second for three seconds: each statement is a
    // patch to the host's page.
    for (let i = 0; i < 6; i++) {
      qatar.send("intent", { requestId: `q-${i}`, intent: { type: "statement", text: `Qatar's statement ${i}` } });
      await host.waitForTimeout(500);
    }
    await host.waitForSelector(".countdown");
    await host.getByText("Qatar's statement 5").first().waitFor({ state: "attached" });
    const later = secondsIn(await countdown.textContent());
    await shot(host, "countdown-390");
    // Three seconds on (the page's clock ticks each second), not back at the figure the stage began with.
    expect(first - later).toBeGreaterThanOrEqual(2);
    expect(log.errors).toEqual([]);
  });
});

// The console's live roster in real Chromium, with students on phone-sized pages: the teacher moves,
// renames and removes students, locks joining and admits a late joiner, and announces; after each
// step the roster and the students' own pages agree (table, seat, name). Screenshots of the console
// with the roster at 1920×1080 and a student's phone page at 390×844.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ErrorLog, hasChromium, newPage, onScreen, shot, useServerAndBrowser } from "../browser/harness.ts";
import { openSession } from "./browser-session.ts";

/** The console asks for a fresh overview every 1.5 s: what only that brings may take a few seconds to show. */
const CONSOLE = { timeout: 10_000 };
const TAGS: Record<string, string> = { mediators: "MED", israel: "ISR", hamas: "HAM", qatar: "QAT", turkiye: "TUR", board_of_peace: "BoP" };

describe.skipIf(!hasChromium)("the console's roster in a browser", () => {
  const env = useServerAndBrowser();
  const log = new ErrorLog();

  /** A student on a phone: opens the class link, types a name, lands on their table's briefing. */
  async function joinOnPhone(code: string, name: string): Promise<Page> {
    const { page } = await newPage(env.browser, log, name, { width: 390, height: 844 });
    await page.goto(`${env.server.url}/?join=${code}`);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    return page;
  }

  /** The roster's row for a student, as the teacher reads it. */
  const row = (teacher: Page, name: string) => teacher.locator(`.roster-table tr[data-student="${name}"]`);

  /** What the roster says of a student: [table number, seat tag]. */
  async function rosterSays(teacher: Page, name: string): Promise<[string, string]> {
    const cells = await row(teacher, name).locator("td").allTextContents();
    return [cells[0]!.trim(), cells[1]!.trim()];
  }

  /** What a student's own page says: [its table's number ("Table 2" in its top bar), seat tag]. */
  async function pageSays(student: Page): Promise<[string, string]> {
    const label = (await student.getByTestId("table-label").textContent()) ?? "";
    const you = (await student.locator(".topbar .you").textContent()) ?? "";
    const tag = Object.values(TAGS).find((t) => you.includes(`(${t})`)) ?? "?";
    return [label.replace(/^Table\s*/, "").trim(), tag];
  }

  it("moves, renames and removes students, locks joining and admits a late joiner; roster and pages agree", async () => {
    const { code, hostKey } = await openSession(env.server.url, { name: "Period 5", tables: 2, rounds: 6 });
    const { page: teacher } = await newPage(env.browser, log, "teacher", { width: 1920, height: 1080 });
    await teacher.goto(`${env.server.url}/?console=${code}#key=${hostKey}`);
    await onScreen(teacher, "console");

    const students: Record<string, Page> = {};
    for (const name of ["Ana", "Ben", "Cleo"]) {
      students[name] = await joinOnPhone(code, name);
      await onScreen(students[name]!, "briefing");
    }
    // Each page keeps its rejoin code in a corner; the roster shows the same code.
    await expect.poll(() => row(teacher, "Cleo").count(), CONSOLE).toBe(1);
    await students.Cleo!.locator("#rejoin-code summary").click();
    const cleoCode = (await students.Cleo!.getByTestId("rejoin-code").textContent())!.trim();
    expect(cleoCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(await row(teacher, "Cleo").locator("td.code").textContent()).toBe(cleoCode);
    // Everyone connected, and each page sits where the roster says.
    await expect.poll(() => teacher.locator(".roster-table td.dot.on").count(), CONSOLE).toBe(3);
    for (const name of ["Ana", "Ben", "Cleo"]) expect(await pageSays(students[name]!)).toEqual(await rosterSays(teacher, name));

    // The table code from a student's top bar, typed into the title screen's Join tab (with a party
    // seat), seats nobody: a clear refusal on the form, and the roster is unchanged.
    const { page: outsider } = await newPage(env.browser, log, "outsider", { width: 390, height: 844 });
    await outsider.goto(env.server.url);
    await onScreen(outsider, "title");
    await outsider.getByRole("tab", { name: "Join a table" }).click();
    await outsider.getByLabel("Table code").fill(new URL(students.Ana!.url()).searchParams.get("table")!);
    await outsider.getByRole("tabpanel").getByLabel("Display name").fill("Ana");
    await outsider.getByRole("tabpanel").getByLabel("Seat").selectOption("israel");
    await outsider.getByRole("button", { name: "Join table" }).click();
    await expect.poll(() => outsider.getByRole("tabpanel").getByRole("alert").textContent(), CONSOLE).toMatch(/classroom session/);
    expect(await teacher.locator(".roster-table tbody tr").count()).toBe(3);

    // Move Cleo to table 2, Hamas: her page follows, and the drop-downs show where she is now.
    const before = new URL(students.Cleo!.url()).searchParams.get("table");
    await row(teacher, "Cleo").locator("select[name^=table]").selectOption("2");
    await row(teacher, "Cleo").locator("select[name^=seat]").selectOption("hamas");
    await row(teacher, "Cleo").getByRole("button", { name: "Move", exact: true }).click();
    await expect.poll(() => rosterSays(teacher, "Cleo"), CONSOLE).toEqual(["2", "HAM"]);
    expect(await row(teacher, "Cleo").locator("select[name^=seat]").inputValue()).toBe("hamas");
    await expect.poll(() => new URL(students.Cleo!.url()).searchParams.get("table"), { timeout: 20_000 }).not.toBe(before);
    await onScreen(students.Cleo!, "briefing");
    await expect.poll(() => pageSays(students.Cleo!), CONSOLE).toEqual(["2", "HAM"]);

    // Rename Ben: the roster and his table's pages show the new name.
    teacher.once("dialog", (d) => void d.accept("Ben K."));
    await row(teacher, "Ben").getByRole("button", { name: "Rename" }).click();
    await expect.poll(() => row(teacher, "Ben K.").count(), CONSOLE).toBe(1);
    await expect.poll(() => students.Ben!.locator("body").innerText(), { timeout: 10_000 }).toContain("Ben K.");

    // Remove Ana: her page says so; the roster keeps her only in the record line.
    teacher.once("dialog", (d) => void d.accept());
    await row(teacher, "Ana").getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => row(teacher, "Ana").count(), CONSOLE).toBe(0);
    await expect.poll(() => teacher.locator(".console-roster").textContent(), CONSOLE).toContain("Taken off the roster (kept in the record): Ana");
    await expect.poll(() => students.Ana!.locator("body").innerText(), { timeout: 15_000 }).toContain("taken you off this session's roster");
    // Only that: not the table's "your teacher changed your seat. Reload the page to rejoin" over it.
    expect(await students.Ana!.locator("#banner").isVisible()).toBe(false);

    // Lock joining: a late joiner waits; the teacher admits them from the roster; they sit down.
    await teacher.getByRole("button", { name: "Lock joining" }).click();
    await expect.poll(() => teacher.getByTestId("lock-state").textContent(), CONSOLE).toContain("Joining locked");
    const dev = await joinOnPhone(code, "Dev");
    await expect.poll(() => dev.getByTestId("waiting").textContent()).toContain("your teacher has been asked to let you in");
    await expect.poll(() => teacher.locator('.pending li[data-request="Dev"]').count(), CONSOLE).toBe(1);
    await teacher.locator('.pending li[data-request="Dev"]').getByRole("button", { name: "Admit" }).click();
    await onScreen(dev, "briefing");
    await expect.poll(() => row(teacher, "Dev").count(), CONSOLE).toBe(1);
    await expect.poll(async () => JSON.stringify(await pageSays(dev)) === JSON.stringify(await rosterSays(teacher, "Dev")), CONSOLE).toBe(true);

    // An announcement stays on every student's page until cleared, through a reload too.
    await teacher.locator(".console-controls input[name=announcement]").fill("Two weeks left: agree the aid hubs");
    await teacher.getByRole("button", { name: "Announce" }).click();
    for (const p of [students.Ben!, students.Cleo!, dev]) await expect.poll(() => p.getByTestId("announcement").textContent()).toContain("Two weeks left");
    await students.Ben!.reload();
    await onScreen(students.Ben!, "briefing");
    await expect.poll(() => students.Ben!.getByTestId("announcement").textContent()).toContain("Two weeks left");
    // Back at his seat after the reload: the roster shows him connected again.
    await expect.poll(() => row(teacher, "Ben K.").locator("td.dot").textContent(), { timeout: 10_000 }).toContain("yes");
    await students.Ben!.locator("#rejoin-code summary").click();
    await shot(students.Ben!, "roster-student-phone-390x844");

    // The teacher's own log lists what they did.
    const did = await teacher.locator(".host-log").textContent();
    for (const action of ["move", "rename", "remove", "lock", "admit", "announce"]) expect(did).toContain(action);
    // Every remaining student: the roster and their page agree.
    for (const [name, page] of [["Ben K.", students.Ben!], ["Cleo", students.Cleo!], ["Dev", dev]] as const)
      expect(await pageSays(page)).toEqual(await rosterSays(teacher, name));
    await teacher.locator(".console-roster").scrollIntoViewIfNeeded();
    await shot(teacher, "roster-console-1920x1080", true);

    await teacher.getByRole("button", { name: "Clear" }).click();
    await expect.poll(() => dev.getByTestId("announcement").isHidden()).toBe(true);

    // The removed student's expected 410, nothing else.
    expect(log.errors.filter((e) => !/status of 410/.test(e))).toEqual([]);
  });
});

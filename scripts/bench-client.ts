// Client benchmark: builds the client if it is out of date, serves client/dist from a plain static
// server on a free loopback port, and measures in headless Chromium (a fresh context per run, so
// nothing is cached):
//   - the initial download: every JS and CSS file the page fetched by the time the title screen is
//     interactive, raw and gzip-compressed (level 9, as a static host would serve it);
//   - time to interactive: from navigation start to the title's "title-interactive" mark (set once
//     the forms are in the page with their handlers), the median of 5 loads;
//   - time to the table: each load then goes on as a person would — a solo game (played in the page,
//     `?offline`, so no game server is involved), "Begin week 1", the briefing — and, once the page
//     says the table is prepared ("table-prepared": Phaser loaded, the scene built and drawn once off
//     screen, which a reader of the briefing never waits for), clicks "To the table". timeToTableMs
//     runs from that click (the click event's own timestamp) to the "table-drawn" mark: the first
//     frame of the table rendered in the visible table screen and handed to the browser (the next
//     animation frame after Phaser's render; client/src/game/table-game.ts). Median of 5.
//     tablePreparedMs: from the click on the title's "Play" to "table-prepared" (how long the
//     briefing must be on screen before "To the table" is instant), median of 5;
//   - the whole client: every JS and CSS file of the build, gzip (budget 450 KB).
// Usage: npm run bench:client [-- --json] [-- --runs N]
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { parseFlags, fail } from "./cli-args.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, "client/dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const flags = parseFlags(process.argv.slice(2), { json: "boolean", runs: "number" });
const runs = flags.runs ?? 5;
if (!Number.isInteger(runs) || runs < 1 || runs > 50) fail("--runs must be a whole number from 1 to 50");
if (!existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function buildIfNeeded(): Promise<boolean> {
  const index = path.join(DIST, "index.html");
  const sources = Math.max(
    newest(path.join(ROOT, "client/src")),
    newest(path.join(ROOT, "shared")),
    ...["client/index.html", "client/vite.config.ts", "client/phaser-subset-plugin.ts"].map((f) => statSync(path.join(ROOT, f)).mtimeMs),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) return false;
  const { build } = await import("vite");
  process.env.NODE_ENV = "production";
  await build({ configFile: path.join(ROOT, "client/vite.config.ts"), logLevel: "warn", mode: "production" });
  return true;
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml" };

function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
    const file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      const port = typeof a === "object" && a ? a.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const built = await buildIfNeeded();
const site = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times: number[] = [];
const tableTimes: number[] = [];
const preparedTimes: number[] = [];
let initial: string[] = [];

/** The click's own timestamp (performance timeline), recorded by a listener ahead of the page's. */
async function recordClick(page: import("playwright-core").Page, selector: string, key: string): Promise<void> {
  await page.evaluate(
    ({ selector, key }) => {
      document.addEventListener("click", (e) => {
        if ((e.target as Element | null)?.closest?.(selector)) (window as unknown as Record<string, number>)[key] ??= e.timeStamp;
      }, { capture: true });
    },
    { selector, key },
  );
}
const clickedAt = (page: import("playwright-core").Page, key: string) => page.evaluate((k) => (window as unknown as Record<string, number>)[k]!, key);
const markAt = (page: import("playwright-core").Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n)[0]!.startTime, name);

try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // ?offline: the solo game runs in the page; the title screen is the same as without it.
    await page.goto(`${site.url}?offline`);
    await page.waitForFunction(() => performance.getEntriesByName("title-interactive").length > 0, null, { timeout: 30_000 });
    const r = await page.evaluate(() => {
      const mark = performance.getEntriesByName("title-interactive")[0]!.startTime;
      // Files requested before the title became interactive make up the initial download.
      const files = performance
        .getEntriesByType("resource")
        .filter((e) => e.startTime <= mark)
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith(".js") || p.endsWith(".css"));
      return { mark, files };
    });
    initial = r.files;

    // On to the table, as a person would: a solo game as Israel, then the briefing.
    await page.click("#tab-solo");
    await page.click('#panel-solo label.party-option:has(input[value="israel"])');
    await page.fill("#panel-solo input[name=name]", "Bench");
    await recordClick(page, "#panel-solo button[type=submit]", "playAt");
    await page.click("#panel-solo button[type=submit]");
    await page.waitForFunction(() => document.body.dataset.ready === "briefing", null, { timeout: 30_000 });
    await page.click("[data-testid=begin]");
    await page.waitForSelector("[data-testid=to-table]", { timeout: 30_000 });
    await page.waitForFunction(() => performance.getEntriesByName("table-prepared").length > 0, null, { timeout: 30_000 });
    const prepared = (await markAt(page, "table-prepared")) - (await clickedAt(page, "playAt"));
    await recordClick(page, "[data-testid=to-table]", "toTableAt");
    await page.click("[data-testid=to-table]");
    await page.waitForFunction(() => performance.getEntriesByName("table-drawn").length > 0, null, { timeout: 30_000 });
    const toTable = (await markAt(page, "table-drawn")) - (await clickedAt(page, "toTableAt"));
    if (errors.length) throw new Error(`the page failed: ${errors.join("; ")}`);
    // The first load warms the machine (disk cache of the server, Chromium's own start-up).
    if (i > 0) {
      times.push(r.mark);
      tableTimes.push(toTable);
      preparedTimes.push(prepared);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}

let jsBytes = 0;
let jsGzipBytes = 0;
const rows: string[] = [];
for (const p of [...new Set(initial)]) {
  const buf = readFileSync(path.join(DIST, p));
  const gz = gzipSync(buf, { level: 9 }).length;
  jsBytes += buf.length;
  jsGzipBytes += gz;
  rows.push(`  ${p.padEnd(44)} ${(buf.length / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`);
}
let allRaw = 0;
let allGz = 0;
for (const f of readdirSync(path.join(DIST, "assets"))) {
  if (!f.endsWith(".js") && !f.endsWith(".css")) continue;
  const buf = readFileSync(path.join(DIST, "assets", f));
  allRaw += buf.length;
  allGz += gzipSync(buf, { level: 9 }).length;
}
const round1 = (x: number) => Math.round(x * 10) / 10;
const timeToInteractiveMs = round1(median(times));
const timeToTableMs = round1(median(tableTimes));
const tablePreparedMs = round1(median(preparedTimes));

if (flags.json) {
  console.log(JSON.stringify({ jsBytes, jsGzipBytes, timeToInteractiveMs, timeToTableMs, tablePreparedMs, clientBytes: allRaw, clientGzipBytes: allGz }));
} else {
  console.log(`client build: ${built ? "rebuilt" : "up to date"} (client/dist)`);
  console.log(`initial download (JS+CSS fetched before the title is interactive):`);
  for (const r of rows) console.log(r);
  console.log(`  total: ${(jsBytes / 1024).toFixed(1)} KB raw, ${(jsGzipBytes / 1024).toFixed(1)} KB gzip (budget 600 KB gzip)`);
  console.log(`whole client, every chunk (Phaser and the table load after the title): ${(allRaw / 1024).toFixed(1)} KB raw, ${(allGz / 1024).toFixed(1)} KB gzip (budget 450 KB gzip)`);
  console.log(`time to interactive title, median of ${runs}: ${timeToInteractiveMs} ms (budget 1500 ms); runs: ${times.map((t) => Math.round(t)).join(", ")}`);
  console.log(`table prepared (from "Play" to the scene built off screen during the briefing), median of ${runs}: ${tablePreparedMs} ms; runs: ${preparedTimes.map((t) => Math.round(t)).join(", ")}`);
  console.log(`time to the table (from the click on "To the table" to its first drawn frame), median of ${runs}: ${timeToTableMs} ms (budget 500 ms); runs: ${tableTimes.map((t) => Math.round(t)).join(", ")}`);
}

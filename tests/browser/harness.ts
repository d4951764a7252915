// Browser tests run the real thing: the client is built with Vite, the real game server runs as a
// child process on a free port (serving that build), and Debian's Chromium drives pages headlessly.
// Every page's console errors and uncaught exceptions are collected; tests fail on any of them.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = path.join(ROOT, "test-artifacts", "browser");
export const hasChromium = existsSync(CHROMIUM);
// On a developer machine without a browser the browser suites are skipped; in CI that would hide
// them, so CI fails instead.
if (!hasChromium && process.env.CI) throw new Error(`CI needs Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds client/dist unless it is newer than every source file of client/ and shared/. */
export async function ensureClientBuilt(): Promise<void> {
  const index = path.join(ROOT, "client/dist/index.html");
  const sources = Math.max(newestMtime(path.join(ROOT, "client/src")), newestMtime(path.join(ROOT, "shared")), ...["client/index.html", "client/vite.config.ts", "client/phaser-subset-plugin.ts"].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const { build } = await import("vite");
  // Vitest sets NODE_ENV=test; the bundle must be the production one that `npm start` serves.
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(ROOT, "client/vite.config.ts"), logLevel: "error", mode: "production" });
  } finally {
    process.env.NODE_ENV = saved;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  log(): string;
}

/**
 * Starts the real game server (server/main.ts under the project's Node) and waits for /health.
 * `port` and `env` (e.g. DATA_DIR) let a test stop a server and start it again in its place.
 */
export async function startGameServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const node = path.join(ROOT, "node_modules/.bin/node");
  const child: ChildProcess = spawn(existsSync(node) ? node : process.execPath, [path.join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), NODE_ENV: "test", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the game server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the game server did not start within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Console errors and uncaught exceptions seen on the pages watched. */
export class ErrorLog {
  readonly errors: string[] = [];

  watch(page: Page, label: string): Page {
    page.on("console", (m) => {
      if (m.type() === "error") this.errors.push(`[${label}] console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => this.errors.push(`[${label}] page error: ${e.message}`));
    return page;
  }
}

export async function newPage(browser: Browser, log: ErrorLog, label: string, size = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  log.watch(page, label);
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Waits until the table's map has been drawn (and its entrance animations have settled). */
export async function canvasReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.canvas === "ready");
  await page.waitForTimeout(600);
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Waits until the page shows a given screen (title, briefing, table, debrief). */
export async function onScreen(page: Page, screen: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((s) => document.body.dataset.ready === s, screen, { timeout });
}

/** Builds the client, starts its server and a browser before a suite, and stops them after it. */
export function useServerAndBrowser(): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    await ensureClientBuilt();
    env.server = await startGameServer();
    env.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

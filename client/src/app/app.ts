// The app once a table opens: picks the screen for the table's stage (briefing, table, debrief),
// keeps the top bar (week, phase, stage, countdown, seat) and the connection banner up to date,
// and gets Phaser and the table's scene ready while the briefing is read (shown on "To the table").
import { defaultScenario, isPartyId, type PartyId } from "../../../shared/index.ts";
import type { TitleChoice } from "../ui/title-screen.ts";
import { describeError, type Snapshot, type TableSession } from "../net/session.ts";
import { Ctx } from "./context.ts";
import { button, fill, h } from "../ui/dom.ts";
import { BriefingScreen, briefingContent } from "../ui/briefing-screen.ts";
import { TableScreen } from "../ui/table-screen.ts";
import { DebriefScreen } from "../ui/debrief-screen.ts";
import { openDialog, openSources } from "../ui/sources-dialog.ts";
import { banner, toast } from "../ui/notify.ts";
import { announcementBar, showAnnouncement } from "../ui/announcement-bar.ts";
import { formatCountdown, PHASE_WORDS, STAGE_WORDS } from "../ui/format.ts";
import { partyBadge, PARTY_TAG } from "../ui/party-style.ts";
import type { TableGame } from "../game/table-game.ts";
import type { PreviewStage } from "../net/local-session.ts";
import { forgetSeat, recallSeat, rememberSeat, type SeatMemory } from "../net/seat-memory.ts";
import { confirmLeave } from "../ui/leave-dialog.ts";
import { focusOnArrival, keepFocus } from "../ui/focus-keeper.ts";

const scenario = defaultScenario();

function clockIcon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", "clock-icon");
  svg.setAttribute("aria-hidden", "true");
  const face = document.createElementNS(ns, "circle");
  Object.entries({ cx: "8", cy: "9", r: "6", fill: "none", stroke: "currentColor", "stroke-width": "1.8" }).forEach(([k, v]) => face.setAttribute(k, v));
  const hands = document.createElementNS(ns, "path");
  Object.entries({ d: "M8 5.5V9l2.3 1.6M6 1.5h4", fill: "none", stroke: "currentColor", "stroke-width": "1.8", "stroke-linecap": "round" }).forEach(([k, v]) => hands.setAttribute(k, v));
  svg.append(face, hands);
  return svg;
}
let current: TableApp | null = null;

/**
 * Phaser and the table scene's code: one chunk, fetched when a person heads to a table (never on
 * the title alone) so that it is in the page by the time the briefing has been read.
 */
const loadTableGame = () => import("../game/table-game.ts");
function fetchTableGameEarly(): void {
  void loadTableGame().catch(() => undefined);
}

export function showSources(): void {
  openSources(scenario);
}

function friendly(e: unknown, choice: TitleChoice): Error {
  const text = describeError(e);
  if (/not found|no rooms? found|invalid room/i.test(text) && choice.mode === "join") return new Error(`No open table has the code “${choice.code}”. Check the code and try again.`);
  if (/failed to fetch|network|econnrefused|offline|websocket|load failed/i.test(text)) return new Error("Could not reach the game server. Check your connection and try again.");
  return new Error(text);
}

async function connect(choice: TitleChoice): Promise<TableSession> {
  const offline = new URLSearchParams(location.search).has("offline");
  if (choice.mode === "solo" && offline) {
    const { LocalSession } = await import("../net/local-session.ts");
    return new LocalSession({ party: choice.party, difficulty: choice.difficulty, name: choice.name, rounds: choice.rounds });
  }
  const { OnlineSession } = await import("../net/online-session.ts");
  try {
    if (choice.mode === "solo") return await OnlineSession.solo({ party: choice.party, difficulty: choice.difficulty, name: choice.name, rounds: choice.rounds });
    if (choice.mode === "create") {
      const { mode: _mode, ...options } = choice;
      return await OnlineSession.create(options);
    }
    return await OnlineSession.join({
      code: choice.code, name: choice.name, seat: choice.seat,
      ...(choice.hostKey ? { hostKey: choice.hostKey } : {}),
      ...(choice.studentToken ? { studentToken: choice.studentToken } : {}),
      ...(choice.viewerKey ? { viewerKey: choice.viewerKey } : {}),
    });
  } catch (e) {
    throw friendly(e, choice);
  }
}

/** Opens a table from the title screen's choice; rejects with a readable error. */
export async function openTable(root: HTMLElement, choice: TitleChoice): Promise<void> {
  fetchTableGameEarly();
  const session = await connect(choice);
  await current?.close();
  current = new TableApp(root, session, choice);
  rememberTable(session, choice);
}

/** Waits between tries to return to a seat while the server cannot be reached (about 15 s in all). */
const RETURN_RETRIES_MS = [500, 1000, 2000, 3000, 4000, 4000];

/**
 * Back to the seat this tab held at table `code` (after a reload, or a server restart), on the
 * screen the person was on. Rejects with a readable error when the seat cannot be had back.
 */
export async function returnToSeat(root: HTMLElement, code: string): Promise<void> {
  const memory = recallSeat(code);
  if (!memory) throw new Error("This tab has no seat at that table any more. Join it again below.");
  fetchTableGameEarly();
  const seat = memory.seat as Extract<TitleChoice, { mode: "join" }>["seat"];
  const choice: TitleChoice = memory.choice ?? { mode: "join", code, name: memory.name, seat, hostKey: "" };
  const { OnlineSession } = await import("../net/online-session.ts");
  let session: TableSession | null = null;
  // A server that is restarting refuses connections for a few seconds: keep trying for a while.
  for (let attempt = 0; !session; attempt++) {
    try {
      session = await OnlineSession.join({ code, name: memory.name || "Player", seat });
    } catch (e) {
      const text = describeError(e);
      const refused = /seatToken|not found|no rooms? found|invalid room/i.test(text);
      // The seat is gone for good (the table closed, or the token was given up): start afresh.
      if (refused) forgetSeat(code);
      // Otherwise the seat is still remembered, so reloading later can still return to it.
      if (refused || attempt >= RETURN_RETRIES_MS.length) throw friendly(e, { mode: "join", code, name: memory.name, seat, hostKey: "" });
      await new Promise((r) => setTimeout(r, RETURN_RETRIES_MS[attempt]));
    }
  }
  current = new TableApp(root, session, choice, recallSeat(code) ?? memory);
  rememberTable(session, choice);
}

/** Puts the table's code in the address bar, so a reload (or a shared link) comes back to it. */
function rememberTable(session: TableSession, choice: TitleChoice): void {
  if (session.kind !== "online") return;
  const url = new URL(location.href);
  url.searchParams.set("table", session.code);
  history.replaceState(null, "", url);
  // How the table was opened, for "play again" after a reload; a host key stays out of it.
  rememberSeat(session.code, { choice: choice.mode === "join" ? { ...choice, hostKey: "" } : choice });
}

/** Dev preview: a seeded local game fast-forwarded to a stage, to see every screen offline. */
export async function openPreview(root: HTMLElement, stage: string, params: URLSearchParams): Promise<void> {
  fetchTableGameEarly();
  const { LocalSession } = await import("../net/local-session.ts");
  const partyParam = params.get("party") ?? "israel";
  const party: PartyId = isPartyId(partyParam) ? partyParam : "israel";
  const session = new LocalSession({ party, difficulty: "normal", name: "Preview", seed: Number(params.get("seed") ?? 7), rounds: Number(params.get("rounds") ?? 8) });
  const target = (["briefing", "negotiation", "decisions", "ended"] as const).includes(stage as PreviewStage) ? (stage as PreviewStage) : "negotiation";
  session.fastForward(target, Number(params.get("round") ?? 2));
  current = new TableApp(root, session, { mode: "solo", party, difficulty: "normal", name: "Preview", rounds: 8 });
  if (target !== "briefing") {
    current.briefingDone = true;
    const s = session.current();
    current.refresh(s);
  }
  const tab = params.get("tab");
  if (tab) current.selectTab(tab);
}

class TableApp {
  private readonly ctx: Ctx;
  private readonly root: HTMLElement;
  private readonly choice: TitleChoice;
  private readonly topbar = h("header", { class: "topbar" });
  private readonly content = h("div", { class: "content", id: "content" });
  private briefing: BriefingScreen | null = null;
  private table: TableScreen | null = null;
  private debrief: DebriefScreen | null = null;
  private game: TableGame | null = null;
  private gameReady: Promise<TableGame | null> | null = null;
  private closed = false;
  private screen = "";
  /** A seated player reads the briefing before the table, even when a solo game began at once. */
  briefingDone: boolean;
  private deadline: number | null = null;
  private paused = false;
  /** The clock's fields the deadline was last worked out from. */
  private clockSeen = "";
  private tick: ReturnType<typeof setInterval>;
  private unsubscribe: Array<() => void> = [];
  private readonly countdownText = h("span", {});
  /** A drawn clock: the ⏱ character is missing from many fonts and shows as a box. */
  private readonly countdown = h("span", { class: "countdown", "aria-live": "off", role: "timer" }, clockIcon(), this.countdownText);

  /** Where the person was before a reload (the briefing read, the tab open). */
  private readonly memory: SeatMemory | null;

  constructor(root: HTMLElement, session: TableSession, choice: TitleChoice, memory: SeatMemory | null = null) {
    this.root = root;
    this.choice = choice;
    this.memory = memory;
    this.ctx = new Ctx(session.scenario, session);
    keepFocus(root);
    this.briefingDone = this.ctx.me === null || Boolean(memory?.briefingDone);
    fill(root, h("div", { class: "shell" }, this.topbar, this.announcement, this.content));
    this.unsubscribe.push(session.subscribe((s) => this.render(s)));
    this.unsubscribe.push(
      session.onConnection((status, detail) => {
        if (status === "dropped") banner("Connection lost — trying to reconnect… Your seat is kept for you.");
        else if (status === "reconnected") banner("Back online. You are at the table again.", "ok");
        else if (status === "closed") banner(`Disconnected from the table: ${detail}. Reload the page to rejoin.`);
      }),
    );
    this.tick = setInterval(() => this.renderCountdown(), 500);
    if (!session.current()) fill(this.content, h("p", { class: "boot" }, "Waiting for the table…"));
  }

  selectTab(tab: string): void {
    if (tab === "offers" || tab === "compose" || tab === "messages" || tab === "decide" || tab === "host") this.table?.select(tab);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.tick);
    for (const u of this.unsubscribe) u();
    this.game?.destroy();
    this.game = null;
    this.gameReady = null;
    await this.ctx.session.leave();
  }

  refresh(s: Snapshot): void {
    this.render(s);
  }

  private render(s: Snapshot): void {
    const stage = s.view.stage;
    const screen = stage === "ended" ? "debrief" : stage === "briefing" || !this.briefingDone ? "briefing" : "table";
    document.body.dataset.screen = screen;
    document.body.dataset.stage = stage;
    document.body.dataset.round = String(s.view.round);
    // The countdown starts from the time left as the server last wrote it, and only then: the
    // server writes it when the clock changes or someone joins, not with every action, so a patch
    // for something else (or a redraw) must not restart the countdown from an older figure.
    const t = s.timer;
    const clock = t ? `${stage}|${t.stage}|${t.endsAt}|${t.remainingMs}|${t.paused}` : stage;
    if (clock !== this.clockSeen) {
      this.clockSeen = clock;
      if (t && t.remainingMs > 0 && t.stage === stage) {
        this.deadline = performance.now() + t.remainingMs;
        this.paused = t.paused;
      } else {
        this.deadline = null;
        this.paused = Boolean(t?.paused);
      }
    }
    this.renderTopbar(s);
    let showGame = false;
    if (screen !== this.screen) {
      this.screen = screen;
      // A new screen: focus goes to its start (the briefing's heading, the action tabs, the outcome).
      if (screen === "briefing") focusOnArrival("briefing-start", "to-table");
      else if (screen === "debrief") focusOnArrival("debrief-start");
      if (screen === "briefing") {
        this.briefing ??= new BriefingScreen(this.ctx, () => {
          this.briefingDone = true;
          this.remember({ briefingDone: true });
          const now = this.ctx.session.current();
          if (now) this.render(now);
          window.scrollTo(0, 0);
        }, this.choice.mode === "solo");
        fill(this.content, this.briefing.el);
        this.prepareGameSoon();
      } else if (screen === "table") {
        if (!this.table) {
          this.table = new TableScreen(this.ctx, this.ctx.session.hostKey !== null && this.choice.mode !== "solo" && this.ctx.session.kind === "online", (tab) => this.remember({ tab }));
          if (this.memory?.tab) this.table.select(this.memory.tab as Parameters<TableScreen["select"]>[0]);
        }
        fill(this.content, this.table.el);
        focusOnArrival(`#tab-${this.table.current}`);
        showGame = true;
      } else {
        this.game?.destroy();
        this.game = null;
        this.gameReady = null;
        this.debrief ??= new DebriefScreen(this.ctx, { playAgain: (p) => void this.playAgain(p), home: () => void this.home() });
        fill(this.content, this.debrief.el);
        window.scrollTo(0, 0);
      }
    }
    if (screen === "briefing") this.briefing?.update();
    else if (screen === "table") {
      this.table?.update();
      this.game?.update({ view: s.view, seats: s.seats, me: this.ctx.me, scenario: this.ctx.scenario });
    } else this.debrief?.update();
    showAnnouncement(this.announcement, s.announcement);
    // Last, once the page around it is built: the canvas then takes its size from the final layout
    // (measured once) and draws in this same task.
    if (showGame) this.mountGame();
    document.body.dataset.ready = screen;
  }

  /** The host's announcement: stays on screen until the host clears it (it is part of the table's state). */
  private readonly announcement = announcementBar();

  /** Notes where the person is, so a reload brings them back here (online tables only). */
  private remember(patch: Partial<SeatMemory>): void {
    if (this.ctx.session.kind === "online") rememberSeat(this.ctx.session.code, patch);
  }

  /**
   * Phaser and the table's scene, built once per table: while the briefing is read (off screen,
   * see game/table-game.ts), or when the table screen first needs it. Resolves to null when the
   * table has gone past the play screen (or closed) before the game was built.
   */
  private prepareGame(): Promise<TableGame | null> {
    this.gameReady ??= loadTableGame().then(
      ({ TableGame }) => {
        if (this.closed || this.screen === "debrief") return null;
        this.game = new TableGame(this.content.clientWidth || document.documentElement.clientWidth);
        const s = this.ctx.session.current();
        if (s) this.game.update({ view: s.view, seats: s.seats, me: this.ctx.me, scenario: this.ctx.scenario });
        return this.game;
      },
      (e: unknown) => {
        // A failed download (the connection dropped while reading) is tried again by the table screen.
        this.gameReady = null;
        throw e;
      },
    );
    return this.gameReady;
  }

  /** Gets the table ready while the briefing is read, once the briefing itself is on screen. */
  private prepareGameSoon(): void {
    if (this.gameReady) return;
    const later = (window as unknown as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 50));
    requestAnimationFrame(() => later(() => void this.prepareGame().catch(() => undefined), { timeout: 300 }));
  }

  private mountGame(): void {
    if (!this.table) return;
    const host = this.table.canvasHost;
    const show = (game: TableGame) => {
      host.querySelector(".canvas-fallback")?.remove();
      game.attach(host);
    };
    // Built while the briefing was read: shown in this very task, not a microtask later.
    if (this.game) return show(this.game);
    this.prepareGame()
      .then((game) => {
        if (game && this.screen === "table") show(game);
      })
      .catch((e) => toast(`The map could not be drawn: ${describeError(e)}`, "error"));
  }

  private renderTopbar(s: Snapshot): void {
    const v = s.view;
    const me = this.ctx.me;
    const seat = this.ctx.session.seat;
    fill(
      this.topbar,
      h("h1", {}, "Ceasefire Table"),
      h(
        "div",
        { class: "meta" },
        // A classroom table goes by the name the teacher's console gives it; other tables by their code.
        this.choice.mode === "join" && this.choice.label
          ? h("span", {}, h("strong", { "data-testid": "table-label", title: `room ${s.code}` }, this.choice.label))
          : h("span", {}, "Table ", h("strong", { "data-testid": "code" }, s.code)),
        h("span", {}, v.round > 0 ? h("strong", {}, `Week ${v.round} of ${v.rounds}`) : h("strong", {}, "Before week 1")),
        h("span", { class: "phase" }, PHASE_WORDS[v.phase]),
        h("span", { "data-testid": "stage" }, h("strong", {}, STAGE_WORDS[v.stage] ?? v.stage)),
        this.countdown,
        me
          ? h("span", { class: "you" }, partyBadge(me, this.ctx.scenario.parties[me].colour), `You: ${this.ctx.scenario.parties[me].shortName}`, h("span", { class: "you-tag" }, ` (${PARTY_TAG[me]})`))
          : h("span", { class: "you" }, seat === "facilitator" ? "Facilitator" : "Spectator"),
      ),
      h("span", { class: "spacer" }),
      me ? button("Briefing", () => openDialog("Your briefing", briefingContent(this.ctx, me)), "btn-quiet", { "data-focus-key": "open-briefing" }) : null,
      button("Sources", () => openSources(this.ctx.scenario), "btn-quiet", { "data-focus-key": "open-sources" }),
      button("Leave", () => void this.leave(), "btn-quiet", { "data-testid": "leave" }),
    );
    this.renderCountdown();
  }

  private renderCountdown(): void {
    if (this.paused) {
      this.countdown.hidden = false;
      this.countdown.classList.remove("low");
      this.countdownText.textContent = "Paused";
      this.countdown.setAttribute("aria-label", "The clock is paused");
      return;
    }
    if (this.deadline === null) {
      this.countdown.hidden = true;
      return;
    }
    const left = this.deadline - performance.now();
    this.countdown.hidden = false;
    this.countdownText.textContent = formatCountdown(left);
    this.countdown.classList.toggle("low", left < 30_000);
    this.countdown.setAttribute("aria-label", `Time left in this stage: ${formatCountdown(left)}`);
  }

  private async playAgain(party: PartyId | null): Promise<void> {
    const c = this.choice;
    let next: TitleChoice;
    if (c.mode === "solo") next = { ...c, party: party ?? c.party };
    else if (c.mode === "create") next = { ...c, seat: party ?? c.seat };
    else next = { mode: "create", name: c.name, seat: party ?? c.seat, rounds: 8, timers: true, negotiationSeconds: 240, decisionSeconds: 90, botsFillEmptySeats: true };
    try {
      const session = await connect(next);
      await this.close();
      current = new TableApp(this.root, session, next);
      rememberTable(session, next);
    } catch (e) {
      toast(describeError(e), "error");
    }
  }

  /** Asks first, saying what becomes of the seat; leaves only on a yes. */
  private async leave(): Promise<void> {
    const s = this.ctx.session.current();
    if (!(await confirmLeave(this.ctx, s, this.choice.mode === "solo"))) return;
    await this.home();
  }

  private async home(): Promise<void> {
    await this.close();
    current = null;
    location.assign(`${location.pathname}${new URLSearchParams(location.search).has("offline") ? "?offline" : ""}`);
  }
}

// Entry point. Draws the title screen at once (plain DOM, tiny), then fetches the rest of the app
// — rules, network client, panels — and Phaser only when a table opens.
import "./styles.css";
import { renderTitle, type TitleChoice } from "./ui/title-screen.ts";
import { fill, h } from "./ui/dom.ts";
import { recallSeat } from "./net/seat-memory.ts";

const root = document.getElementById("app")!;
const params = new URLSearchParams(location.search);

async function loadApp() {
  return import("./app/app.ts");
}

async function start(choice: TitleChoice): Promise<void> {
  // A class's join code (5 characters) goes to the class's join page, which seats the student.
  if (choice.mode === "join" && /^[a-z0-9]{5}$/i.test(choice.code.trim())) {
    location.assign(`?join=${encodeURIComponent(choice.code.trim().toUpperCase())}`);
    return;
  }
  const app = await loadApp();
  await app.openTable(root, choice);
}

function showTitle(): void {
  renderTitle(root, { start, openSources: () => void loadApp().then((a) => a.showSources()) }, params.get("table") ?? "");
  document.body.dataset.screen = "title";
  document.body.dataset.ready = "title";
  // The title is interactive now: forms are in the page and their handlers attached.
  performance.mark("title-interactive");
}

const preview = params.get("preview");
// Classroom sessions (client/src/console): the teacher's console, a student's join page, a table's
// projector view and a table's facilitator view opened from the console. Keys travel in the fragment.
const fragmentKey = new URLSearchParams(location.hash.slice(1)).get("key") ?? "";
// A read-only key: the session projector's token (client/src/console/projector-page.ts) or a table's viewer key (?watch).
const viewToken = new URLSearchParams(location.hash.slice(1)).get("view") ?? "";
// A key must not stay in the address bar, where a projector would show it to the room.
if (fragmentKey || viewToken) history.replaceState(null, "", `${location.pathname}${location.search}`);
/** A classroom table opened from the console carries its number (`&n=2`), so the page says "Table 2". */
const tableLabel = (): { label?: string } => (/^\d{1,2}$/.test(params.get("n") ?? "") ? { label: `Table ${params.get("n")}` } : {});
function classroom(): boolean {
  const show = (e: unknown) => fill(root, `Could not open this page: ${e instanceof Error ? e.message : String(e)}`);
  const consoleCode = params.get("console");
  const join = params.get("join");
  const watch = params.get("watch");
  const coach = params.get("coach");
  if (params.has("host")) void import("./console/console-page.ts").then((c) => c.renderCreateSession(root)).catch(show);
  else if (consoleCode) void import("./console/console-page.ts").then((c) => c.openConsole(root, consoleCode, fragmentKey, params.has("projector"))).catch(show);
  else if (join) void import("./console/student-join.ts").then((c) => c.renderStudentJoin(root, join)).catch(show);
  else if (params.get("projector")) void import("./console/projector-page.ts").then((c) => c.openProjector(root, params.get("projector")!, viewToken)).catch(show);
  else if (params.has("roles")) void import("./console/role-sheets.ts").then((c) => c.renderRoleSheets(root, params.get("roles") ?? "")).catch(show);
  else if (params.has("testrun")) void import("./console/test-run.ts").then((c) => c.renderTestRun(root)).catch(show);
  else if (watch) {
    document.body.classList.add("projector");
    // A session's table is watched with the host key (the console's map view) or with the session's
    // viewer key (a spectator link handed out without the host key): a session's table seats no one else.
    // (Read above, before the fragment left the address bar.)
    start({ mode: "join", code: watch, name: "Projector", seat: "spectator", hostKey: fragmentKey, ...(viewToken ? { viewerKey: viewToken } : {}), ...tableLabel() }).catch(show);
  } else if (coach) start({ mode: "join", code: coach, name: "Teacher", seat: "facilitator", hostKey: fragmentKey, ...tableLabel() }).catch(show);
  else return false;
  return true;
}
if (classroom()) {
  // A classroom page: nothing else to show.
} else if (preview) {
  void loadApp().then((a) => a.openPreview(root, preview, params));
} else if (params.get("table") && recallSeat(params.get("table")!)) {
  // A reload (or a return to this tab) at a table this tab sits at: straight back to the seat,
  // with no form to fill; if the seat is gone, the title's join form says why.
  const code = params.get("table")!;
  document.body.dataset.screen = "returning";
  fill(root, h("p", { class: "boot", role: "status" }, "Back to your seat…"));
  void loadApp()
    .then((a) => a.returnToSeat(root, code))
    .catch((e: unknown) => {
      showTitle();
      const error = document.querySelector<HTMLElement>("#panel-join .error-text");
      if (error) error.textContent = e instanceof Error ? e.message : String(e);
    });
} else {
  showTitle();
  // Warm the cache for the rest of the app once the title is up, without delaying it.
  const idle = (window as unknown as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 300));
  idle(() => void loadApp());
}

export { showTitle };

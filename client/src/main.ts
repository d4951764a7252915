// Entry point. Draws the title screen at once (plain DOM, tiny), then fetches the rest of the app
// — rules, network client, panels — and Phaser only when a table opens.
import "./styles.css";
import { renderTitle, type TitleChoice } from "./ui/title-screen.ts";

const root = document.getElementById("app")!;
const params = new URLSearchParams(location.search);

async function loadApp() {
  return import("./app/app.ts");
}

async function start(choice: TitleChoice): Promise<void> {
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
if (preview) {
  void loadApp().then((a) => a.openPreview(root, preview, params));
} else {
  showTitle();
  // Warm the cache for the rest of the app once the title is up, without delaying it.
  const idle = (window as unknown as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 300));
  idle(() => void loadApp());
}

export { showTitle };

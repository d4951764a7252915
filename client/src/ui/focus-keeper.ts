// Keeps keyboard focus where the person is. Panels redraw their DOM when the table changes, and a
// redrawn control is a new element: without help the browser drops focus to the top of the page.
// Controls carry a stable key (data-focus-key, else data-testid, else a fixed id); when the
// focused control disappears in a redraw, focus returns to the control with the same key. When that
// control is gone for good (a bot closed the offer whose Accept had focus), focus goes to the first
// of the keys the control named in data-focus-then, so it never falls to the top of the page. After
// an action whose control goes away (Accept, Confirm…), the panel names where focus goes next.
const AUTO_ID = /^f-\d+$/;

/** The stable key of a control, or null when it has none. */
export function focusKey(el: Element | null): string | null {
  if (!(el instanceof HTMLElement)) return null;
  return el.dataset.focusKey ?? el.dataset.testid ?? (el.id && !AUTO_ID.test(el.id) ? `#${el.id}` : null);
}

function byKey(root: ParentNode, key: string): HTMLElement | null {
  const q = key.startsWith("#") ? `[id="${CSS.escape(key.slice(1))}"]` : `[data-focus-key="${CSS.escape(key)}"], [data-testid="${CSS.escape(key)}"]`;
  for (const el of root.querySelectorAll<HTMLElement>(q)) if (usable(el)) return el;
  return null;
}

/** On screen (not in a hidden tab panel or a closed fold) and able to take focus. */
function usable(el: HTMLElement): boolean {
  if (!el.isConnected || el.closest("[hidden], [inert]")) return false;
  if ((el as HTMLButtonElement).disabled) return false;
  return el.getClientRects().length > 0;
}

class FocusKeeper {
  private last: HTMLElement | null = null;
  private lastKey: string | null = null;
  /** Where to go when the last control is gone for good, as that control named it. */
  private lastThen: string[] = [];
  private wanted: string[] = [];
  private scroll = true;
  /** A wish not met within a few seconds (the table never answered) is dropped, not acted on later. */
  private wantedUntil = 0;
  private scheduled = false;
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
    document.addEventListener("focusin", (e) => {
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (!el || !root.contains(el)) return;
      this.last = el;
      this.lastKey = focusKey(el);
      this.lastThen = el.dataset.focusThen?.split(" ").filter(Boolean) ?? [];
    });
    // The person moving on by themselves (Tab, a click) cancels a wish made for them earlier.
    const moveOn = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== "Tab") return;
      this.wanted = [];
    };
    document.addEventListener("keydown", moveOn, true);
    document.addEventListener("pointerdown", moveOn, true);
    // Redraws happen in many places; one observer catches them all, after the redraw is complete.
    new MutationObserver(() => this.schedule()).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "disabled"] });
  }

  next(keys: string[], scroll: boolean): void {
    this.wanted = keys;
    this.scroll = scroll;
    this.wantedUntil = performance.now() + 8000;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.restore();
    });
  }

  private restore(): void {
    if (document.querySelector("dialog[open]")) return;
    if (this.wanted.length && performance.now() > this.wantedUntil) this.wanted = [];
    if (this.wanted.length) {
      for (const key of this.wanted) {
        const el = byKey(this.root, key);
        if (!el) continue;
        this.wanted = [];
        if (el !== document.activeElement) el.focus({ preventScroll: !this.scroll });
        return;
      }
      // None of them is drawn yet (the table has not answered): try again on the next redraw, and
      // meanwhile keep the person on the control they were on.
    }
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected || (active instanceof HTMLElement && !usable(active));
    // Only when the control the person was on went away: a click on empty page keeps focus put.
    if (!lost || !this.lastKey || !this.last || (this.last.isConnected && usable(this.last))) return;
    for (const key of [this.lastKey, ...this.lastThen]) {
      const again = byKey(this.root, key);
      if (!again) continue;
      again.focus({ preventScroll: true });
      return;
    }
  }
}

let keeper: FocusKeeper | null = null;

/** Starts keeping focus inside `root` (once per page). */
export function keepFocus(root: HTMLElement): void {
  keeper ??= new FocusKeeper(root);
}

/**
 * After an action: focus goes to the first of `keys` that is on screen, now or at the next redraw
 * (the table's answer), instead of falling to the top of the page.
 */
export function focusNext(...keys: string[]): void {
  keeper?.next(keys, true);
}

/** On arriving at a screen: focus its start without scrolling the page away from its top. */
export function focusOnArrival(...keys: string[]): void {
  keeper?.next(keys, false);
}

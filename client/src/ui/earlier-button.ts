// "Earlier weeks": what a list shows below its newest items when older ones are kept in the table's
// record rather than on the page. One press reads them (page by page) and the list shows them too.
import type { EarlierItems } from "../net/record-reading.ts";
import { button, h } from "./dom.ts";

/**
 * The control for `leftOut` earlier items of a list (`noun`: "messages", "offers"…), or null when
 * there are none or they are shown already. `redraw` draws the list again once they arrive.
 */
export function earlierControl<T>(earlier: EarlierItems<T>, leftOut: number, noun: string, redraw: () => void, testid: string): HTMLElement | null {
  if (leftOut <= 0) return null;
  if (earlier.loading) return h("p", { class: "muted small earlier", role: "status" }, `Reading earlier ${noun}…`);
  if (earlier.wanted && !earlier.error) return null;
  const press = button(
    `Earlier weeks: ${leftOut} more ${noun}`,
    () => {
      void earlier.load().then(redraw);
      redraw();
    },
    "btn-quiet small",
    { "data-testid": testid },
  );
  return h("div", { class: "earlier" }, earlier.error ? h("p", { class: "muted small", role: "alert" }, `Could not read them: ${earlier.error}`) : null, press);
}

/** Reads earlier items again when some have left the window since they were read. */
export function keepEarlierFresh<T>(earlier: EarlierItems<T>, stale: boolean, redraw: () => void): void {
  if (stale && earlier.wanted && !earlier.loading && !earlier.error) void earlier.load().then(redraw);
}

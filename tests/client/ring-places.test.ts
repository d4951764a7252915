// The ring's words on a phone: every seat's name stays clear of this seat's trust numbers and inside
// the canvas, whichever party the player takes. (On a small ring a lower side seat's "… (you)" did
// not fit beside the seat, went below it, and the bottom seat's trust number covered it.)
import { describe, expect, it } from "vitest";
import { PARTY_IDS } from "../../shared/ids.ts";
import { computeLayout, MIN_TEXT_PX } from "../../client/src/game/table-layout.ts";
import { seatNamePlace, trustPlace, type TextPlace } from "../../client/src/game/ring-places.ts";
import content from "../../shared/scenario/default-content.json" with { type: "json" };

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A generous estimate of a label's size in the canvas's sans-serif, its background's padding included. */
function sizer(px: number) {
  return (text: string) => {
    const lines = text.split("\n");
    return { w: Math.max(...lines.map((l) => l.length)) * px * 0.7 + 8, h: lines.length * px * 1.2 + 4 };
  };
}

function boxOf(place: TextPlace, size: { w: number; h: number }): Box {
  const left = place.x - place.originX * size.w;
  const top = place.y - place.originY * size.h;
  return { left, top, right: left + size.w, bottom: top + size.h };
}

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

// The canvas of a phone's table screen (36rem high), from a 360 to a 430 pixel wide phone.
const PHONES = [344, 374, 396, 414].map((w) => ({ w, h: 539 }));

describe("the ring's names and numbers on a phone", () => {
  for (const { w, h } of PHONES)
    for (const [mi, me] of PARTY_IDS.entries())
      it(`${w}×${h}, playing ${me}: no name under a trust number, none cut at the edge`, () => {
        const layout = computeLayout(w, h);
        const px = Math.max(MIN_TEXT_PX, layout.font * 0.8);
        const measure = sizer(px);
        const numbers = PARTY_IDS.flatMap((_, oi) => (oi === mi ? [] : [boxOf({ ...trustPlace(layout, mi, oi), text: "100", originX: 0.5, originY: 0.5 }, measure("100"))]));
        for (const [i, p] of PARTY_IDS.entries()) {
          const name = content.parties[p].shortName;
          const place = seatNamePlace(layout, i, p === me ? `${name} (you)` : name, 1, measure);
          const box = boxOf(place, measure(place.text));
          for (const n of numbers) expect(overlap(box, n), `${p}'s name "${place.text}" under a trust number`).toBe(false);
          expect(box.left >= 0 && box.right <= w && box.top >= 0 && box.bottom <= h, `${p}'s name "${place.text}" inside the canvas`).toBe(true);
        }
      });
});

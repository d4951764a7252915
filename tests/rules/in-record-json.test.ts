// A section's `inRecord` text (shared/wire-view.ts) is written out by hand, as it changes with
// nearly every message once a window is full: it must be the very text JSON.stringify gives.
import { describe, expect, it } from "vitest";
import { inRecordJson } from "../../shared/wire-view.ts";
import { NOTHING_IN_RECORD } from "../../shared/view-window.ts";

describe("a section's inRecord", () => {
  it("is JSON.stringify's text of the counts, with the offers' places when the window has them", () => {
    const counts = { news: 3, offers: 0, commitments: 12, messages: 480, history: 1 };
    expect(inRecordJson({ recordOnly: counts })).toBe(JSON.stringify(counts));
    expect(inRecordJson({ recordOnly: counts, offerPlaces: [1, 4, 17] })).toBe(JSON.stringify({ ...counts, offerPlaces: [1, 4, 17] }));
    expect(inRecordJson({ recordOnly: counts, offerPlaces: [] })).toBe(JSON.stringify({ ...counts, offerPlaces: [] }));
    expect(JSON.parse(inRecordJson({ recordOnly: { ...NOTHING_IN_RECORD, messages: 2 }, offerPlaces: [9] }))).toEqual({ ...NOTHING_IN_RECORD, messages: 2, offerPlaces: [9] });
  });

  it("is empty when nothing is left to the record", () => {
    expect(inRecordJson({})).toBe("");
    expect(inRecordJson({ recordOnly: NOTHING_IN_RECORD, offerPlaces: [2] })).toBe("");
  });
});

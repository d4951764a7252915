// Names people give themselves: what cannot be seen goes, what writes a name stays.
import { describe, expect, it } from "vitest";
import { cleanName, nameShows, personNameSchema } from "../../shared/display-name.ts";

describe("a person's name", () => {
  it("keeps the zero-width non-joiner inside a Persian name, and the joiner inside one emoji", () => {
    const persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645";
    expect(cleanName(persian)).toBe(persian);
    expect(cleanName("Nasrin \u0632\u0647\u0631\u0647\u200c\u0627\u06cc")).toBe("Nasrin \u0632\u0647\u0631\u0647\u200c\u0627\u06cc");
    expect(cleanName("Ada \u{1F469}\u200d\u{1F4BB}")).toBe("Ada \u{1F469}\u200d\u{1F4BB}");
  });

  it("takes out joiners that join nothing, and every other hidden character", () => {
    expect(cleanName("\u200cAda\u200c")).toBe("Ada");
    expect(cleanName("A\u200c \u200cda")).toBe("A da");
    expect(cleanName("A\u200c\u200dda")).toBe("Ada");
    expect(cleanName("A\u2060d\u00ada\u202e")).toBe("Ada");
    expect(cleanName("  Ada \t\n Lovelace ")).toBe("Ada Lovelace");
  });

  it("refuses a name that shows nothing, joiners alone included", () => {
    for (const invisible of ["\u200c", "\u200d\u200d", "\u2060", "\u3164", "\u034f", " \u200c \u200d "])
      expect(personNameSchema.safeParse(invisible).success, JSON.stringify(invisible)).toBe(false);
    expect(nameShows(cleanName("\u200cA"))).toBe(true);
    expect(personNameSchema.parse("  \u0645\u06cc\u200c\u062e  ")).toBe("\u0645\u06cc\u200c\u062e");
  });
});

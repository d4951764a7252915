// A solo table in the page (client/src/net/local-session.ts) shows the same window of now as a
// server's table and answers the same record requests: the page's readers put every earlier item
// back — each exactly once — and the weekly history is filled in by itself for the charts.
import { describe, expect, it } from "vitest";
import { LocalSession } from "../../client/src/net/local-session.ts";
import { EarlierItems, readWholeList } from "../../client/src/net/record-reading.ts";
import type { Message, NewsItem, Offer, RoundRecord } from "../../shared/state.ts";

describe("a solo table's record in the page", () => {
  it("reads every earlier item through the record, and fills in the history", async () => {
    // A table still talking in week 8 (some end earlier, a collapse; the record is the subject here).
    let session: LocalSession | null = null;
    for (let seed = 1; seed <= 20 && !session; seed++) {
      const candidate = new LocalSession({ party: "israel", difficulty: "normal", name: "Solo", seed, rounds: 12 });
      candidate.fastForward("negotiation", 8);
      if (candidate.current().view.stage === "negotiation") session = candidate;
    }
    if (!session) throw new Error("no table lasted to week 8");
    // The player has a lot to say this week.
    for (let i = 0; i < 30; i++) expect((await session.send({ type: "statement", text: `Israel, statement ${i}: `.padEnd(480, "we hold to the agreed schedule. ") })).ok).toBe(true);
    const view = session.current().view;
    expect(view.round).toBe(8);
    // The window left earlier items out (a long game's news, a busy week's messages do not fit).
    expect(view.recordOnly?.news).toBeGreaterThan(0);
    expect(view.recordOnly?.messages).toBeGreaterThan(0);

    const table = session;
    const read = (q: Parameters<typeof table.record>[0]) => table.record(q);
    const news = await readWholeList<NewsItem>(read, "news");
    if (!news.ok) throw new Error(news.error.message);
    expect(news.items).toHaveLength(view.news.length + view.recordOnly!.news);
    expect(news.items.slice(-view.news.length)).toEqual(view.news);

    // The messages panel's reader: the window alone until asked, then every message once, in order.
    const earlier = new EarlierItems<Message>(read, "messages", (m) => m.id);
    const leftOut = view.recordOnly!.messages;
    expect(earlier.withEarlier(view.messages, leftOut).items).toEqual(view.messages);
    await earlier.load();
    const all = earlier.withEarlier(view.messages, leftOut);
    expect(all.stale).toBe(false);
    expect(all.items).toHaveLength(view.messages.length + leftOut);
    expect(new Set(all.items.map((m) => m.id)).size).toBe(all.items.length);
    expect(all.items.map((m) => m.id)).toEqual([...all.items.map((m) => m.id)].sort((a, b) => a - b));
    expect(all.items.filter((m) => m.text.startsWith("Israel, statement "))).toHaveLength(30);
    // Offers, read whole: as many as the window and the count it left out.
    const offers = await readWholeList<Offer>(read, "offers");
    if (!offers.ok) throw new Error(offers.error.message);
    expect(offers.items).toHaveLength(view.offers.length + (view.recordOnly?.offers ?? 0));

    // A bad request is refused with a clear message.
    const bad = await session.record({ kind: "news", week: 40 });
    expect(bad.ok).toBe(false);

    // The history: the weeks before the window are read back and put in front of it.
    const history = await readWholeList<RoundRecord>(read, "history");
    if (!history.ok) throw new Error(history.error.message);
    expect(history.items.map((r) => r.round)).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
    await new Promise((r) => setTimeout(r, 0));
    const filled = session.current().view;
    expect(filled.history.map((r) => r.round)).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
    expect(filled.recordOnly?.history ?? 0).toBe(0);
  });
});

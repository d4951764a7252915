// How a TableView travels in the synced state. The news and the round history are public, the same
// for every viewer, and change only when a week resolves; so they travel once, in the table's
// `record`, and each viewer's `view` carries the rest. Splitting keeps the patch for an ordinary
// action small: a private offer resends two seats' views, not every viewer's full history.
import type { NewsItem, RoundRecord } from "./state.ts";
import type { TableView } from "./views.ts";

export interface PublicRecord {
  news: NewsItem[];
  history: RoundRecord[];
}

export type WireView = Omit<TableView, "news" | "history">;

export function splitView(view: TableView): { view: WireView; record: PublicRecord } {
  const { news, history, ...rest } = view;
  return { view: rest, record: { news, history } };
}

/** Rebuilds a TableView from the two JSON strings of the synced state; null if either is unreadable. */
export function joinView(viewJson: string, recordJson: string): TableView | null {
  try {
    const view = JSON.parse(viewJson) as WireView;
    const record = (recordJson ? JSON.parse(recordJson) : { news: [], history: [] }) as PublicRecord;
    return { ...view, news: record.news ?? [], history: record.history ?? [] };
  } catch {
    return null;
  }
}

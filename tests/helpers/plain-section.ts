// A synced section (server/table-schema.ts) as plain data, to compare with the wire form of a view
// (shared/wire-view.ts `toWire(...).section`).
export interface SyncedSection {
  viewer: string;
  offers: Iterable<string>;
  commitments: Iterable<string>;
  messages: Iterable<string>;
  lastingSecrets: string;
  changingSecrets: string;
  inRecord: string;
}

export const plainSection = (x: SyncedSection) => ({
  viewer: x.viewer,
  offers: [...x.offers],
  commitments: [...x.commitments],
  messages: [...x.messages],
  lastingSecrets: x.lastingSecrets,
  changingSecrets: x.changingSecrets,
  inRecord: x.inRecord,
});

// The V8 settings the server process runs with: `npm start` and `npm run dev:server` pass them
// (package.json), and so do the load test and the benchmark when they start a server, so what they
// measure is what runs.
//
// --max-semi-space-size: V8 sizes the young generation (where each action's short-lived objects
// are made) from the machine's memory; under load it grew to 128 MB, which stayed resident. An
// action's garbage dies young, so 32 MB (two semi-spaces of 16) holds it: 100 tables then took
// about 1.5 MB of RSS each instead of 2.7 MB. The price is more frequent collections (at 16 MB the
// collector's share of the server's CPU went from about 4% to 8%); an empty list here is the
// comparison to run on a quiet machine (docs/OPERATIONS.md, "Memory per table, and the tail").
//
// --heap-growing-percent: after each full collection V8 lets the old generation grow to a multiple
// of what survived before it collects again. Under load it picks up to 4× (it measures allocation
// as fast and favours fewer collections), and those pages are resident: at 200 tables the old
// generation reserved 230 MB for 60-90 MB of live objects. At 1.5× (50%) it reserved about 140 MB,
// and the load test's RSS per table fell from 1.4-1.6 MB to 0.84-0.93 MB. The price is more
// frequent full collections, which V8 marks and sweeps mostly on its own threads.
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=16", "--heap-growing-percent=50"];

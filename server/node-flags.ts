// The V8 settings the server process runs with: `npm start` and `npm run dev:server` pass them
// (package.json), and so do the load test and the benchmark when they start a server, so what they
// measure is what runs.
//
// --max-semi-space-size: V8 sizes the young generation (where each action's short-lived objects
// are made) from the machine's memory; under load it grew to 128 MB, which stayed resident. A
// patch's garbage dies young, so 16 MB of it is collected as cheaply (docs/OPERATIONS.md, "Memory").
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=8"];

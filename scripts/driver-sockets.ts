// The load driver's clients connect with the `ws` package, as Node programs usually do, rather
// than Node's built-in WebSocket (undici's, which converts every frame it receives into a fresh
// ArrayBuffer on top of its own parsing). The SDK picks `globalThis.WebSocket` when it is loaded
// and falls back to `ws` (its own dependency) without it, so this module, imported before the SDK in
// the driver's client threads (scripts/load-clients.ts), removes the global there. The frames, the
// protocol and the decoding are the same either way: what a client receives and does with it is
// unchanged; only the socket's own overhead differs (docs/OPERATIONS.md, "Load").
delete (globalThis as { WebSocket?: unknown }).WebSocket;

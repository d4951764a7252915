// The load driver's clients connect with the `ws` package rather than Node's built-in WebSocket
// (undici's), which copies every frame it receives through structuredClone and an ArrayBuffer
// conversion. The SDK picks `globalThis.WebSocket` when it is loaded and falls back to `ws` (its own
// dependency) without it, so this module, imported before the SDK in the driver's client threads
// (scripts/load-clients.ts), removes the global there. The frames, the protocol and the decoding are
// the same either way: what a client receives and does with it is unchanged; only the socket's own
// overhead is less.
delete (globalThis as { WebSocket?: unknown }).WebSocket;

// The load driver's clients connect with the `ws` package rather than Node's built-in WebSocket
// (undici's), which copies every frame it receives through structuredClone and an ArrayBuffer
// conversion: in a 200-table run that was about a fifth of the driver's CPU, on the same two cores
// as the server it measures. The SDK picks `globalThis.WebSocket` when it is loaded and falls back to
// `ws` (its own dependency) without it, so this module, imported before the SDK, removes the global
// in the driver process only. The frames, the protocol and the decoding are the same either way:
// what a client receives and does with it is unchanged; only the socket's own overhead is less.
if (process.argv.includes("--drive")) delete (globalThis as { WebSocket?: unknown }).WebSocket;

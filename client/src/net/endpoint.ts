// Where the game server is. In production the built client is served by the game server itself,
// so it is the page's own origin. The Vite dev server (npm run dev:client) runs on another port and
// talks to the game server on 2567, or to VITE_SERVER_URL when set. `?server=` overrides both
// (handy for tests and for a facilitator's laptop pointing at a shared machine).
export function serverEndpoint(): string {
  const param = new URLSearchParams(location.search).get("server");
  if (param) return param;
  const configured = import.meta.env.VITE_SERVER_URL as string | undefined;
  if (configured) return configured;
  if (__DEV_SERVER__) return `${location.protocol}//${location.hostname}:2567`;
  return `${location.protocol}//${location.host}`;
}

// The address students' phones should use to reach this server. A teacher often opens the console
// on the server's own computer (http://localhost:2567/?host): a join link or QR code built from
// that address would send every phone to itself. So when the console's address is a loopback one,
// the links use PUBLIC_URL when it is set, else this computer's address on the local network (the
// server listens on every interface), and the console says which it chose.
import { networkInterfaces } from "node:os";

export type AddressSource = "public_url" | "lan" | "request" | "loopback";

export interface ReachableAddress {
  /** The origin to put in join and projector links, e.g. `http://192.168.1.20:2567`. */
  base: string;
  /**
   * Why this one: `public_url` (PUBLIC_URL is set), `lan` (the console is on localhost; this is the
   * computer's network address), `request` (the address the console itself used, reachable as it is),
   * `loopback` (the console is on localhost and this computer has no network address: phones cannot join).
   */
  source: AddressSource;
  /** Every network address of this computer with the server's port, for the console to offer. */
  alternatives: string[];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;

/** The host part of a Host header ("localhost:2567" → "localhost", "[::1]:2567" → "[::1]"). */
function hostName(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : (host.split(":")[0] ?? "");
}

/** This computer's IPv4 addresses on its networks (no loopback), private ranges first. */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) found.push(a.address);
  const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
  return [...found.filter(isPrivate), ...found.filter((ip) => !isPrivate(ip))];
}

/**
 * The address for links, given the console request's protocol and Host header. `publicUrl` is
 * PUBLIC_URL (a trailing slash is dropped); `lan` lists this computer's network addresses.
 */
export function reachableAddress(protocol: string, host: string, publicUrl: string | undefined, lan: string[] = lanAddresses()): ReachableAddress {
  const port = host.includes(":") && !host.endsWith("]") ? host.slice(host.lastIndexOf(":") + 1) : "";
  const withPort = (ip: string) => `${protocol}://${ip}${port ? `:${port}` : ""}`;
  const alternatives = lan.map(withPort);
  const url = publicUrl?.trim().replace(/\/+$/, "");
  if (url) return { base: url, source: "public_url", alternatives };
  if (!LOOPBACK.test(hostName(host))) return { base: `${protocol}://${host}`, source: "request", alternatives };
  const first = alternatives[0];
  if (first) return { base: first, source: "lan", alternatives };
  return { base: `${protocol}://${host}`, source: "loopback", alternatives };
}

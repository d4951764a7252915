// Seat tokens and keys (server/seats.ts newSecret): drawn from the system's generator a few KB at a
// time, each is still a fresh secret of the size asked for — never one handed out before, across
// many refills — and a token revoked by its hash brings nobody back to the seat.
import { describe, expect, it } from "vitest";
import { hashSecret, newSecret, Seats } from "../../server/seats.ts";

describe("seat secrets", () => {
  it("are fresh, of the size asked for (16 bytes at least), across many refills", () => {
    const seen = new Set<string>();
    // 16 bytes are 22 base64url characters, 24 are 32, 32 are 43, 5000 are 6667.
    const sizes: Array<[number, number]> = [[16, 22], [24, 32], [32, 43], [4, 22], [5000, 6667]];
    for (let i = 0; i < 3000; i++) {
      const [bytes, chars] = sizes[i % sizes.length]!;
      const secret = newSecret(bytes);
      expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(secret.length).toBe(chars);
      seen.add(secret);
    }
    expect(seen.size).toBe(3000);
    // No secret is made of zeroed bytes (those already handed out).
    expect([...seen].some((s) => s.startsWith("AAAAAAAAAAAA"))).toBe(false);
  });

  it("a token revoked by its hash no longer brings its holder back", () => {
    const seats = new Seats(true);
    const ada = seats.add("s1", "Ada", "israel");
    seats.remove("s1");
    expect(seats.resolve("hamas", ada.token)).toEqual({ ok: true, role: "israel" });
    seats.revokeTokenHash(ada.tokenHash);
    expect(ada.tokenHash).toBe(hashSecret(ada.token));
    const refused = seats.resolve("hamas", ada.token);
    expect(refused.ok).toBe(false);
    // The seat itself is free to anyone without the token.
    expect(seats.resolve("israel")).toEqual({ ok: true, role: "israel" });
  });
});

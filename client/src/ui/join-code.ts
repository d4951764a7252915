// What a person puts in the join form's code field, read as a code. People type codes as their
// phone's keyboard offers them (lower case, a space), and paste the link they were sent instead of
// its code: both are read. Anything else is answered with a sentence about codes before the server
// is asked (which would answer a link with a route error).

export type JoinCodeReading = { ok: true; code: string } | { ok: false; message: string };

/** A table's code is 6 characters, a class's 5 (server/table-room.ts, server/classroom/http.ts). */
const CODE = /^[A-Z0-9]{5,6}$/;

export function readJoinCode(input: string): JoinCodeReading {
  let text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\/|^\?|[?&](table|join|watch)=/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text, "http://link.invalid/");
    } catch {
      return { ok: false, message: "That link could not be read: type the table's code instead (6 letters and digits)." };
    }
    const found = url.searchParams.get("table") ?? url.searchParams.get("join") ?? url.searchParams.get("watch");
    if (!found) return { ok: false, message: "That link has no table code in it: type the table's code instead (6 letters and digits), or open the link itself." };
    text = found;
  }
  const code = text.replace(/\s+/g, "").toUpperCase();
  if (!CODE.test(code)) return { ok: false, message: "A table's code is 6 letters and digits (a class's is 5): check it and try again." };
  return { ok: true, code };
}

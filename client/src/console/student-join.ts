// A student's way into a classroom session (`/?join=CODE`, the link and QR code on the board): a
// name and, optionally, the party they would rather play; the server seats them, and the page opens
// their table with the student token the session gave them (a session's table seats nobody else).
// It then checks where the teacher wants them every few seconds, and follows a move or a removal.
// While joining is locked, or when a student comes back on another device without their rejoin
// code, the page waits for the teacher's answer. The student's rejoin code stays on their page.
import "./student-join.css";
import { PARTY_IDS } from "../../../shared/ids.ts";
import { parties as PARTY_CONTENT } from "../../../shared/scenario/default-content.json";
import { button, field, fill, h, select } from "../ui/dom.ts";
import { banner, toast } from "../ui/notify.ts";
import { ApiError, joinSession, sessionInfo, whereAmI, type Assignment, type Waiting } from "./classroom-api.ts";

const FOLLOW_MS = 4000;
const serverParam = () => {
  const server = new URLSearchParams(location.search).get("server");
  return server ? `&server=${encodeURIComponent(server)}` : "";
};
const storageKey = (code: string) => `ceasefire.session.${code}`;
const saved = (code: string) => sessionStorage.getItem(storageKey(code)) ?? undefined;
const isWaiting = (a: Assignment | Waiting): a is Waiting => "waiting" in a;

/** A page that is done (removed, refused): says why, and forgets the token. */
function stop(root: HTMLElement, code: string, title: string, text: string): void {
  sessionStorage.removeItem(storageKey(code));
  // The table closed this page's connection first ("…Reload the page to rejoin"): the page now says
  // in full why the student is no longer at a table, and reloading would not bring them back.
  banner(null);
  document.getElementById("rejoin-code")?.remove();
  document.body.dataset.screen = "session-stopped";
  fill(root, h("div", { class: "console" }, h("section", { class: "card console-create", role: "alert" }, h("h1", {}, title), h("p", {}, text))));
}

/** The student's personal rejoin code, kept in a corner of their page: another device gets their seat back with it. */
function showRejoinCode(a: Assignment): void {
  document.getElementById("rejoin-code")?.remove();
  const pill = h(
    "details",
    { id: "rejoin-code", class: "rejoin-code" },
    h("summary", {}, "Rejoin code"),
    h("p", {}, h("strong", { "data-testid": "rejoin-code" }, a.rejoinCode)),
    h("p", { class: "small" }, `If this device stops working, open the class link on another one, type “${a.name}” and this code.`),
  );
  document.body.append(pill);
}

async function sit(root: HTMLElement, a: Assignment): Promise<void> {
  const app = await import("../app/app.ts");
  await app.openTable(root, { mode: "join", code: a.tableCode, name: a.name, seat: a.seat, hostKey: "", label: `Table ${a.table}`, studentToken: a.studentToken });
  showRejoinCode(a);
  // Said once as they sit down, so they can note it: the code stays at the end of the page.
  toast(`Your rejoin code is ${a.rejoinCode}. If this device stops working, join on another with your name and this code.`, "info", 12_000);
}

/** Follows the teacher's moves: when the seat changes, the page leaves its table and sits at the new one. */
function follow(root: HTMLElement, code: string, first: Assignment): void {
  let current = first;
  const timer = setInterval(() => {
    whereAmI(code, current.studentToken).then(
      (a) => {
        if (isWaiting(a) || a.version === current.version) return;
        current = a;
        // The old table has closed this page's connection; a fresh page load (same tab, same
        // student token) sits down at the new seat with nothing of the old table left behind.
        fill(root, h("p", { class: "boot", role: "status" }, `Your teacher moved you to table ${a.table}, ${PARTY_CONTENT[a.seat].shortName}…`));
        location.replace(`${location.pathname}?join=${encodeURIComponent(code)}${serverParam()}`);
      },
      (e: unknown) => {
        if (!(e instanceof ApiError)) return;
        if (e.code === "removed") {
          clearInterval(timer);
          stop(root, code, "You have left the session", "Your teacher has taken you off this session's roster. Ask your teacher if this is a mistake.");
        } else if (e.code === "unknown_student") {
          // The seat went to another device (the rejoin code, or the teacher's approval).
          clearInterval(timer);
          stop(root, code, "Your seat is open on another device", "You rejoined on another device, so this one has left the table.");
        }
      },
    );
  }, FOLLOW_MS);
}

/** Waits for the teacher's answer, then sits down (or says it was refused). */
function wait(root: HTMLElement, code: string, w: Waiting, done: (a: Assignment) => Promise<void>): void {
  document.body.dataset.screen = "session-waiting";
  fill(root, h("div", { class: "console" }, h("section", { class: "card console-create", role: "status" }, h("h1", {}, w.sessionName), h("p", { "data-testid": "waiting" }, w.message))));
  const timer = setInterval(() => {
    whereAmI(code, w.studentToken).then(
      (a) => {
        if (isWaiting(a)) return;
        clearInterval(timer);
        void done(a);
      },
      (e: unknown) => {
        if (e instanceof ApiError && (e.code === "not_admitted" || e.code === "removed" || e.code === "unknown_student")) {
          clearInterval(timer);
          stop(root, code, "Not let in", e.message);
        }
      },
    );
  }, 2000);
}

export async function renderStudentJoin(root: HTMLElement, rawCode: string): Promise<void> {
  const code = rawCode.trim().toUpperCase();
  document.body.dataset.screen = "session-join";
  const token = saved(code);
  const seatDown = async (a: Assignment) => {
    sessionStorage.setItem(storageKey(code), a.studentToken);
    localStorage.setItem("ceasefire.name", a.name);
    await sit(root, a);
    follow(root, code, a);
  };
  const enter = async (name: string, preference: string, studentToken?: string, rejoin?: { rejoinCode?: string; askTeacher?: boolean }) => {
    const a = await joinSession(code, name, preference, studentToken, rejoin);
    sessionStorage.setItem(storageKey(code), a.studentToken);
    if (isWaiting(a)) wait(root, code, a, seatDown);
    else await seatDown(a);
  };
  if (token) {
    // A reload: back to the same seat (or the same wait) with the same token.
    try {
      const a = await whereAmI(code, token);
      await enter(a.name, "none", token);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.code === "removed") return stop(root, code, "You have left the session", e.message);
      sessionStorage.removeItem(storageKey(code));
    }
  }
  const info = await sessionInfo(code).catch((e: Error) => e);
  const error = h("p", { class: "form-error", role: "alert" });
  // An ended session takes nobody new: say so instead of offering a form that can only be refused.
  if (!(info instanceof Error) && info.status === "ended") {
    fill(root, h("div", { class: "console" }, h("section", { class: "card console-create", "data-testid": "session-ended" },
      h("h1", {}, info.name), h("p", { role: "status" }, `This session (${info.code}) has ended. Thank you for taking part. If your class is still going, ask your teacher for the new code.`))));
    document.body.dataset.ready = "session-ended";
    return;
  }
  if (info instanceof Error) {
    fill(root, h("div", { class: "console" }, h("section", { class: "card console-create" }, h("h1", {}, "Join a class"), h("p", { class: "form-error", role: "alert" }, info.message))));
    return;
  }
  const name = h("input", { type: "text", name: "name", maxlength: 40, autocomplete: "nickname", required: true, value: localStorage.getItem("ceasefire.name") ?? "" });
  const preference = select(
    [{ value: "none", label: "No preference" }, ...PARTY_IDS.map((p) => ({ value: p, label: PARTY_CONTENT[p].name }))],
    "none",
    { name: "preference" },
  );
  // Shown when the name is taken: the same student on another device gets their seat back.
  const rejoinCode = h("input", { type: "text", name: "rejoinCode", maxlength: 12, autocomplete: "off", autocapitalize: "characters", spellcheck: false });
  const again = h(
    "div",
    { class: "rejoin", hidden: true },
    h("p", {}, "Is that you, on another device? Type the rejoin code from your first device, or ask your teacher to let you back in."),
    field("Rejoin code", rejoinCode),
    h("div", { class: "btn-row" },
      button("Rejoin with my code", () => {
        error.textContent = "";
        enter(name.value, "none", undefined, { rejoinCode: rejoinCode.value }).catch((err: Error) => (error.textContent = err.message));
      }, "btn-primary"),
      button("Ask my teacher", () => {
        error.textContent = "";
        enter(name.value, "none", undefined, { askTeacher: true }).catch((err: Error) => (error.textContent = err.message));
      })),
  );
  const form = h(
    "form",
    { class: "card console-create" },
    h("h1", {}, info.name),
    h("p", { class: "muted" }, `Session ${info.code} · ${info.tables} tables. Your teacher seats you at a table and in a party's team.`),
    field("Your name", name),
    field("Party you would rather play", preference, "Your teacher may seat you elsewhere: arguing a view you don't hold is part of the exercise."),
    error,
    h("button", { type: "submit", class: "btn-primary" }, "Join"),
    again,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.textContent = "";
    enter(name.value, preference.value).catch((err: Error) => {
      error.textContent = err.message;
      if (err instanceof ApiError && err.code === "name_taken") again.hidden = false;
    });
  });
  fill(root, h("div", { class: "console" }, form));
}

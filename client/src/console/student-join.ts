// A student's way into a classroom session (`/?join=CODE`, the link and QR code on the board): a
// name and, optionally, the party they would rather play; the server seats them, and the page opens
// their table. It then checks where the teacher wants them every few seconds, and follows a move.
import { PARTY_IDS } from "../../../shared/ids.ts";
import { parties as PARTY_CONTENT } from "../../../shared/scenario/default-content.json";
import { field, fill, h, select } from "../ui/dom.ts";
import { joinSession, sessionInfo, whereAmI, type Assignment } from "./classroom-api.ts";

const FOLLOW_MS = 4000;
const serverParam = () => {
  const server = new URLSearchParams(location.search).get("server");
  return server ? `&server=${encodeURIComponent(server)}` : "";
};
const saved = (code: string) => sessionStorage.getItem(`ceasefire.session.${code}`) ?? undefined;

async function sit(root: HTMLElement, a: Assignment): Promise<void> {
  const app = await import("../app/app.ts");
  await app.openTable(root, { mode: "join", code: a.tableCode, name: a.name, seat: a.seat, hostKey: "", label: `Table ${a.table}` });
}

/** Follows the teacher's moves: when the seat changes, the page leaves its table and sits at the new one. */
function follow(root: HTMLElement, code: string, first: Assignment): void {
  let current = first;
  setInterval(() => {
    whereAmI(code, current.studentToken).then(
      (a) => {
        if (a.version === current.version) return;
        current = a;
        // The old table has closed this page's connection; a fresh page load (same tab, same
        // student token) sits down at the new seat with nothing of the old table left behind.
        fill(root, h("p", { class: "boot", role: "status" }, `Your teacher moved you to table ${a.table}, ${PARTY_CONTENT[a.seat].shortName}…`));
        location.replace(`${location.pathname}?join=${encodeURIComponent(code)}${serverParam()}`);
      },
      () => {},
    );
  }, FOLLOW_MS);
}

export async function renderStudentJoin(root: HTMLElement, rawCode: string): Promise<void> {
  const code = rawCode.trim().toUpperCase();
  document.body.dataset.screen = "session-join";
  const token = saved(code);
  const enter = async (name: string, preference: string, studentToken?: string) => {
    const a = await joinSession(code, name, preference, studentToken);
    sessionStorage.setItem(`ceasefire.session.${code}`, a.studentToken);
    localStorage.setItem("ceasefire.name", a.name);
    await sit(root, a);
    follow(root, code, a);
  };
  if (token) {
    // A reload: back to the same seat with the same token.
    try {
      const a = await whereAmI(code, token);
      await enter(a.name, "none", token);
      return;
    } catch {
      sessionStorage.removeItem(`ceasefire.session.${code}`);
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
  const form = h(
    "form",
    { class: "card console-create" },
    h("h1", {}, info.name),
    h("p", { class: "muted" }, `Session ${info.code} · ${info.tables} tables. Your teacher seats you at a table and in a party's team.`),
    field("Your name", name),
    field("Party you would rather play", preference, "Your teacher may seat you elsewhere: arguing a view you don't hold is part of the exercise."),
    error,
    h("button", { type: "submit", class: "btn-primary" }, "Join"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.textContent = "";
    enter(name.value, preference.value).catch((err: Error) => (error.textContent = err.message));
  });
  fill(root, h("div", { class: "console" }, form));
}

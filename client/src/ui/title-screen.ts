// The title screen, plain DOM and deliberately light: it needs only the party names and colours,
// so it is interactive before the engine, the network client or Phaser have downloaded.
import { parties as PARTY_CONTENT } from "../../../shared/scenario/default-content.json";
import { PARTY_IDS, type PartyId } from "../../../shared/ids.ts";
import { button, field, h, select } from "./dom.ts";
import { partyBadge, PARTY_TAG } from "./party-style.ts";
import { readJoinCode } from "./join-code.ts";

export type Seat = PartyId | "any" | "spectator" | "facilitator";
export type Difficulty = "easy" | "normal" | "hard";

export type TitleChoice =
  | { mode: "solo"; party: PartyId; difficulty: Difficulty; name: string; rounds: number }
  /** `label`: how a classroom session names the table ("Table 2"), shown instead of its room code. */
  | { mode: "join"; code: string; name: string; seat: Seat; hostKey: string; label?: string; studentToken?: string; viewerKey?: string }
  | { mode: "create"; name: string; seat: Seat; rounds: number; timers: boolean; negotiationSeconds: number; decisionSeconds: number; botsFillEmptySeats: boolean };

export interface TitleHandlers {
  /** Resolves when the table is open; rejects with a readable error to show on the form. */
  start(choice: TitleChoice): Promise<void>;
  openSources(): void;
}

const partyName = (p: PartyId) => PARTY_CONTENT[p].shortName;
const savedName = () => localStorage.getItem("ceasefire.name") ?? "";

function seatOptions(includeFacilitator: boolean) {
  return [
    { value: "any" as Seat, label: "Any free seat" },
    ...PARTY_IDS.map((p) => ({ value: p as Seat, label: `${PARTY_CONTENT[p].name} (${PARTY_TAG[p]})` })),
    { value: "spectator" as Seat, label: "Spectator (projector view)" },
    ...(includeFacilitator ? [{ value: "facilitator" as Seat, label: "Facilitator (needs the host key)" }] : []),
  ];
}

function nameInput(): HTMLInputElement {
  return h("input", { type: "text", name: "name", maxlength: 40, autocomplete: "nickname", required: true, value: savedName() });
}

function busy(form: HTMLFormElement, on: boolean, label?: string) {
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (!submit) return;
  if (on) {
    submit.dataset.label = submit.textContent ?? "";
    submit.textContent = label ?? "Connecting…";
  } else submit.textContent = submit.dataset.label ?? submit.textContent;
  submit.disabled = on;
  form.setAttribute("aria-busy", String(on));
}

export function renderTitle(root: HTMLElement, handlers: TitleHandlers, initialCode = ""): void {
  const run = async (form: HTMLFormElement, errorEl: HTMLElement, choice: TitleChoice) => {
    errorEl.textContent = "";
    if ("name" in choice) localStorage.setItem("ceasefire.name", choice.name);
    busy(form, true);
    try {
      await handlers.start(choice);
    } catch (e) {
      errorEl.textContent = e instanceof Error ? e.message : String(e);
      busy(form, false);
    }
  };
  const needName = (input: HTMLInputElement, errorEl: HTMLElement): string | null => {
    const name = input.value.trim();
    if (name) return name;
    errorEl.textContent = "Please enter a display name (up to 40 characters).";
    input.focus();
    return null;
  };

  // Solo
  const soloError = h("p", { class: "error-text", role: "alert" });
  const soloName = nameInput();
  const partyGrid = h("fieldset", { class: "party-grid" }, h("legend", { class: "visually-hidden" }, "Your party"));
  for (const [i, p] of PARTY_IDS.entries()) {
    const c = PARTY_CONTENT[p];
    partyGrid.append(
      h(
        "label",
        { class: "party-option", style: `--pc:${c.colour}` },
        h("input", { type: "radio", name: "party", value: p, checked: i === 1 }),
        partyBadge(p, c.colour, 18),
        h("span", { class: "name" }, `${c.shortName} `, h("span", { class: "muted small" }, `(${PARTY_TAG[p]})`)),
        h("span", { class: "desc" }, c.briefing.wants[0] ?? ""),
      ),
    );
  }
  const difficulty = select<Difficulty>(
    [
      { value: "easy", label: "Easy" },
      { value: "normal", label: "Normal" },
      { value: "hard", label: "Hard" },
    ],
    "normal",
    { name: "difficulty" },
  );
  const soloRounds = h("input", { type: "number", name: "rounds", min: 6, max: 12, step: 1, value: 8 });
  const soloForm = h(
    "form",
    { class: "card mode-panel", novalidate: true, "aria-labelledby": "tab-solo" },
    h("h2", {}, "Play solo against five bots"),
    h("p", { class: "muted" }, "Take any seat. The other five parties are played by the computer. About 20 to 40 minutes, untimed."),
    h("p", { id: "party-legend", class: "field-label" }, h("strong", {}, "Your party")),
    partyGrid,
    h("div", { class: "form-grid" }, field("Display name", soloName), field("Difficulty", difficulty, "Easy bots are erratic; hard ones drive a harder bargain."), field("Weeks (rounds)", soloRounds, "6 to 12; 8 is the default")),
    soloError,
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn-primary" }, "Start solo game")),
  );
  partyGrid.setAttribute("aria-labelledby", "party-legend");
  soloForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = needName(soloName, soloError);
    if (!name) return;
    const party = (new FormData(soloForm).get("party") as PartyId | null) ?? "israel";
    void run(soloForm, soloError, { mode: "solo", party, difficulty: difficulty.value as Difficulty, name, rounds: clampRounds(soloRounds.value) });
  });

  // Join
  const joinError = h("p", { class: "error-text", role: "alert" });
  const code = h("input", { type: "text", name: "code", required: true, autocomplete: "off", spellcheck: false, value: initialCode, maxlength: 64 });
  const joinName = nameInput();
  const joinSeat = select(seatOptions(true), "any", { name: "seat" });
  const hostKey = h("input", { type: "text", name: "hostKey", autocomplete: "off" });
  const hostField = field("Host key", hostKey, "Given to whoever created the table.");
  hostField.hidden = true;
  joinSeat.addEventListener("change", () => (hostField.hidden = joinSeat.value !== "facilitator"));
  const joinForm = h(
    "form",
    { class: "card mode-panel", novalidate: true, "aria-labelledby": "tab-join" },
    h("h2", {}, "Join a table"),
    h("p", { class: "muted" }, "Enter the code your teacher or facilitator shows (a class's 5-character code, or a table's 6), or open the link they shared."),
    h("div", { class: "form-grid" }, field("Table code", code), field("Display name", joinName), field("Seat", joinSeat)),
    hostField,
    joinError,
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn-primary" }, "Join table")),
  );
  joinForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!code.value.trim()) {
      joinError.textContent = "Please enter the table code.";
      code.focus();
      return;
    }
    const read = readJoinCode(code.value);
    if (!read.ok) {
      joinError.textContent = read.message;
      code.focus();
      return;
    }
    const name = needName(joinName, joinError);
    if (!name) return;
    void run(joinForm, joinError, { mode: "join", code: read.code, name, seat: joinSeat.value as Seat, hostKey: hostKey.value.trim() });
  });

  // Create
  const createError = h("p", { class: "error-text", role: "alert" });
  const createName = nameInput();
  const createSeat = select(
    [{ value: "facilitator" as Seat, label: "Facilitate (no party seat)" }, ...seatOptions(false).filter((o) => o.value !== "any")],
    "facilitator",
    { name: "seat" },
  );
  const rounds = h("input", { type: "number", name: "rounds", min: 6, max: 12, step: 1, value: 8 });
  const timers = h("input", { type: "checkbox", name: "timers", checked: true });
  const negMinutes = h("input", { type: "number", name: "negotiationMinutes", min: 1, max: 30, step: 0.5, value: 4 });
  const decSeconds = h("input", { type: "number", name: "decisionSeconds", min: 30, max: 600, step: 10, value: 90 });
  const bots = h("input", { type: "checkbox", name: "bots", checked: true });
  const createForm = h(
    "form",
    { class: "card mode-panel", novalidate: true, "aria-labelledby": "tab-create" },
    h("h2", {}, "Create a table"),
    h("p", { class: "muted" }, "For a class or a workshop: create the table, then share its code. Seats nobody takes are played by bots."),
    h("div", { class: "form-grid" }, field("Display name", createName), field("Your role", createSeat), field("Weeks (rounds)", rounds, "6 to 12")),
    h("label", { class: "check" }, timers, h("span", {}, "Timed rounds (recommended for a class)")),
    h("div", { class: "form-grid" }, field("Negotiation (minutes)", negMinutes), field("Decisions (seconds)", decSeconds)),
    h("label", { class: "check" }, bots, h("span", {}, "Bots play the seats nobody takes")),
    createError,
    h("div", { class: "btn-row" }, h("button", { type: "submit", class: "btn-primary" }, "Create table")),
  );
  createForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = needName(createName, createError);
    if (!name) return;
    void run(createForm, createError, {
      mode: "create",
      name,
      seat: createSeat.value as Seat,
      rounds: clampRounds(rounds.value),
      timers: timers.checked,
      negotiationSeconds: Math.round(Math.min(30, Math.max(1, Number(negMinutes.value) || 4)) * 60),
      decisionSeconds: Math.round(Math.min(600, Math.max(30, Number(decSeconds.value) || 90))),
      botsFillEmptySeats: bots.checked,
    });
  });

  // The tab panels are plain boxes around the forms (a form may not take the tabpanel role).
  const panel = (key: string, form: HTMLFormElement) => h("div", { role: "tabpanel", id: `panel-${key}`, "aria-labelledby": `tab-${key}` }, form);
  const panels = { solo: panel("solo", soloForm), join: panel("join", joinForm), create: panel("create", createForm) };
  const tabs = (["solo", "join", "create"] as const).map((key) =>
    h("button", { type: "button", role: "tab", id: `tab-${key}`, "aria-controls": `panel-${key}`, "aria-selected": "false", tabindex: -1 }, { solo: "Play solo", join: "Join a table", create: "Create a table" }[key]),
  );
  const choose = (key: keyof typeof panels, focus = false) => {
    for (const t of tabs) {
      const on = t.id === `tab-${key}`;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      if (on && focus) t.focus();
    }
    for (const [k, p] of Object.entries(panels)) p.hidden = k !== key;
  };
  tabs.forEach((t, i) => {
    const key = (["solo", "join", "create"] as const)[i]!;
    t.addEventListener("click", () => choose(key));
    t.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const next = (i + (e.key === "ArrowRight" ? 1 : 2)) % 3;
      choose((["solo", "join", "create"] as const)[next]!, true);
    });
  });
  choose(initialCode ? "join" : "solo");

  const mark = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  mark.setAttribute("viewBox", "0 0 64 64");
  mark.setAttribute("class", "hero-mark");
  mark.setAttribute("aria-hidden", "true");
  PARTY_IDS.forEach((p, i) => {
    const a = -Math.PI / 2 + (i * Math.PI * 2) / 6;
    const c = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    c.setAttribute("cx", String(32 + Math.cos(a) * 22));
    c.setAttribute("cy", String(32 + Math.sin(a) * 22));
    c.setAttribute("r", "7");
    c.setAttribute("fill", PARTY_CONTENT[p].colour);
    c.setAttribute("stroke", "#1b2230");
    c.setAttribute("stroke-width", "1.5");
    mark.append(c);
  });
  const table = document.createElementNS("http://www.w3.org/2000/svg", "circle");
  Object.entries({ cx: "32", cy: "32", r: "11", fill: "#1d3557" }).forEach(([k, v]) => table.setAttribute(k, v));
  mark.prepend(table);

  root.replaceChildren(
    h(
      "div",
      { class: "title-screen" },
      h(
        "header",
        { class: "hero" },
        mark,
        h(
          "div",
          {},
          h("h1", {}, "Ceasefire Table"),
          h(
            "p",
            {},
            "Six parties, one table, the first weeks of the 2025 Gaza ceasefire. Trade hostages, detainees, aid and withdrawals; then see whether a stabilisation force, disarmament and a new administration can hold. ",
            `Seats: ${PARTY_IDS.map(partyName).join(", ")}.`,
          ),
        ),
      ),
      h("div", { class: "modes", role: "tablist", "aria-label": "How to play" }, tabs),
      panels.solo,
      panels.join,
      panels.create,
      h(
        "footer",
        { class: "footer-links" },
        button("Where the facts come from", () => handlers.openSources(), "btn-quiet"),
        h("a", { class: "btn-quiet", href: "?host" }, "Teach a class: several tables"),
        h("span", {}, "A teaching game. It simplifies real events; every mechanic cites a source."),
      ),
    ),
  );
}

function clampRounds(v: string): number {
  const n = Math.round(Number(v));
  return Number.isFinite(n) ? Math.min(12, Math.max(6, n)) : 8;
}

// Rolling a table back from the console, in one command however far: "this week" (the start of the
// current week, or the week before when nothing has happened yet), "2 weeks", … or "to the start of
// week K". One request does it all at once on the server, so bots cannot act between two clicks.
import { button, h, select } from "../ui/dom.ts";

export type RollbackTarget = { weeks: number } | { toWeek: number };

/** The choices for a table in week `round`: N weeks back, then the start of each week begun. */
export function rollbackChoices(round: number): Array<{ value: string; label: string; target: RollbackTarget }> {
  const choices: Array<{ value: string; label: string; target: RollbackTarget }> = [{ value: "w1", label: "this week", target: { weeks: 1 } }];
  for (let n = 2; n <= Math.min(round, 12); n++) choices.push({ value: `w${n}`, label: `${n} weeks`, target: { weeks: n } });
  for (let k = 1; k <= round; k++) choices.push({ value: `k${k}`, label: `to start of week ${k}`, target: { toWeek: k } });
  return choices;
}

/** "Roll back [choice]" for table `table` in week `round`; `run` asks the server (after the teacher confirms). */
export function rollbackControl(table: number, round: number, run: (target: RollbackTarget, label: string) => void): HTMLElement {
  const choices = rollbackChoices(round);
  const pick = select(choices.map((c) => ({ value: c.value, label: c.label })), "w1", { name: `rollback-${table}`, "aria-label": `How far to roll table ${table} back` });
  return h("span", { class: "rollback" },
    button("Roll back", () => {
      const choice = choices.find((c) => c.value === pick.value) ?? choices[0]!;
      run(choice.target, choice.label);
    }, "btn-quiet", { disabled: round === 0 }),
    pick);
}

// What every panel is given: the scenario, words for it, the session, the seat, and a way to send
// an intent that reports refusals as readable sentences.
import { isPartyId, type GameState, type PartyId, type PartyIntentInput, type Scenario } from "../../../shared/index.ts";
import { stateFromView } from "../../../shared/view-state.ts";
import type { Reply, Snapshot, TableSession } from "../net/session.ts";
import { describeError } from "../net/session.ts";
import { Words } from "../ui/format.ts";
import { toast } from "../ui/notify.ts";
import { EarlierItems } from "../net/record-reading.ts";
import type { RecordKind } from "../../../shared/record.ts";

export class Ctx {
  readonly scenario: Scenario;
  readonly words: Words;
  readonly session: TableSession;
  private cachedFor: Snapshot | null = null;
  private readonly earlierLists = new Map<RecordKind, EarlierItems<unknown>>();
  private cachedState: GameState | null = null;

  constructor(scenario: Scenario, session: TableSession) {
    this.scenario = scenario;
    this.words = new Words(scenario);
    this.session = session;
  }

  /** The party this page plays, or null for a spectator or facilitator. */
  get me(): PartyId | null {
    return isPartyId(this.session.seat) ? this.session.seat : null;
  }

  get snap(): Snapshot {
    const s = this.session.current();
    if (!s) throw new Error("no table yet");
    return s;
  }

  /** The view as a state, for asking shared/ what is legal (cached per snapshot). */
  get state(): GameState {
    const s = this.snap;
    if (this.cachedFor !== s || !this.cachedState) {
      this.cachedState = stateFromView(s.view);
      this.cachedFor = s;
    }
    return this.cachedState;
  }

  /**
   * The earlier items of one list, read from the table's record when a person asks for them (or a
   * screen needs them all, as the debrief does); one per list, shared by every panel of the page.
   */
  earlier<T>(kind: RecordKind): EarlierItems<T> {
    let list = this.earlierLists.get(kind);
    if (!list) {
      // News items have no id; the other lists are joined by id.
      list = new EarlierItems<unknown>((q) => this.session.record(q), kind, kind === "news" || kind === "history" ? null : (item) => (item as { id: number }).id);
      this.earlierLists.set(kind, list);
    }
    return list as EarlierItems<T>;
  }

  /** Sends an intent; a refusal is shown as a toast and returned. */
  async send(intent: PartyIntentInput, success?: string): Promise<Reply> {
    let reply: Reply;
    try {
      reply = await this.session.send(intent);
    } catch (e) {
      reply = { ok: false, error: { code: "error", message: describeError(e) } };
    }
    if (!reply.ok) toast(reply.error.message, "error");
    else if (success) toast(success);
    return reply;
  }
}

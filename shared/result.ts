// Rules never throw on bad input: they return a typed error that names what was wrong.

export const RULE_ERROR_CODES = [
  "malformed_action",
  "wrong_stage",
  "wrong_actor",
  "not_your_turn",
  "unknown_party",
  "unknown_term",
  "unknown_offer",
  "unknown_commitment",
  "unknown_move",
  "unknown_event",
  "out_of_range",
  "offer_to_self",
  "not_a_recipient",
  "offer_closed",
  "already_answered",
  "not_proposer",
  "term_not_available",
  "not_giver",
  "duplicate_term",
  "already_promised",
  "already_done",
  "like_for_like",
  "empty_offer",
  "too_many_offers",
  "no_offers_left",
  "already_decided",
  "invalid_decision",
  "text_too_long",
  "game_over",
  "invalid_scenario",
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

export interface RuleError {
  code: RuleErrorCode;
  message: string;
  /** Path of the bad field, when one field is to blame (e.g. "gives.0.amount"). */
  field?: string;
}

export type Result<T, E = RuleError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: RuleErrorCode, message: string, field?: string): { ok: false; error: RuleError } => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

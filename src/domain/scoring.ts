import type { ScoringRule } from "../store/store.ts";

export const DEFAULT_SCORING: ScoringRule = {
  correctPoints: 10,
  speedBonusMax: 5,
  checkInPoints: 5,
  mockPoints: 10,
  reviewPoints: 5,
  mockAnswersPerDay: 3,
  reviewsPerDay: 10,
};

/**
 * A correct answer earns `correctPoints` plus a speed bonus: the share of the round still left when
 * the answer came in, times `speedBonusMax`, rounded up (so any correct answer before the close gets at least 1).
 * The Redis script computes the same formula; the store contract tests hold the two together.
 */
export function quizPoints(
  rule: ScoringRule,
  correct: boolean,
  startedAt: number,
  closesAt: number,
  now: number,
): number {
  if (!correct) return 0;
  const left = Math.max(0, closesAt - now) / Math.max(1, closesAt - startedAt);
  return rule.correctPoints + Math.ceil(rule.speedBonusMax * left);
}

export function describeScoring(rule: ScoringRule): string {
  return [
    `- Correct quiz answer: **${rule.correctPoints} points**, plus a speed bonus of up to **${rule.speedBonusMax}** (answer in the first fifth of the round for the full bonus).`,
    "- Wrong answer: no points, but it still counts as a study action for your streak, as do check-ins, mock answers and reviews.",
    `- Daily "Done" check-in: **${rule.checkInPoints} points**, once per plan day.`,
    `- Posting a mock answer with /mock: **${rule.mockPoints} points** (for up to ${rule.mockAnswersPerDay} a day); reviewing a peer's answer: **${rule.reviewPoints} points** (once per answer, never your own, for up to ${rule.reviewsPerDay} reviews a day).`,
    "- One answer per member per question; your first click counts.",
  ].join("\n");
}

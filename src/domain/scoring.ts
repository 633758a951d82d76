import { cmd } from "../core/command-token.ts";

/**
 * How many points each study action earns. The store applies the rule (the Redis scripts hold the
 * speed bonus, the daily caps and the streak); this module only names the numbers and explains them.
 */
export interface ScoringRule {
  /** A correct quiz answer's points, before the speed bonus. */
  correctPoints: number;
  /**
   * The most a correct answer adds for speed: the share of the round still left when it came in,
   * times this, rounded up (so any correct answer before the close gets at least 1).
   */
  speedBonusMax: number;
  checkInPoints: number;
  mockPoints: number;
  reviewPoints: number;
  /** How many mock answers a day earn points; more still count for the streak. */
  mockAnswersPerDay: number;
  /** How many reviews a day earn points; more still count for the streak. */
  reviewsPerDay: number;
  /** A right answer in private practice (/practice): small, so the public board still rewards group rounds. */
  practicePoints: number;
  /** The most points practice earns a member in a day. */
  practicePointsPerDay: number;
}

export const DEFAULT_SCORING: ScoringRule = {
  correctPoints: 10,
  speedBonusMax: 5,
  checkInPoints: 5,
  mockPoints: 10,
  reviewPoints: 5,
  mockAnswersPerDay: 3,
  reviewsPerDay: 10,
  practicePoints: 2,
  practicePointsPerDay: 20,
};

/** Practice's reward as the store applies it: points per right answer, for so many right answers a day. */
export function practiceReward(rule: ScoringRule): { points: number; perDay: number } {
  return {
    points: rule.practicePoints,
    perDay: rule.practicePoints > 0 ? Math.floor(rule.practicePointsPerDay / rule.practicePoints) : 0,
  };
}

export function describeScoring(rule: ScoringRule): string {
  return [
    `- Correct quiz answer: **${rule.correctPoints} points**, plus a speed bonus of up to **${rule.speedBonusMax}** (answer in the first fifth of the round for the full bonus). The points are scored at your click and added to the leaderboards when the round closes, so nobody can tell from the board who was right while it is open.`,
    "- Wrong answer: no points, but it still counts as a study action for your streak, as do check-ins, mock answers and reviews.",
    `- Daily "Done" check-in: **${rule.checkInPoints} points**, once per plan day.`,
    `- Posting a mock answer with ${cmd("mock")}: **${rule.mockPoints} points** (for up to ${rule.mockAnswersPerDay} a day); reviewing a peer's answer: **${rule.reviewPoints} points** (once per answer, never your own, for up to ${rule.reviewsPerDay} reviews a day).`,
    `- Private practice with ${cmd("practice")}: **${rule.practicePoints} points** per right answer, at most **${rule.practicePointsPerDay}** a day; every practice answer counts for your streak.`,
    "- One answer per member per question; your first click counts.",
  ].join("\n");
}

import type { MessageRef } from "../core/model.ts";
import type { Periods } from "../domain/calendar.ts";

/** A study action to credit to a member: keeps the streak, adds points to every leaderboard period. */
export interface Credit {
  memberId: string;
  name: string;
  periods: Periods;
  /** The zone the periods were computed in; checked against the round's zone for quiz answers. */
  timezone: string;
}

export interface RoundRecord {
  id: string;
  questionId: string;
  /** Index of the correct option. */
  answer: number;
  optionCount: number;
  startedBy: string;
  startedAt: number;
  closesAt: number;
  timezone: string;
  message?: MessageRef;
}

export type AnswerResult =
  | { status: "accepted"; correct: boolean; points: number }
  | { status: "already"; choice: number }
  | { status: "closed" }
  | { status: "missing" }
  | { status: "wrong-zone"; timezone: string };

export interface RoundAnswer {
  memberId: string;
  name: string;
  choice: number;
  at: number;
  points: number;
}

export interface ClosedRound {
  round: RoundRecord;
  answers: RoundAnswer[];
}

export type CheckInResult = { status: "recorded"; points: number } | { status: "already" };

export type LeaderboardPeriod =
  { kind: "all" } | { kind: "week"; key: string } | { kind: "month"; key: string };

export interface LeaderboardEntry {
  memberId: string;
  name: string;
  score: number;
  rank: number;
}

export interface Leaderboard {
  top: LeaderboardEntry[];
  me?: LeaderboardEntry;
  members: number;
}

export interface MemberStats {
  lastActive?: string;
  current: number;
  best: number;
  answers: number;
  correct: number;
  checkIns: number;
}

export interface ScoringRule {
  correctPoints: number;
  speedBonusMax: number;
  checkInPoints: number;
}

/**
 * Everything the core keeps. Every method that changes scores is one atomic step, so concurrent
 * clicks can neither double-count nor lose an answer. Group ids are opaque strings.
 */
export interface Store {
  readonly kind: "redis" | "memory";
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Sets missing settings to the defaults (first use) and returns the group's full settings. */
  ensureGroup(group: string, defaults: Record<string, string>): Promise<Record<string, string>>;
  updateSettings(group: string, patch: Record<string, string>): Promise<void>;
  groups(): Promise<string[]>;

  createRound(group: string, round: RoundRecord, ttlSeconds: number): Promise<void>;
  setRoundMessage(group: string, roundId: string, ref: MessageRef): Promise<void>;
  getRound(group: string, roundId: string): Promise<RoundRecord | undefined>;
  answerRound(
    group: string,
    roundId: string,
    choice: number,
    now: number,
    credit: Credit,
  ): Promise<AnswerResult>;
  /** Closes an open round. Only the first caller gets the round and its answers; later ones get undefined. */
  closeRound(group: string, roundId: string): Promise<ClosedRound | undefined>;
  /** Rounds past their closing time that are still open, oldest first. */
  dueRounds(now: number, limit: number): Promise<{ group: string; roundId: string }[]>;
  recentQuestions(group: string): Promise<string[]>;

  checkIn(group: string, planId: string, planDay: number, credit: Credit): Promise<CheckInResult>;
  leaderboard(
    group: string,
    period: LeaderboardPeriod,
    memberId: string,
    limit: number,
  ): Promise<Leaderboard>;
  memberStats(group: string, memberId: string): Promise<MemberStats>;
}

/** How many recently asked question ids a group remembers, to avoid repeats. */
export const RECENT_QUESTIONS = 20;

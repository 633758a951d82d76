import type { MessageRef } from "../core/model.ts";
import type { Periods } from "../domain/calendar.ts";
import type { MemoryCard } from "../domain/memory.ts";
import type { BankStore } from "./bank.ts";
import type { NudgeStore } from "./nudges.ts";

/** A study action to credit to a member: keeps the streak, adds points to every leaderboard period. */
export interface Credit {
  memberId: string;
  name: string;
  periods: Periods;
  /** The zone the periods were computed in; checked against the round's zone for quiz answers. */
  timezone: string;
  /** Whether the group studies on weekdays only: its weekends spend no streak freeze. */
  weekdaysOnly?: boolean;
}

export interface RoundRecord {
  id: string;
  questionId: string;
  /** Index, as shown, of the correct option. */
  answer: number;
  optionCount: number;
  /** The question's option shown at each position; absent, the question's own order. */
  order?: number[];
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

/** A check-in, with the member's current streak after it. */
export type CheckInResult =
  { status: "recorded"; points: number; streak: number } | { status: "already"; streak: number };

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
  /** The run as of lastActive; `liveStreak` tells whether it is still alive today. */
  current: number;
  best: number;
  /** Streak freezes held as of lastActive (missed days since are spent only at the next study action). */
  freezes: number;
  /** Days freezes covered, oldest first, as recorded so far. */
  freezeDays: string[];
  answers: number;
  correct: number;
  checkIns: number;
  /** Mock answers submitted. */
  mocks: number;
  /** Peer reviews given. */
  reviews: number;
  /** Check-ins per plan id. */
  progress: Record<string, number>;
}

export interface MemberSummary {
  memberId: string;
  name: string;
  stats: MemberStats;
}

/** Study actions other than quiz answers and check-ins, each with its member counter. */
export type ActionCounter = "mocks" | "reviews";

export interface MockRecord {
  id: string;
  author: string;
  authorName: string;
  kind: "star" | "technical" | "design";
  title: string;
  /** The answer's text, for the record; the rendered post is the message. */
  body: string;
  createdAt: number;
  message?: MessageRef;
  /** Where reviews are posted: the thread under the answer. */
  thread?: MessageRef;
  /** Who has reviewed it so far (filled when read). */
  reviewers?: string[];
}

export interface Review {
  reviewer: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string;
}

export type ReviewResult =
  | { status: "added"; reviews: Review[]; points: number }
  | { status: "own" }
  | { status: "already" }
  | { status: "missing" };

/** Points for an action of a kind that earns them at most `perDay` times a member's (group-local) day. */
export interface DailyLimited {
  points: number;
  perDay: number;
}

/** A member's private practice session: the questions picked for it and where they are. */
export interface PracticeSession {
  id: string;
  questions: string[];
  /** Index in `questions` of the question shown now. */
  step: number;
  /** The order the current question's options are shown in (as a quiz round keeps it). */
  order: number[];
  answered: boolean;
  /** Right answers so far. */
  right: number;
}

/** A click on an option of a practice step: its session, step and question, whether right, and when. */
export interface PracticeAnswer {
  sessionId: string;
  step: number;
  questionId: string;
  correct: boolean;
  at: number;
}

export type PracticeAnswerResult =
  | { status: "answered"; points: number }
  | { status: "already" }
  | { status: "stale" }
  | { status: "missing" };

/**
 * Everything the core keeps. Every method that changes scores is one atomic step, so concurrent
 * clicks can neither double-count nor lose an answer. Group ids are opaque strings.
 */
export interface Store extends BankStore, NudgeStore {
  readonly kind: "redis";
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Sets missing settings to the defaults (first use) and returns the group's full settings. */
  ensureGroup(group: string, defaults: Record<string, string>): Promise<Record<string, string>>;
  updateSettings(group: string, patch: Record<string, string>): Promise<void>;
  /** The groups of one workspace (`platform:workspace`, see workspaceId), for a member's overview. */
  groupsIn(workspace: string): Promise<string[]>;
  /** Keeps the list of groups with daily posts on, so the scheduler never reads the others. */
  markScheduled(group: string, scheduled: boolean): Promise<void>;
  scheduledGroups(): Promise<string[]>;
  /** Scheduled groups with no next post check yet (laid out before the schedule index), a page at a time. */
  scheduledWithoutCheck(cursor: string, count: number): Promise<{ cursor: string; groups: string[] }>;

  /** The instant (ms) the scheduler next looks at the group's daily post, if it is in the schedule. */
  nextPostCheck(group: string): Promise<number | undefined>;
  /**
   * Sets the group's next check (undefined takes it out of the schedule) if its current one is still
   * `expected` (undefined: absent). Returns false when another writer moved it since.
   */
  setNextPostCheck(group: string, expected: number | undefined, next: number | undefined): Promise<boolean>;
  /**
   * Takes up to `limit` groups of these platforms whose check is due at `now`, and moves each one's
   * check to `leaseUntil`, so no other process takes it meanwhile. One round trip.
   */
  takeDuePostChecks(platforms: string[], now: number, leaseUntil: number, limit: number): Promise<string[]>;

  /**
   * Quiz rounds run on one clock, the store's (Redis server time in production): a round opens at
   * its now, lasts `closesAt - startedAt`, and the `now` given to answerRound and dueRounds is the
   * caller's guess, which that clock overrides. Every process therefore agrees on whether a click was
   * in time and on its speed bonus.
   */
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
  /**
   * Closes an open round and, in the same step, credits every answer's points (scored at the click)
   * to the boards, once per round however often it is closed. Only the first caller gets the round
   * and its answers; later ones get undefined. The round stays in the due list until finishRound.
   */
  closeRound(group: string, roundId: string): Promise<ClosedRound | undefined>;
  /** Takes a closed round out of the due list once everything its close entails is done. */
  finishRound(group: string, roundId: string): Promise<void>;
  /**
   * Reviews a closed round's question for every answerer (FSRS, domain/memory.ts), in one script,
   * once: "applied" by the caller that did it, "done" when nothing was pending (no answers, done
   * already, or not closed yet). Safe from any number of processes at once.
   */
  applyRoundMemory(group: string, roundId: string): Promise<"applied" | "done">;
  /** The member's cards in this group, by question id. */
  memoryCards(group: string, memberId: string): Promise<Map<string, MemoryCard>>;
  /** Up to `limit` question ids due for the member at `now`, soonest due first (a range query). */
  dueQuestions(group: string, memberId: string, now: number, limit: number): Promise<string[]>;
  /** How many of the member's questions are due at `now`. */
  dueCount(group: string, memberId: string, now: number): Promise<number>;

  /** Starts a member's practice session at its first question, replacing any earlier one. */
  startPractice(group: string, memberId: string, session: PracticeSession, ttlSeconds: number): Promise<void>;
  practiceSession(group: string, memberId: string): Promise<PracticeSession | undefined>;
  /**
   * Answers the session's current step (`step`, the question `questionId`) in one step: the member's
   * card of it (FSRS), the streak, and `reward.points` for a right answer within `reward.perDay` of
   * them a day. Old buttons (another step, an ended session) change nothing.
   */
  answerPractice(
    group: string,
    memberId: string,
    answer: PracticeAnswer,
    credit: Credit,
    reward: DailyLimited,
  ): Promise<PracticeAnswerResult>;
  /** Moves an answered step on: the next step's option order; "finished" after the last. */
  advancePractice(
    group: string,
    memberId: string,
    sessionId: string,
    step: number,
    order: number[],
  ): Promise<"moved" | "finished" | "stale" | "missing">;
  /** Ends the session if it is still this one, giving it as it ended. */
  endPractice(group: string, memberId: string, sessionId: string): Promise<PracticeSession | undefined>;
  /** Puts a closed round back in the due list, for a result that could not be published. */
  reopenRound(group: string, roundId: string, retryAt: number): Promise<void>;
  /** Rounds past their closing time that are still open, oldest first. */
  dueRounds(now: number, limit: number): Promise<{ group: string; roundId: string }[]>;
  recentQuestions(group: string): Promise<string[]>;

  checkIn(group: string, planId: string, planDay: number, credit: Credit): Promise<CheckInResult>;
  /**
   * Credits any other study action: streak, the member's counter, and the points on every board
   * unless the member has had them `perDay` times today. Returns the points given.
   */
  creditAction(group: string, credit: Credit, reward: DailyLimited, counter: ActionCounter): Promise<number>;
  members(group: string): Promise<MemberSummary[]>;
  /**
   * Gives a member the name the platform shows for them now, in a group that already knows them (an
   * event of theirs carried another one); a member the group does not know is left out. True if renamed.
   */
  renameMember(group: string, memberId: string, name: string): Promise<boolean>;

  /**
   * Claims the daily post of `day` for this process. Only one claimant wins and gets the claim's
   * token; a claim not finished within `ttlMs` (the process died mid-post) lapses so another can post.
   */
  claimDailyPost(group: string, day: string, ttlMs: number): Promise<string | undefined>;
  finishDailyPost(group: string, day: string): Promise<void>;
  /** Gives a claim up, if it is still this one: a lapsed claim taken over by another process stays theirs. */
  releaseDailyPost(group: string, day: string, claim: string): Promise<void>;
  dailyPosted(group: string, day: string): Promise<boolean>;

  createMock(group: string, mock: MockRecord, ttlSeconds: number): Promise<void>;
  getMock(group: string, id: string): Promise<MockRecord | undefined>;
  setMockRefs(group: string, id: string, refs: { message?: MessageRef; thread?: MessageRef }): Promise<void>;
  /** Adds a review unless it is the author's own or the reviewer's second; credits the reviewer in the same step. */
  addReview(
    group: string,
    id: string,
    review: Review,
    credit: Credit,
    reward: DailyLimited,
  ): Promise<ReviewResult>;
  leaderboard(
    group: string,
    period: LeaderboardPeriod,
    memberId: string,
    limit: number,
  ): Promise<Leaderboard>;
  memberStats(group: string, memberId: string): Promise<MemberStats>;
  /** Study actions per local day over the member's newest study days (at least the last 16 weeks'). */
  studyDays(group: string, memberId: string): Promise<Record<string, number>>;
  /** The member's points in each of these ISO weeks ("2026-W47"), read in one round trip. */
  weekPoints(group: string, memberId: string, weeks: string[]): Promise<Record<string, number>>;
}

/** How many recently asked question ids a group remembers, to avoid repeats. */
export const RECENT_QUESTIONS = 20;

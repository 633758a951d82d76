import type { MessageRef } from "../core/model.ts";
import { quizPoints } from "../domain/scoring.ts";
import { workspaceOfGroup } from "../core/group-key.ts";
import { rankEntries } from "./ranking.ts";
import {
  type ActionCounter,
  type AnswerResult,
  type CheckInResult,
  type ClosedRound,
  type Credit,
  type DailyLimited,
  type Leaderboard,
  type LeaderboardPeriod,
  type MemberStats,
  type MemberSummary,
  type MockRecord,
  RECENT_QUESTIONS,
  type Review,
  type ReviewResult,
  type RoundAnswer,
  type RoundRecord,
  type ScoringRule,
  type Store,
} from "./store.ts";

interface MemoryRound {
  record: RoundRecord;
  open: boolean;
  /** When a reopened round is due again. */
  retryAt?: number;
  expiresAt: number;
  answers: Map<string, Omit<RoundAnswer, "memberId" | "name">>;
}

type MemoryMember = Omit<MemberStats, "lastActive" | "current"> & {
  last?: string;
  cur: number;
  /** Today's count of each daily-limited action: the day and how many. */
  today?: Partial<Record<ActionCounter, { day: string; count: number }>>;
};

/** Counts the action and says whether it is within the member's first `perDay` of its kind today. */
function withinDailyLimit(m: MemoryMember, counter: ActionCounter, day: string, perDay: number): boolean {
  const seen = m.today?.[counter];
  const count = seen?.day === day ? seen.count + 1 : 1;
  m.today = { ...m.today, [counter]: { day, count } };
  return count <= perDay;
}

interface MemoryGroup {
  settings: Record<string, string>;
  names: Map<string, string>;
  members: Map<string, MemoryMember>;
  /** A day's post: "done", or the token of the claim on it. */
  posts: Map<string, { state: string; until: number }>;
  mocks: Map<string, { record: MockRecord; expiresAt: number; reviews: Map<string, Review> }>;
  boards: Map<string, Map<string, number>>;
  rounds: Map<string, MemoryRound>;
  recent: string[];
  checkIns: Map<string, Set<string>>;
}

function boardKey(period: LeaderboardPeriod): string {
  return period.kind === "all" ? "all" : `${period.kind}:${period.key}`;
}

/**
 * The store for the playground when no Redis is reachable. Same contract as RedisStore; each method
 * completes its change synchronously before its first await point, which makes it atomic in one process.
 */
export class MemoryStore implements Store {
  readonly kind = "memory" as const;
  private readonly data = new Map<string, MemoryGroup>();

  constructor(
    private readonly scoring: ScoringRule,
    private readonly clock: () => number = Date.now,
  ) {}

  private group(id: string): MemoryGroup {
    let g = this.data.get(id);
    if (!g) {
      g = {
        settings: {},
        names: new Map(),
        members: new Map(),
        boards: new Map(),
        rounds: new Map(),
        recent: [],
        checkIns: new Map(),
        posts: new Map(),
        mocks: new Map(),
      };
      this.data.set(id, g);
    }
    return g;
  }

  private liveRound(group: string, roundId: string): MemoryRound | undefined {
    const g = this.group(group);
    const round = g.rounds.get(roundId);
    if (round && round.expiresAt <= this.clock()) {
      g.rounds.delete(roundId);
      return undefined;
    }
    return round;
  }

  private member(g: MemoryGroup, credit: Credit): MemoryMember {
    const m: MemoryMember = g.members.get(credit.memberId) ?? {
      cur: 0,
      best: 0,
      answers: 0,
      correct: 0,
      checkIns: 0,
      mocks: 0,
      reviews: 0,
      progress: {},
    };
    g.members.set(credit.memberId, m);
    return m;
  }

  private credit(g: MemoryGroup, credit: Credit, points: number) {
    g.names.set(credit.memberId, credit.name);
    const m = this.member(g, credit);
    if (m.last === undefined || m.last < credit.periods.day) {
      m.cur = m.last !== undefined && m.last >= credit.periods.yesterday ? m.cur + 1 : 1;
      m.best = Math.max(m.best, m.cur);
      m.last = credit.periods.day;
    }
    g.members.set(credit.memberId, m);
    if (points > 0) {
      for (const period of [
        { kind: "all" } as const,
        { kind: "week", key: credit.periods.week } as const,
        { kind: "month", key: credit.periods.month } as const,
      ]) {
        const key = boardKey(period);
        const board = g.boards.get(key) ?? new Map<string, number>();
        board.set(credit.memberId, (board.get(credit.memberId) ?? 0) + points);
        g.boards.set(key, board);
      }
    }
    return m;
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}

  async ensureGroup(group: string, defaults: Record<string, string>): Promise<Record<string, string>> {
    const g = this.group(group);
    g.settings = { ...defaults, ...g.settings };
    return { ...g.settings };
  }

  async updateSettings(group: string, patch: Record<string, string>): Promise<void> {
    const g = this.group(group);
    g.settings = { ...g.settings, ...patch };
  }

  private readonly scheduled = new Set<string>();

  async markScheduled(group: string, scheduled: boolean): Promise<void> {
    if (scheduled) this.scheduled.add(group);
    else this.scheduled.delete(group);
  }

  async scheduledGroups(): Promise<string[]> {
    return [...this.scheduled];
  }

  async groupsIn(workspace: string): Promise<string[]> {
    return [...this.data.entries()]
      .filter(([id, g]) => Object.keys(g.settings).length > 0 && workspaceOfGroup(id) === workspace)
      .map(([id]) => id);
  }

  async createRound(group: string, round: RoundRecord, ttlSeconds: number): Promise<void> {
    const g = this.group(group);
    g.rounds.set(round.id, {
      record: { ...round },
      open: true,
      expiresAt: this.clock() + ttlSeconds * 1000,
      answers: new Map(),
    });
    g.recent = [round.questionId, ...g.recent].slice(0, RECENT_QUESTIONS);
  }

  async setRoundMessage(group: string, roundId: string, ref: MessageRef): Promise<void> {
    const round = this.liveRound(group, roundId);
    if (round) round.record.message = ref;
  }

  async getRound(group: string, roundId: string): Promise<RoundRecord | undefined> {
    const round = this.liveRound(group, roundId);
    return round ? { ...round.record } : undefined;
  }

  async answerRound(
    group: string,
    roundId: string,
    choice: number,
    now: number,
    credit: Credit,
  ): Promise<AnswerResult> {
    const round = this.liveRound(group, roundId);
    if (!round) return { status: "missing" };
    const r = round.record;
    if (!round.open || now >= r.closesAt) return { status: "closed" };
    if (r.timezone !== credit.timezone) return { status: "wrong-zone", timezone: r.timezone };
    if (choice < 0 || choice >= r.optionCount) return { status: "missing" };
    const previous = round.answers.get(credit.memberId);
    if (previous) return { status: "already", choice: previous.choice };
    const correct = choice === r.answer;
    const points = quizPoints(this.scoring, correct, r.startedAt, r.closesAt, now);
    round.answers.set(credit.memberId, { choice, at: now, points });
    const m = this.credit(this.group(group), credit, points);
    m.answers++;
    if (correct) m.correct++;
    return { status: "accepted", correct, points };
  }

  async closeRound(group: string, roundId: string): Promise<ClosedRound | undefined> {
    const round = this.liveRound(group, roundId);
    if (!round?.open) return undefined;
    round.open = false;
    const names = this.group(group).names;
    return {
      round: { ...round.record },
      answers: [...round.answers].map(([memberId, a]) => ({
        memberId,
        name: names.get(memberId) ?? memberId,
        ...a,
      })),
    };
  }

  async reopenRound(group: string, roundId: string, retryAt: number): Promise<void> {
    const round = this.liveRound(group, roundId);
    if (!round || round.open) return;
    round.open = true;
    round.retryAt = retryAt;
  }

  async dueRounds(now: number, limit: number): Promise<{ group: string; roundId: string }[]> {
    const due: { group: string; roundId: string; closesAt: number }[] = [];
    for (const [group, g] of this.data) {
      for (const [roundId, round] of g.rounds) {
        const dueAt = round.retryAt ?? round.record.closesAt;
        if (round.open && dueAt <= now) due.push({ group, roundId, closesAt: dueAt });
      }
    }
    return due
      .sort((a, b) => a.closesAt - b.closesAt)
      .slice(0, limit)
      .map(({ group, roundId }) => ({ group, roundId }));
  }

  async recentQuestions(group: string): Promise<string[]> {
    return [...this.group(group).recent];
  }

  async checkIn(group: string, planId: string, planDay: number, credit: Credit): Promise<CheckInResult> {
    const g = this.group(group);
    const key = `${planId}:${planDay}`;
    const set = g.checkIns.get(key) ?? new Set<string>();
    g.checkIns.set(key, set);
    const added = !set.has(credit.memberId);
    set.add(credit.memberId);
    const points = added ? this.scoring.checkInPoints : 0;
    const m = this.credit(g, credit, points);
    if (!added) return { status: "already", streak: m.cur };
    m.checkIns++;
    m.progress[planId] = (m.progress[planId] ?? 0) + 1;
    return { status: "recorded", points, streak: m.cur };
  }

  async leaderboard(
    group: string,
    period: LeaderboardPeriod,
    memberId: string,
    limit: number,
  ): Promise<Leaderboard> {
    const g = this.group(group);
    const board = g.boards.get(boardKey(period)) ?? new Map<string, number>();
    // Same order as Redis ZREVRANGE: score descending, then member id descending.
    const sorted = [...board]
      .map(([id, score]) => ({ memberId: id, score }))
      .sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? 1 : -1));
    const ranked = rankEntries(sorted).map((e) => ({ ...e, name: g.names.get(e.memberId) ?? e.memberId }));
    return {
      top: ranked.slice(0, limit),
      me: ranked.find((e) => e.memberId === memberId),
      members: board.size,
    };
  }

  async memberStats(group: string, memberId: string): Promise<MemberStats> {
    return statsOf(this.group(group).members.get(memberId));
  }

  async creditAction(
    group: string,
    credit: Credit,
    reward: DailyLimited,
    counter: ActionCounter,
  ): Promise<number> {
    return this.creditLimited(this.group(group), credit, reward, counter);
  }

  /** Credits an action whose points are limited per day, counts it, and returns the points given. */
  private creditLimited(
    g: MemoryGroup,
    credit: Credit,
    reward: DailyLimited,
    counter: ActionCounter,
  ): number {
    const within = withinDailyLimit(this.member(g, credit), counter, credit.periods.day, reward.perDay);
    const points = within ? reward.points : 0;
    this.credit(g, credit, points)[counter]++;
    return points;
  }

  async members(group: string): Promise<MemberSummary[]> {
    const g = this.group(group);
    return [...g.names].map(([memberId, name]) => ({
      memberId,
      name,
      stats: statsOf(g.members.get(memberId)),
    }));
  }

  private claims = 0;

  async claimDailyPost(group: string, day: string, ttlMs: number): Promise<string | undefined> {
    const posts = this.group(group).posts;
    const current = posts.get(day);
    if (current && current.until > this.clock()) return undefined;
    const claim = `claimed:${++this.claims}`;
    posts.set(day, { state: claim, until: this.clock() + ttlMs });
    return claim;
  }

  async finishDailyPost(group: string, day: string): Promise<void> {
    this.group(group).posts.set(day, { state: "done", until: this.clock() + 3 * 24 * 3600 * 1000 });
  }

  async releaseDailyPost(group: string, day: string, claim: string): Promise<void> {
    const posts = this.group(group).posts;
    if (posts.get(day)?.state === claim) posts.delete(day);
  }

  async dailyPosted(group: string, day: string): Promise<boolean> {
    const post = this.group(group).posts.get(day);
    return post?.state === "done" && post.until > this.clock();
  }

  private liveMock(group: string, id: string) {
    const mocks = this.group(group).mocks;
    const mock = mocks.get(id);
    if (mock && mock.expiresAt <= this.clock()) {
      mocks.delete(id);
      return undefined;
    }
    return mock;
  }

  async createMock(group: string, mock: MockRecord, ttlSeconds: number): Promise<void> {
    this.group(group).mocks.set(mock.id, {
      record: { ...mock },
      expiresAt: this.clock() + ttlSeconds * 1000,
      reviews: new Map(),
    });
  }

  async getMock(group: string, id: string): Promise<MockRecord | undefined> {
    const mock = this.liveMock(group, id);
    return mock ? { ...mock.record, reviewers: [...mock.reviews.keys()] } : undefined;
  }

  async setMockRefs(
    group: string,
    id: string,
    refs: { message?: MessageRef; thread?: MessageRef },
  ): Promise<void> {
    const mock = this.liveMock(group, id);
    if (!mock) return;
    if (refs.message) mock.record.message = refs.message;
    if (refs.thread) mock.record.thread = refs.thread;
  }

  async addReview(
    group: string,
    id: string,
    review: Review,
    credit: Credit,
    reward: DailyLimited,
  ): Promise<ReviewResult> {
    const mock = this.liveMock(group, id);
    if (!mock) return { status: "missing" };
    if (mock.record.author === review.reviewer) return { status: "own" };
    if (mock.reviews.has(review.reviewer)) return { status: "already" };
    mock.reviews.set(review.reviewer, { ...review });
    const points = this.creditLimited(this.group(group), credit, reward, "reviews");
    return { status: "added", reviews: [...mock.reviews.values()].map((r) => ({ ...r })), points };
  }
}

function statsOf(m: MemoryMember | undefined): MemberStats {
  return {
    lastActive: m?.last,
    current: m?.cur ?? 0,
    best: m?.best ?? 0,
    answers: m?.answers ?? 0,
    correct: m?.correct ?? 0,
    checkIns: m?.checkIns ?? 0,
    mocks: m?.mocks ?? 0,
    reviews: m?.reviews ?? 0,
    progress: { ...(m?.progress ?? {}) },
  };
}

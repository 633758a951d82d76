import type { MessageRef } from "../core/model.ts";
import { quizPoints } from "../domain/scoring.ts";
import { rankEntries } from "./ranking.ts";
import {
  type AnswerResult,
  type CheckInResult,
  type ClosedRound,
  type Credit,
  type Leaderboard,
  type LeaderboardPeriod,
  type MemberStats,
  RECENT_QUESTIONS,
  type RoundAnswer,
  type RoundRecord,
  type ScoringRule,
  type Store,
} from "./store.ts";

interface MemoryRound {
  record: RoundRecord;
  open: boolean;
  expiresAt: number;
  answers: Map<string, Omit<RoundAnswer, "memberId" | "name">>;
}

interface MemoryGroup {
  settings: Record<string, string>;
  names: Map<string, string>;
  members: Map<
    string,
    { last?: string; cur: number; best: number; answers: number; correct: number; checkIns: number }
  >;
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

  private credit(g: MemoryGroup, credit: Credit, points: number) {
    g.names.set(credit.memberId, credit.name);
    const m = g.members.get(credit.memberId) ?? { cur: 0, best: 0, answers: 0, correct: 0, checkIns: 0 };
    if (m.last === undefined || m.last < credit.periods.day) {
      m.cur = m.last === credit.periods.yesterday ? m.cur + 1 : 1;
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

  async groups(): Promise<string[]> {
    return [...this.data.entries()].filter(([, g]) => Object.keys(g.settings).length > 0).map(([id]) => id);
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

  async dueRounds(now: number, limit: number): Promise<{ group: string; roundId: string }[]> {
    const due: { group: string; roundId: string; closesAt: number }[] = [];
    for (const [group, g] of this.data) {
      for (const [roundId, round] of g.rounds) {
        if (round.open && round.record.closesAt <= now)
          due.push({ group, roundId, closesAt: round.record.closesAt });
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
    if (!added) return { status: "already" };
    m.checkIns++;
    return { status: "recorded", points };
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
    const m = this.group(group).members.get(memberId);
    return {
      lastActive: m?.last,
      current: m?.cur ?? 0,
      best: m?.best ?? 0,
      answers: m?.answers ?? 0,
      correct: m?.correct ?? 0,
      checkIns: m?.checkIns ?? 0,
    };
  }
}

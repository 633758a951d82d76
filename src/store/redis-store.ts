import { UnavailableError } from "../core/errors.ts";
import { periodsAt } from "../domain/calendar.ts";
import type { ScoringRule } from "../domain/scoring.ts";
import { studyDaysAround } from "../domain/freezes.ts";
import { shortId } from "../core/ids.ts";
import type { MessageRef } from "../core/model.ts";
import { placeOfGroup, workspaceOfGroup } from "../core/group-key.ts";
import { globalKeys, groupKeys, PERIOD_BOARD_TTL_SECONDS } from "./keys.ts";
import { behindSentinel, type RedisClient } from "./redis-client.ts";
import { rankEntries } from "./ranking.ts";
import {
  ANSWER_SCRIPT,
  CHECK_IN_SCRIPT,
  CLOSE_SCRIPT,
  CREATE_ROUND_SCRIPT,
  CREDIT_SCRIPT,
  DUE_ROUNDS_SCRIPT,
  PRACTICE_ANSWER_SCRIPT,
  REVIEW_SCRIPT,
} from "./redis-scripts.ts";
import { dueAt, type MemoryCard, review } from "../domain/memory.ts";
import { decodeCard, encodeCard } from "./memory-codec.ts";
import { PRACTICE_NEXT_SCRIPT, ROUND_MEMORY_SCRIPT } from "./memory-scripts.ts";
import { RENAME_SCRIPT } from "./name-scripts.ts";
import { SET_CHECK_SCRIPT, TAKE_DUE_SCRIPT } from "./schedule-scripts.ts";
import type { BankEntry, BankScope } from "./bank.ts";
import { RedisBank } from "./bank-redis.ts";
import { RedisNudges } from "./nudges-redis.ts";
import type { NudgeEntry } from "./nudges.ts";
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
  type PracticeAnswer,
  type PracticeAnswerResult,
  type PracticeSession,
  RECENT_QUESTIONS,
  type Review,
  type ReviewResult,
  type RoundRecord,
  type Store,
} from "./store.ts";

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

/** Errors that mean Redis could not be reached, as opposed to a bug in a command. */
function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "ReplyError") return false;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|Command timed out|enableOfflineQueue|reached the max retries/i.test(
    `${err.name} ${err.message}`,
  );
}

export interface RedisStoreOptions {
  prefix?: string;
  scoring: ScoringRule;
  /**
   * The clock of quiz rounds: when one opens and closes, whether a click is in time, the speed
   * bonus, which rounds are due. "redis" (the default): Redis server time, read inside the scripts,
   * so every process agrees whatever its own clock says; the times callers pass are ignored.
   * "caller": the times callers pass, for tests that move a manual clock.
   */
  clock?: "redis" | "caller";
}

function parseRound(id: string, h: Record<string, string>): RoundRecord | undefined {
  if (!h.status || !h.questionId) return undefined;
  return {
    id,
    questionId: h.questionId,
    answer: Number(h.answer),
    optionCount: Number(h.optionCount),
    order: h.order ? h.order.split(",").map(Number) : undefined,
    startedBy: h.startedBy ?? "",
    startedAt: Number(h.startedAt),
    closesAt: Number(h.closesAt),
    timezone: h.timezone ?? "UTC",
    message: h.message ? (JSON.parse(h.message) as MessageRef) : undefined,
  };
}

/** Behind Sentinel, how long a study action waits for a replica to hold it before "try again". */
const REPLICA_ACK_MS = 500;
/** How long a master found without replicas is written to without waiting, before asking again. */
const ALONE_RECHECK_MS = 5000;

/** A finished daily post is remembered a few days, long enough for every catch-up check. */
const DAILY_MARKER_TTL_SECONDS = 3 * 24 * 3600;

function parsePractice(h: Record<string, string>): PracticeSession | undefined {
  if (!h.id || !h.questions) return undefined;
  const numbers = (text: string | undefined) => (text ? text.split(",").map(Number) : []);
  return {
    id: h.id,
    questions: h.questions.split(","),
    step: Number(h.step ?? 0),
    order: numbers(h.order),
    answered: h.answered === "1",
    right: Number(h.right ?? 0),
  };
}

/** CREDIT's "study days around today" argument (see redis-scripts.ts), per day and calendar. */
const studyDaysArguments = new Map<string, string>();
function studyDaysArgument(credit: Credit): string {
  const weekdaysOnly = credit.weekdaysOnly ?? false;
  const key = `${credit.periods.day}|${weekdaysOnly}`;
  let argument = studyDaysArguments.get(key);
  if (argument === undefined) {
    const { before, after } = studyDaysAround(credit.periods.day, weekdaysOnly);
    argument = `${before.join(",")};${after.join(",")}`;
    // Only a few days are current at any time (one per zone's date); drop the rest now and then.
    if (studyDaysArguments.size >= 64) studyDaysArguments.clear();
    studyDaysArguments.set(key, argument);
  }
  return argument;
}

function parseStats(h: Record<string, string>): MemberStats {
  const progress: Record<string, number> = {};
  for (const [field, value] of Object.entries(h)) {
    if (field.startsWith("plan:")) progress[field.slice(5)] = Number(value);
  }
  return {
    lastActive: h.last,
    current: Number(h.cur ?? 0),
    best: Number(h.best ?? 0),
    freezes: Number(h.freezes ?? 0),
    freezeDays: h.frozen ? h.frozen.split(",") : [],
    answers: Number(h.answers ?? 0),
    correct: Number(h.correct ?? 0),
    checkIns: Number(h.checkins ?? 0),
    mocks: Number(h.mocks ?? 0),
    reviews: Number(h.reviews ?? 0),
    progress,
  };
}

function mockFields(mock: MockRecord): Record<string, string | number> {
  const fields: Record<string, string | number> = {
    author: mock.author,
    authorName: mock.authorName,
    kind: mock.kind,
    title: mock.title,
    body: mock.body,
    createdAt: mock.createdAt,
  };
  if (mock.message) fields.message = JSON.stringify(mock.message);
  if (mock.thread) fields.thread = JSON.stringify(mock.thread);
  return fields;
}

function parseMock(id: string, h: Record<string, string>): MockRecord | undefined {
  if (!h.author) return undefined;
  return {
    id,
    author: h.author,
    authorName: h.authorName ?? h.author,
    kind: h.kind === "star" || h.kind === "design" ? h.kind : "technical",
    title: h.title ?? "",
    body: h.body ?? "",
    createdAt: Number(h.createdAt ?? 0),
    message: h.message ? (JSON.parse(h.message) as MessageRef) : undefined,
    thread: h.thread ? (JSON.parse(h.thread) as MessageRef) : undefined,
  };
}

function pairs(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string]);
  return out;
}

export class RedisStore implements Store {
  readonly kind = "redis" as const;
  private readonly prefix: string;
  private readonly scoring: ScoringRule;
  private readonly bank: RedisBank;
  private readonly nudges: RedisNudges;
  private readonly callerClock: boolean;
  private readonly waitForReplica: boolean;
  /** Until when (process time) the master is taken to have no replica to wait for. */
  private aloneUntil = 0;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStoreOptions,
  ) {
    this.prefix = options.prefix ?? "sg";
    // A brace in the prefix would become the keys' Cluster hash tag and split a group across slots.
    if (/[{}]/.test(this.prefix))
      throw new Error(
        `REDIS_PREFIX "${this.prefix}" may not contain { or }: they decide Redis Cluster slots`,
      );
    this.scoring = options.scoring;
    this.bank = new RedisBank(redis, this.prefix);
    this.callerClock = options.clock === "caller";
    this.waitForReplica = behindSentinel(redis);
    redis.defineCommand("sgAnswer", { lua: ANSWER_SCRIPT, numberOfKeys: 8 });
    redis.defineCommand("sgCheckIn", { lua: CHECK_IN_SCRIPT, numberOfKeys: 7 });
    redis.defineCommand("sgCreateRound", { lua: CREATE_ROUND_SCRIPT, numberOfKeys: 2 });
    redis.defineCommand("sgDueRounds", { lua: DUE_ROUNDS_SCRIPT, numberOfKeys: 1 });
    redis.defineCommand("sgCredit", { lua: CREDIT_SCRIPT, numberOfKeys: 6 });
    redis.defineCommand("sgReview", { lua: REVIEW_SCRIPT, numberOfKeys: 8 });
    redis.defineCommand("sgPracticeAnswer", { lua: PRACTICE_ANSWER_SCRIPT, numberOfKeys: 9 });
    redis.defineCommand("sgPracticeNext", { lua: PRACTICE_NEXT_SCRIPT, numberOfKeys: 1 });
    redis.defineCommand("sgSetCheck", { lua: SET_CHECK_SCRIPT, numberOfKeys: 1 });
    redis.defineCommand("sgRename", { lua: RENAME_SCRIPT, numberOfKeys: 1 });
    this.nudges = new RedisNudges(redis, this.prefix);
  }

  private script(name: string): ScriptFn {
    const fn = (this.redis as unknown as Record<string, ScriptFn>)[name];
    if (!fn) throw new Error(`script ${name} not defined`);
    return fn.bind(this.redis);
  }

  /**
   * Runs the script of a study action a member is told about (an answer, a check-in, a review).
   * Behind Sentinel it goes in one pipeline with WAIT, so still one round trip: replication is
   * asynchronous, and an answer only a dying master held would vanish at failover. One that no
   * replica took in time is reported as "try again", which is safe to retry: the script finds it
   * there, or counts it once. A master with no replica at all (the one left after a failover,
   * until its old master returns) has nobody a failover could promote: then there is nothing to
   * wait for, which ROLE is asked again every few seconds.
   */
  private async recorded(name: string, ...args: (string | number)[]): Promise<unknown> {
    if (!this.waitForReplica || Date.now() < this.aloneUntil) return this.script(name)(...args);
    const pipeline = this.redis.pipeline();
    (pipeline as unknown as Record<string, ScriptFn>)[name]?.(...args);
    pipeline.wait(1, REPLICA_ACK_MS);
    const [script, wait] = (await pipeline.exec()) ?? [];
    if (!script || !wait) throw new UnavailableError(new Error("Redis gave no reply to a pipeline"));
    if (script[0]) throw script[0];
    if (wait[0]) throw wait[0];
    if (Number(wait[1]) < 1) {
      const role = (await this.redis.call("ROLE")) as [string, unknown, unknown[]?];
      if (role[0] !== "master" || (role[2]?.length ?? 0) > 0)
        throw new UnavailableError(
          new Error(`no replica acknowledged the write within ${REPLICA_ACK_MS} ms`),
        );
      this.aloneUntil = Date.now() + ALONE_RECHECK_MS;
    }
    return script[1];
  }

  /**
   * A script whose number of keys varies by call (one per answerer, say), defined once per number:
   * a command's number of keys is fixed when it is defined, and the embedded engine needs it so.
   */
  private scriptWithKeys(base: string, lua: string, numberOfKeys: number): ScriptFn {
    const name = `${base}${numberOfKeys}`;
    if (!(name in this.redis)) this.redis.defineCommand(name, { lua, numberOfKeys });
    return this.script(name);
  }

  /** Runs a Redis call, turning connection failures into UnavailableError. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isConnectionError(err)) throw new UnavailableError(err);
      throw err;
    }
  }

  /** A caller's instant as the scripts take it: '' tells them to read Redis time instead. */
  private at(now: number): number | "" {
    return this.callerClock ? now : "";
  }

  private keys(group: string) {
    return groupKeys(this.prefix, group);
  }

  private creditKeys(group: string, credit: Credit): string[] {
    const k = this.keys(group);
    return [
      k.names,
      k.member(credit.memberId),
      k.leaderboard({ kind: "all" }),
      k.leaderboard({ kind: "week", key: credit.periods.week }),
      k.leaderboard({ kind: "month", key: credit.periods.month }),
      k.studyDays(credit.memberId),
    ];
  }

  private creditArgs(credit: Credit): (string | number)[] {
    return [
      credit.memberId,
      credit.name,
      credit.periods.day,
      studyDaysArgument(credit),
      PERIOD_BOARD_TTL_SECONDS,
    ];
  }

  async ping(): Promise<void> {
    await this.guard(() => this.redis.ping());
  }

  async close(): Promise<void> {
    if (this.redis.status === "end") return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  ensureGroup(group: string, defaults: Record<string, string>): Promise<Record<string, string>> {
    return this.guard(async () => {
      const key = this.keys(group).settings;
      const current = await this.redis.hgetall(key);
      const missing = Object.entries(defaults).filter(([field]) => current[field] === undefined);
      if (missing.length === 0) return current;
      const tx = this.redis.multi();
      for (const [field, value] of missing) tx.hsetnx(key, field, value);
      tx.hgetall(key);
      const results = await tx.exec();
      // Separate commands: on Redis Cluster these sets live in other slots than the group's keys.
      const global = globalKeys(this.prefix);
      await this.redis.sadd(global.groups, group);
      await this.redis.sadd(global.workspaceGroups(workspaceOfGroup(group)), group);
      const last = results?.[results.length - 1];
      return (last?.[1] as Record<string, string>) ?? { ...defaults, ...current };
    });
  }

  updateSettings(group: string, patch: Record<string, string>): Promise<void> {
    return this.guard(async () => {
      await this.redis.hset(this.keys(group).settings, patch);
    });
  }

  markScheduled(group: string, scheduled: boolean): Promise<void> {
    return this.guard(async () => {
      const key = globalKeys(this.prefix).scheduled;
      await (scheduled ? this.redis.sadd(key, group) : this.redis.srem(key, group));
    });
  }

  scheduledGroups(): Promise<string[]> {
    return this.guard(() => this.redis.smembers(globalKeys(this.prefix).scheduled));
  }

  scheduledWithoutCheck(cursor: string, count: number): Promise<{ cursor: string; groups: string[] }> {
    return this.guard(async () => {
      const global = globalKeys(this.prefix);
      const [next, page] = await this.redis.sscan(global.scheduled, cursor, "COUNT", count);
      const byPlatform = new Map<string, string[]>();
      for (const group of page) {
        const platform = placeOfGroup(group).platform;
        byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), group]);
      }
      const groups: string[] = [];
      for (const [platform, members] of byPlatform) {
        const scores = await this.redis.zmscore(global.postChecks(platform), ...members);
        members.forEach((group, i) => {
          if (scores[i] === null) groups.push(group);
        });
      }
      return { cursor: next, groups };
    });
  }

  nextPostCheck(group: string): Promise<number | undefined> {
    return this.guard(async () => {
      const key = globalKeys(this.prefix).postChecks(placeOfGroup(group).platform);
      const score = await this.redis.zscore(key, group);
      return score === null ? undefined : Number(score);
    });
  }

  setNextPostCheck(group: string, expected: number | undefined, next: number | undefined): Promise<boolean> {
    return this.guard(async () => {
      const key = globalKeys(this.prefix).postChecks(placeOfGroup(group).platform);
      const reply = await this.script("sgSetCheck")(key, group, expected ?? "", next ?? "");
      return Number(reply) === 1;
    });
  }

  takeDuePostChecks(platforms: string[], now: number, leaseUntil: number, limit: number): Promise<string[]> {
    return this.guard(async () => {
      if (platforms.length === 0 || limit <= 0) return [];
      const keys = platforms.map((p) => globalKeys(this.prefix).postChecks(p));
      // One set per platform the caller serves, so one command per number of sets (the same script).
      const name = `sgTakeDue${keys.length}`;
      if (!(name in this.redis))
        this.redis.defineCommand(name, { lua: TAKE_DUE_SCRIPT, numberOfKeys: keys.length });
      return (await this.script(name)(...keys, now, leaseUntil, limit)) as string[];
    });
  }

  groupsIn(workspace: string): Promise<string[]> {
    return this.guard(async () => {
      await this.indexWorkspacesOnce();
      return this.redis.smembers(globalKeys(this.prefix).workspaceGroups(workspace));
    });
  }

  private workspacesIndexed = false;

  /**
   * Groups made before the per-workspace sets existed (or by an older process during a rolling
   * deploy, or when a process died between the two SADDs) are only in the set of all groups: each
   * process fills the workspace sets from it once, the first time it needs them. SADD is
   * idempotent, so processes doing it at the same time do no harm.
   */
  private async indexWorkspacesOnce(): Promise<void> {
    if (this.workspacesIndexed) return;
    const global = globalKeys(this.prefix);
    const byWorkspace = new Map<string, string[]>();
    for (const group of await this.redis.smembers(global.groups)) {
      const workspace = workspaceOfGroup(group);
      byWorkspace.set(workspace, [...(byWorkspace.get(workspace) ?? []), group]);
    }
    for (const [workspace, groups] of byWorkspace) {
      await this.redis.sadd(global.workspaceGroups(workspace), ...groups);
    }
    this.workspacesIndexed = true;
  }

  createRound(group: string, round: RoundRecord, ttlSeconds: number): Promise<void> {
    return this.guard(async () => {
      const k = this.keys(group);
      const fields: (string | number)[] = [
        "status",
        "open",
        "answer",
        round.answer,
        "optionCount",
        round.optionCount,
        "startedBy",
        round.startedBy,
        "timezone",
        round.timezone,
        // Points are paid at the close; a round without this field (made before) paid at each click.
        "pay",
        "close",
      ];
      if (round.order) fields.push("order", round.order.join(","));
      if (round.message) fields.push("message", JSON.stringify(round.message));
      const closesAt = await this.script("sgCreateRound")(
        k.round(round.id),
        k.recent,
        this.at(round.startedAt),
        round.closesAt - round.startedAt,
        ttlSeconds,
        RECENT_QUESTIONS,
        round.questionId,
        ...fields,
      );
      // A separate command: on Redis Cluster the due list lives in another slot than the group's keys.
      await this.redis.zadd(globalKeys(this.prefix).dueRounds, Number(closesAt), `${group}|${round.id}`);
    });
  }

  setRoundMessage(group: string, roundId: string, ref: MessageRef): Promise<void> {
    return this.guard(async () => {
      // Only sets the field when the round still exists, so a late reply cannot resurrect an expired key.
      await this.redis.eval(
        "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'message', ARGV[1]) end",
        1,
        this.keys(group).round(roundId),
        JSON.stringify(ref),
      );
    });
  }

  getRound(group: string, roundId: string): Promise<RoundRecord | undefined> {
    return this.guard(async () =>
      parseRound(roundId, await this.redis.hgetall(this.keys(group).round(roundId))),
    );
  }

  answerRound(
    group: string,
    roundId: string,
    choice: number,
    now: number,
    credit: Credit,
  ): Promise<AnswerResult> {
    return this.guard(async () => {
      const k = this.keys(group);
      const reply = (await this.recorded(
        "sgAnswer",
        k.round(roundId),
        k.answers(roundId),
        ...this.creditKeys(group, credit),
        choice,
        this.at(now),
        credit.timezone,
        this.scoring.correctPoints,
        this.scoring.speedBonusMax,
        ...this.creditArgs(credit),
      )) as [string, (string | number)?, (string | number)?];
      switch (reply[0]) {
        case "accepted":
          return { status: "accepted", correct: Number(reply[1]) === 1, points: Number(reply[2]) };
        case "already":
          return { status: "already", choice: Number(reply[1]) };
        case "closed":
          return { status: "closed" };
        case "wrong-zone":
          return { status: "wrong-zone", timezone: String(reply[1]) };
        default:
          return { status: "missing" };
      }
    });
  }

  closeRound(group: string, roundId: string): Promise<ClosedRound | undefined> {
    return this.guard(async () => {
      const k = this.keys(group);
      let reply: [string[], string[], string[]] | ["stale"] | null = ["stale"];
      // A click that lands between reading the answerers and closing (an early close) means reading again.
      for (let attempt = 0; attempt < 10 && reply?.[0] === "stale"; attempt++) {
        const [head, ids] = await Promise.all([
          this.redis.hmget(k.round(roundId), "timezone", "closesAt"),
          this.redis.hkeys(k.answers(roundId)),
        ]);
        // Points go to the boards of the round's own closing time, whoever closes it and whenever.
        const periods = periodsAt(Number(head[1] ?? 0), head[0] ?? "UTC");
        reply = (await this.scriptWithKeys("sgClose", CLOSE_SCRIPT, 6 + ids.length)(
          k.round(roundId),
          k.answers(roundId),
          k.names,
          k.leaderboard({ kind: "all" }),
          k.leaderboard({ kind: "week", key: periods.week }),
          k.leaderboard({ kind: "month", key: periods.month }),
          ...ids.map((id) => k.member(id)),
          PERIOD_BOARD_TTL_SECONDS,
          ...ids,
        )) as typeof reply;
      }
      if (!reply) return undefined;
      if (reply[0] === "stale") throw new Error(`round ${roundId}: answers kept changing while closing`);
      const [fields, answers, names] = reply as [string[], string[], string[]];
      const round = parseRound(roundId, Object.fromEntries(pairs(fields)));
      if (!round) return undefined;
      return {
        round,
        answers: pairs(answers).map(([memberId, value], i) => {
          const [choice, at, points] = value.split("|").map(Number);
          return {
            memberId,
            name: names[i] ?? memberId,
            choice: choice ?? -1,
            at: at ?? 0,
            points: points ?? 0,
          };
        }),
      };
    });
  }

  finishRound(group: string, roundId: string): Promise<void> {
    return this.guard(async () => {
      // A separate command: on Redis Cluster the due list lives in another slot than the group's keys.
      await this.redis.zrem(globalKeys(this.prefix).dueRounds, `${group}|${roundId}`);
    });
  }

  applyRoundMemory(group: string, roundId: string): Promise<"applied" | "done"> {
    return this.guard(async () => {
      const k = this.keys(group);
      for (let attempt = 0; attempt < 10; attempt++) {
        const [head, answers] = await Promise.all([
          this.redis.hmget(k.round(roundId), "memory", "questionId", "answer", "timezone"),
          this.redis.hgetall(k.answers(roundId)),
        ]);
        const [memory, questionId, answer, timezone] = head;
        if (memory !== "pending" || !questionId) return "done";
        const ids = Object.keys(answers);
        const read = await Promise.all(ids.map((id) => this.redis.hget(k.memory(id), questionId)));
        const keys: string[] = [];
        const args: (string | number)[] = [];
        ids.forEach((id, i) => {
          const [choice, at] = (answers[id] ?? "").split("|").map(Number);
          const before = read[i] ?? "";
          const card = review(decodeCard(before), choice === Number(answer), at ?? 0, timezone ?? "UTC");
          keys.push(k.memory(id), k.memoryDue(id));
          args.push(before, encodeCard(card), dueAt(card, timezone ?? "UTC"));
        });
        const reply = await this.scriptWithKeys("sgRoundMemory", ROUND_MEMORY_SCRIPT, 1 + keys.length)(
          k.round(roundId),
          ...keys,
          questionId,
          ...args,
        );
        if (reply !== "stale") return reply as "applied" | "done";
      }
      throw new Error(`round ${roundId}: members' cards kept changing while applying its reviews`);
    });
  }

  memoryCards(group: string, memberId: string): Promise<Map<string, MemoryCard>> {
    return this.guard(async () => {
      const cards = new Map<string, MemoryCard>();
      for (const [id, text] of Object.entries(await this.redis.hgetall(this.keys(group).memory(memberId)))) {
        const card = decodeCard(text);
        if (card) cards.set(id, card);
      }
      return cards;
    });
  }

  dueQuestions(group: string, memberId: string, now: number, limit: number): Promise<string[]> {
    return this.guard(() =>
      this.redis.zrangebyscore(this.keys(group).memoryDue(memberId), "-inf", now, "LIMIT", 0, limit),
    );
  }

  dueCount(group: string, memberId: string, now: number): Promise<number> {
    return this.guard(() => this.redis.zcount(this.keys(group).memoryDue(memberId), "-inf", now));
  }

  startPractice(
    group: string,
    memberId: string,
    session: PracticeSession,
    ttlSeconds: number,
  ): Promise<void> {
    return this.guard(async () => {
      const key = this.keys(group).practice(memberId);
      await this.redis
        .multi()
        .del(key)
        .hset(key, {
          id: session.id,
          questions: session.questions.join(","),
          total: session.questions.length,
          step: session.step,
          order: session.order.join(","),
          answered: session.answered ? "1" : "0",
          right: session.right,
        })
        .expire(key, ttlSeconds)
        .exec();
    });
  }

  practiceSession(group: string, memberId: string): Promise<PracticeSession | undefined> {
    return this.guard(async () =>
      parsePractice(await this.redis.hgetall(this.keys(group).practice(memberId))),
    );
  }

  answerPractice(
    group: string,
    memberId: string,
    answer: PracticeAnswer,
    credit: Credit,
    reward: DailyLimited,
  ): Promise<PracticeAnswerResult> {
    return this.guard(async () => {
      const k = this.keys(group);
      for (let attempt = 0; attempt < 10; attempt++) {
        const before = (await this.redis.hget(k.memory(memberId), answer.questionId)) ?? "";
        const card = review(decodeCard(before), answer.correct, answer.at, credit.timezone);
        const reply = (await this.recorded(
          "sgPracticeAnswer",
          k.practice(memberId),
          k.memory(memberId),
          k.memoryDue(memberId),
          ...this.creditKeys(group, credit),
          answer.sessionId,
          answer.step,
          answer.correct ? 1 : 0,
          answer.questionId,
          before,
          encodeCard(card),
          dueAt(card, credit.timezone),
          reward.points,
          reward.perDay,
          ...this.creditArgs(credit),
        )) as [string, number?];
        if (reply[0] === "answered") return { status: "answered", points: Number(reply[1] ?? 0) };
        if (reply[0] !== "changed") return { status: reply[0] as "already" | "stale" | "missing" };
      }
      throw new Error("the member's card kept changing while answering in practice");
    });
  }

  advancePractice(
    group: string,
    memberId: string,
    sessionId: string,
    step: number,
    order: number[],
  ): Promise<"moved" | "finished" | "stale" | "missing"> {
    return this.guard(
      async () =>
        (await this.script("sgPracticeNext")(
          this.keys(group).practice(memberId),
          sessionId,
          step,
          order.join(","),
        )) as "moved" | "finished" | "stale" | "missing",
    );
  }

  endPractice(group: string, memberId: string, sessionId: string): Promise<PracticeSession | undefined> {
    return this.guard(async () => {
      const key = this.keys(group).practice(memberId);
      const session = parsePractice(await this.redis.hgetall(key));
      if (session?.id !== sessionId) return undefined;
      await this.redis.eval(
        "if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then redis.call('DEL', KEYS[1]) end",
        1,
        key,
        sessionId,
      );
      return session;
    });
  }

  reopenRound(group: string, roundId: string, retryAt: number): Promise<void> {
    return this.guard(async () => {
      const reopened = await this.redis.eval(
        "if redis.call('HGET', KEYS[1], 'status') == 'closed' then redis.call('HSET', KEYS[1], 'status', 'open') return 1 end return 0",
        1,
        this.keys(group).round(roundId),
      );
      if (reopened === 1)
        await this.redis.zadd(globalKeys(this.prefix).dueRounds, retryAt, `${group}|${roundId}`);
    });
  }

  dueRounds(now: number, limit: number): Promise<{ group: string; roundId: string }[]> {
    return this.guard(async () => {
      const members = (await this.script("sgDueRounds")(
        globalKeys(this.prefix).dueRounds,
        this.at(now),
        limit,
      )) as string[];
      return members.map((m: string) => {
        const at = m.lastIndexOf("|");
        return { group: m.slice(0, at), roundId: m.slice(at + 1) };
      });
    });
  }

  recentQuestions(group: string): Promise<string[]> {
    return this.guard(() => this.redis.lrange(this.keys(group).recent, 0, RECENT_QUESTIONS - 1));
  }

  checkIn(group: string, planId: string, planDay: number, credit: Credit): Promise<CheckInResult> {
    return this.guard(async () => {
      const reply = (await this.recorded(
        "sgCheckIn",
        this.keys(group).checkIns(planId, planDay),
        ...this.creditKeys(group, credit),
        this.scoring.checkInPoints,
        ...this.creditArgs(credit),
        planId,
      )) as [string, number, number];
      const streak = Number(reply[2]);
      return reply[0] === "recorded"
        ? { status: "recorded", points: Number(reply[1]), streak }
        : { status: "already", streak };
    });
  }

  leaderboard(
    group: string,
    period: LeaderboardPeriod,
    memberId: string,
    limit: number,
  ): Promise<Leaderboard> {
    return this.guard(async () => {
      const k = this.keys(group);
      const key = k.leaderboard(period);
      const [top, myScore, members] = await Promise.all([
        this.redis.zrevrange(key, 0, limit - 1, "WITHSCORES"),
        this.redis.zscore(key, memberId),
        this.redis.zcard(key),
      ]);
      const scored = pairs(top).map(([id, score]) => ({ memberId: id, score: Number(score) }));
      const ids = [...new Set([...scored.map((s) => s.memberId), memberId])];
      const names = await this.redis.hmget(k.names, ...ids);
      const nameOf = (id: string) => names[ids.indexOf(id)] ?? id;
      const entries = rankEntries(scored).map((e) => ({ ...e, name: nameOf(e.memberId) }));
      let me = entries.find((e) => e.memberId === memberId);
      if (!me && myScore !== null) {
        const above = await this.redis.zcount(key, `(${myScore}`, "+inf");
        me = { memberId, name: nameOf(memberId), score: Number(myScore), rank: above + 1 };
      }
      return { top: entries, me, members };
    });
  }

  memberStats(group: string, memberId: string): Promise<MemberStats> {
    return this.guard(async () => parseStats(await this.redis.hgetall(this.keys(group).member(memberId))));
  }

  creditAction(group: string, credit: Credit, reward: DailyLimited, counter: ActionCounter): Promise<number> {
    return this.guard(async () =>
      Number(
        await this.recorded(
          "sgCredit",
          ...this.creditKeys(group, credit),
          reward.points,
          counter,
          reward.perDay,
          ...this.creditArgs(credit),
        ),
      ),
    );
  }

  renameMember(group: string, memberId: string, name: string): Promise<boolean> {
    return this.guard(
      async () => Number(await this.script("sgRename")(this.keys(group).names, memberId, name)) === 1,
    );
  }

  studyDays(group: string, memberId: string): Promise<Record<string, number>> {
    return this.guard(async () => {
      const raw = await this.redis.hgetall(this.keys(group).studyDays(memberId));
      return Object.fromEntries(Object.entries(raw).map(([day, n]) => [day, Number(n)]));
    });
  }

  weekPoints(group: string, memberId: string, weeks: string[]): Promise<Record<string, number>> {
    return this.guard(async () => {
      if (weeks.length === 0) return {};
      const k = this.keys(group);
      const pipeline = this.redis.pipeline();
      for (const key of weeks) pipeline.zscore(k.leaderboard({ kind: "week", key }), memberId);
      const results = (await pipeline.exec()) ?? [];
      return Object.fromEntries(weeks.map((week, i) => [week, Number(results[i]?.[1] ?? 0)]));
    });
  }

  members(group: string): Promise<MemberSummary[]> {
    return this.guard(async () => {
      const k = this.keys(group);
      const names = await this.redis.hgetall(k.names);
      const ids = Object.keys(names);
      if (ids.length === 0) return [];
      const pipeline = this.redis.pipeline();
      for (const id of ids) pipeline.hgetall(k.member(id));
      const results = (await pipeline.exec()) ?? [];
      return ids.map((memberId, i) => ({
        memberId,
        name: names[memberId] ?? memberId,
        stats: parseStats((results[i]?.[1] as Record<string, string>) ?? {}),
      }));
    });
  }

  claimDailyPost(group: string, day: string, ttlMs: number): Promise<string | undefined> {
    return this.guard(async () => {
      const claim = `claimed:${shortId(12)}`;
      const ok = await this.redis.set(this.keys(group).dailyPost(day), claim, "PX", ttlMs, "NX");
      return ok === "OK" ? claim : undefined;
    });
  }

  finishDailyPost(group: string, day: string): Promise<void> {
    return this.guard(async () => {
      await this.redis.set(this.keys(group).dailyPost(day), "done", "EX", DAILY_MARKER_TTL_SECONDS);
    });
  }

  releaseDailyPost(group: string, day: string, claim: string): Promise<void> {
    return this.guard(async () => {
      // Only this claim can be released; a finished post, or another process's claim, stays.
      await this.redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        this.keys(group).dailyPost(day),
        claim,
      );
    });
  }

  dailyPosted(group: string, day: string): Promise<boolean> {
    return this.guard(async () => (await this.redis.get(this.keys(group).dailyPost(day))) === "done");
  }

  createMock(group: string, mock: MockRecord, ttlSeconds: number): Promise<void> {
    return this.guard(async () => {
      const key = this.keys(group).mock(mock.id);
      await this.redis.multi().hset(key, mockFields(mock)).expire(key, ttlSeconds).exec();
    });
  }

  getMock(group: string, id: string): Promise<MockRecord | undefined> {
    return this.guard(async () => {
      const k = this.keys(group);
      const [fields, reviewers] = await Promise.all([
        this.redis.hgetall(k.mock(id)),
        this.redis.hkeys(k.reviews(id)),
      ]);
      const mock = parseMock(id, fields);
      return mock && { ...mock, reviewers };
    });
  }

  setMockRefs(group: string, id: string, refs: { message?: MessageRef; thread?: MessageRef }): Promise<void> {
    return this.guard(async () => {
      const fields: string[] = [];
      if (refs.message) fields.push("message", JSON.stringify(refs.message));
      if (refs.thread) fields.push("thread", JSON.stringify(refs.thread));
      if (fields.length === 0) return;
      await this.redis.eval(
        "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end",
        1,
        this.keys(group).mock(id),
        ...fields,
      );
    });
  }

  addReview(
    group: string,
    id: string,
    review: Review,
    credit: Credit,
    reward: DailyLimited,
  ): Promise<ReviewResult> {
    return this.guard(async () => {
      const k = this.keys(group);
      const reply = (await this.recorded(
        "sgReview",
        k.mock(id),
        k.reviews(id),
        ...this.creditKeys(group, credit),
        review.reviewer,
        JSON.stringify(review),
        reward.points,
        reward.perDay,
        ...this.creditArgs(credit),
      )) as [string, string[]?, number?];
      if (reply[0] === "added")
        return {
          status: "added",
          reviews: (reply[1] ?? []).map((r) => JSON.parse(r) as Review),
          points: Number(reply[2] ?? 0),
        };
      return { status: reply[0] as "own" | "already" | "missing" };
    });
  }

  saveBankQuestions(scope: BankScope, entries: readonly BankEntry[], limit: number) {
    return this.guard(() => this.bank.saveBankQuestions(scope, entries, limit));
  }
  bankTopics(scope: BankScope) {
    return this.guard(() => this.bank.bankTopics(scope));
  }
  bankQuestion(scope: BankScope, id: string) {
    return this.guard(() => this.bank.bankQuestion(scope, id));
  }
  bankQuestions(scope: BankScope) {
    return this.guard(() => this.bank.bankQuestions(scope));
  }
  removeBankQuestion(scope: BankScope, id: string) {
    return this.guard(() => this.bank.removeBankQuestion(scope, id));
  }
  removeBankTopic(scope: BankScope, topic: string) {
    return this.guard(() => this.bank.removeBankTopic(scope, topic));
  }
  keepRoundQuestion(group: string, roundId: string, json: string, ttlSeconds: number) {
    return this.guard(() => this.bank.keepRoundQuestion(group, roundId, json, ttlSeconds));
  }
  roundQuestion(group: string, roundId: string) {
    return this.guard(() => this.bank.roundQuestion(group, roundId));
  }
  reminderOf(group: string, memberId: string) {
    return this.guard(() => this.nudges.reminderOf(group, memberId));
  }
  reminders(group: string) {
    return this.guard(() => this.nudges.reminders(group));
  }
  setReminder(group: string, memberId: string, time: string | undefined) {
    return this.guard(() => this.nudges.setReminder(group, memberId, time));
  }
  wantsDigest(group: string, memberId: string) {
    return this.guard(() => this.nudges.wantsDigest(group, memberId));
  }
  digestMembers(group: string) {
    return this.guard(() => this.nudges.digestMembers(group));
  }
  setDigest(group: string, memberId: string, on: boolean) {
    return this.guard(() => this.nudges.setDigest(group, memberId, on));
  }
  nudgeCheck(entry: NudgeEntry) {
    return this.guard(() => this.nudges.nudgeCheck(entry));
  }
  setNudgeCheck(entry: NudgeEntry, expected: number | undefined, next: number | undefined) {
    return this.guard(() => this.nudges.setNudgeCheck(entry, expected, next));
  }
  claimSend(group: string, what: string, ttlMs: number) {
    return this.guard(() => this.nudges.claimSend(group, what, ttlMs));
  }
  finishSend(group: string, what: string, ttlSeconds: number) {
    return this.guard(() => this.nudges.finishSend(group, what, ttlSeconds));
  }
  releaseSend(group: string, what: string, claim: string) {
    return this.guard(() => this.nudges.releaseSend(group, what, claim));
  }
  wasSent(group: string, what: string) {
    return this.guard(() => this.nudges.wasSent(group, what));
  }
  closeDirectMessages(group: string, memberId: string, owed: boolean) {
    return this.guard(() => this.nudges.closeDirectMessages(group, memberId, owed));
  }
  takeDirectNotice(group: string, memberId: string) {
    return this.guard(() => this.nudges.takeDirectNotice(group, memberId));
  }
  recordRoundStats(group: string, day: string, roundId: string, topic: string) {
    return this.guard(() => this.nudges.recordRoundStats(group, day, roundId, topic));
  }
  dayStats(group: string, days: readonly string[]) {
    return this.guard(() => this.nudges.dayStats(group, days));
  }
}
export { connectRedis, createRedisClient } from "./redis-client.ts";

import type { LeaderboardPeriod } from "./store.ts";

/**
 * Redis key layout. Every key of a group shares the hash tag {group}, so a Lua script touching
 * several of them stays in one slot on Redis Cluster.
 */
export function groupKeys(prefix: string, group: string) {
  const g = `${prefix}:{${group}}`;
  return {
    settings: `${g}:settings`,
    names: `${g}:names`,
    member: (memberId: string) => `${g}:member:${memberId}`,
    studyDays: (memberId: string) => `${g}:days:${memberId}`,
    leaderboard: (period: LeaderboardPeriod) =>
      period.kind === "all" ? `${g}:lb:all` : `${g}:lb:${period.kind}:${period.key}`,
    round: (roundId: string) => `${g}:round:${roundId}`,
    answers: (roundId: string) => `${g}:round:${roundId}:answers`,
    recent: `${g}:recent`,
    checkIns: (planId: string, day: number) => `${g}:checkin:${planId}:${day}`,
    dailyPost: (day: string) => `${g}:posted:${day}`,
    mock: (id: string) => `${g}:mock:${id}`,
    reviews: (id: string) => `${g}:mock:${id}:reviews`,
    bank: `${g}:bank`,
    bankTopics: `${g}:bank:topics`,
    roundQuestion: (roundId: string) => `${g}:round:${roundId}:question`,
    /** The member's memory: question id → FSRS card (memory-codec.ts). */
    memory: (memberId: string) => `${g}:memory:${memberId}`,
    /** The member's due index: question id → the instant (ms) it falls due. */
    memoryDue: (memberId: string) => `${g}:memory:${memberId}:due`,
    practice: (memberId: string) => `${g}:practice:${memberId}`,
    reminders: `${g}:remind`,
    digestMembers: `${g}:digest:members`,
    directNotices: `${g}:dm:notice`,
    sent: (what: string) => `${g}:sent:${what}`,
    dayStats: (day: string) => `${g}:stats:${day}`,
    dayStatRounds: (day: string) => `${g}:stats:${day}:rounds`,
  };
}

export function globalKeys(prefix: string) {
  return {
    groups: `${prefix}:groups`,
    workspaceGroups: (workspace: string) => `${prefix}:workspace:{${workspace}}:groups`,
    scheduled: `${prefix}:groups:scheduled`,
    /** One sorted set per platform, all in one Cluster slot so one script reads them together. */
    postChecks: (platform: string) => `${prefix}:{schedule}:due:${platform}`,
    dueRounds: `${prefix}:rounds:due`,
    workspaceBank: (workspace: string) => `${prefix}:workspace:{${workspace}}:bank`,
    workspaceBankTopics: (workspace: string) => `${prefix}:workspace:{${workspace}}:bank:topics`,
  };
}

/**
 * A schedule entry (in `postChecks`) other than a group's daily post, which is the group id alone:
 * `<group>|remind|<memberId>` or `<group>|digest`. Group ids never hold "|".
 */
export const NUDGE_SEPARATOR = "|";

/** Week and month boards are kept a while after their period ends, then expire. */
export const PERIOD_BOARD_TTL_SECONDS = 400 * 24 * 3600;

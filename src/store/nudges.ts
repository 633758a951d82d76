/** Counts of answers and right answers. */
export interface Tally {
  answers: number;
  correct: number;
}

/** What the group's quiz rounds closed on one local day recorded: per question, and per member and topic. */
export interface DayStats {
  day: string;
  questions: Map<string, Tally>;
  /** memberId → topic → tally. */
  members: Map<string, Map<string, Tally>>;
}

/** A schedule entry other than a group's daily post: one member's reminder, or the group's weekly digest. */
export type NudgeEntry =
  { kind: "remind"; group: string; memberId: string } | { kind: "digest"; group: string };

/**
 * What reminders and weekly digests keep: members' choices, the claims that make each message go out
 * once across processes, the notice owed to a member whose direct messages are closed, and the day
 * statistics of closed rounds. Schedule entries live in the daily posts' due index (see keys.ts).
 */
export interface NudgeStore {
  /** The member's reminder time ("HH:MM", group-local), if they asked for one. */
  reminderOf(group: string, memberId: string): Promise<string | undefined>;
  /** Every member's reminder time in the group. */
  reminders(group: string): Promise<Map<string, string>>;
  setReminder(group: string, memberId: string, time: string | undefined): Promise<void>;
  wantsDigest(group: string, memberId: string): Promise<boolean>;
  digestMembers(group: string): Promise<string[]>;
  setDigest(group: string, memberId: string, on: boolean): Promise<void>;

  /** The instant (ms) of the entry in the schedule, if it is there. */
  nudgeCheck(entry: NudgeEntry): Promise<number | undefined>;
  /** Compare-and-set of the entry's instant, as setNextPostCheck; undefined removes it. */
  setNudgeCheck(entry: NudgeEntry, expected: number | undefined, next: number | undefined): Promise<boolean>;

  /** Claims sending `what` (a reminder's day, a digest's week) for this process; the token, or undefined. */
  claimSend(group: string, what: string, ttlMs: number): Promise<string | undefined>;
  /** Marks `what` sent, for `ttlSeconds`; no claim can be taken meanwhile. */
  finishSend(group: string, what: string, ttlSeconds: number): Promise<void>;
  /** Gives a claim up, if it is still this one. */
  releaseSend(group: string, what: string, claim: string): Promise<void>;
  wasSent(group: string, what: string): Promise<boolean>;

  /**
   * The member's direct messages are closed: their reminder and digest are turned off, and with
   * `owed` a notice is kept for their next command in the group.
   */
  closeDirectMessages(group: string, memberId: string, owed: boolean): Promise<void>;
  /** Takes the notice owed to the member, if any: true exactly once per notice, across processes. */
  takeDirectNotice(group: string, memberId: string): Promise<boolean>;

  /**
   * Counts a closed round's answers (from the round's own keys) in the statistics of `day`, once per
   * round however often it is called; nothing while the round is still open.
   */
  recordRoundStats(group: string, day: string, roundId: string, topic: string): Promise<void>;
  dayStats(group: string, days: readonly string[]): Promise<DayStats[]>;
}

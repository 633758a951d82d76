/**
 * What reminders and digests say of a member's own study beyond the group's counters: reviews due and
 * weakest topics where the bot keeps each member's memory of questions, streak freezes where kept.
 * Each answer is undefined where nothing is known, and the message leaves that line out.
 */
export interface MemberInsight {
  /** Reviews due for the member now. */
  dueReviews(group: string, memberId: string, now: number): Promise<number | undefined>;
  /** The member's weakest topics, weakest first, at most `limit`. */
  weakestTopics(group: string, memberId: string, now: number, limit: number): Promise<string[] | undefined>;
  /** Streak freezes the member holds. */
  freezes(group: string, memberId: string): Promise<number | undefined>;
}

/** Until the bot keeps per-member memory, nothing beyond the week's answers is known. */
export const NO_INSIGHT: MemberInsight = {
  dueReviews: () => Promise.resolve(undefined),
  weakestTopics: () => Promise.resolve(undefined),
  freezes: () => Promise.resolve(undefined),
};

/**
 * What reminders and digests say of a member's own study beyond the group's counters: reviews due and
 * weakest topics, from each member's memory of the questions they answered. Each answer is undefined
 * where nothing is known, and the message leaves that line out.
 */
export interface MemberInsight {
  /** Reviews due for the member now. */
  dueReviews(group: string, memberId: string, now: number): Promise<number | undefined>;
  /** The member's weakest topics, weakest first, at most `limit`; undefined when nothing is known. */
  weakestTopics(group: string, memberId: string, now: number, limit: number): Promise<string[] | undefined>;
}

/** Nothing beyond the week's answers known: for tests of the messages alone. */
export const NO_INSIGHT: MemberInsight = {
  dueReviews: () => Promise.resolve(undefined),
  weakestTopics: () => Promise.resolve(undefined),
};

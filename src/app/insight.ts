import type { Question } from "../content/loader.ts";
import type { Store } from "../store/store.ts";

/**
 * What reminders and digests say of a member's own study beyond the group's counters: reviews due and
 * weakest topics, from each member's memory of the questions they answered. Each answer is undefined
 * where nothing is known, and the message leaves that line out.
 */
export interface MemberInsight {
  /** Reviews due for the member now. */
  dueReviews(group: string, memberId: string, now: number): Promise<number | undefined>;
  /** The member's weakest topics, weakest first, at most `limit`; undefined when nothing is known. */
  weakestTopics(group: string, memberId: string, limit: number): Promise<string[] | undefined>;
}

/** Nothing beyond the week's answers known: for tests of the messages alone. */
export const NO_INSIGHT: MemberInsight = {
  dueReviews: () => Promise.resolve(undefined),
  weakestTopics: () => Promise.resolve(undefined),
};

/**
 * The member's memory as the store keeps it: reviews due by the due index (one range count), and
 * topics by the accuracy of every answer the member's cards hold (lowest first, wrong answers only),
 * for the shipped questions whose topic is known.
 */
export function memoryInsight(store: Store, questions: ReadonlyMap<string, Question>): MemberInsight {
  return {
    dueReviews: (group, memberId, now) => store.dueCount(group, memberId, now),
    async weakestTopics(group, memberId, limit) {
      const cards = await store.memoryCards(group, memberId);
      if (cards.size === 0) return undefined;
      const topics = new Map<string, { answers: number; correct: number }>();
      for (const [id, card] of cards) {
        const topic = questions.get(id)?.topic;
        if (!topic) continue;
        const t = topics.get(topic) ?? { answers: 0, correct: 0 };
        t.answers += card.answers;
        t.correct += card.correct;
        topics.set(topic, t);
      }
      return [...topics]
        .filter(([, t]) => t.answers > 0 && t.correct < t.answers)
        .sort(
          ([a, x], [b, y]) =>
            x.correct / x.answers - y.correct / y.answers || y.answers - x.answers || a.localeCompare(b),
        )
        .slice(0, limit)
        .map(([topic]) => topic);
    },
  };
}

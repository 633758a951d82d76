import type { MemberInsight } from "./insight.ts";
import { progressSummary } from "./progress.ts";
import type { AppServices } from "./services.ts";

/**
 * What reminders and digests say of a member from their memory of questions: reviews due now (a
 * count on the due index), weakest topics (as /progress ranks them).
 * `services` is read at each call: the services are built after this insight.
 */
export function memoryInsight(services: () => AppServices): MemberInsight {
  return {
    dueReviews: (group, memberId, now) => services().store.dueCount(group, memberId, now),
    async weakestTopics(group, memberId, now, limit) {
      const summary = await progressSummary(services(), group, memberId, now);
      // A topic the member has never missed is not called weak, whatever its rank.
      const weakest = summary.weakest
        .filter((t) => (t.accuracy ?? 1) < 1)
        .slice(0, limit)
        .map((t) => t.topic);
      // Nothing known yet: the digest falls back to the week's answers.
      return weakest.length > 0 ? weakest : undefined;
    },
  };
}

import type { ProgressSummary } from "../../src/app/progress.ts";
import type { CardInputs } from "./card-data.ts";

/**
 * The progress card's topic bars from the /progress summary: per topic the member has seen, the share
 * of its seen questions mastered (FSRS, src/domain/memory.ts), and accuracy per topic for the
 * fallback bars.
 */
export function cardTopics(summary: ProgressSummary): Pick<CardInputs, "mastery" | "topicAnswers"> {
  const seen = summary.topics.filter((t) => t.seen > 0);
  return {
    mastery: seen.map((t) => ({ topic: t.title, mastery: t.mastered / t.seen, answers: t.answers })),
    topicAnswers: seen.map((t) => ({ topic: t.title, answers: t.answers, correct: t.correct })),
  };
}

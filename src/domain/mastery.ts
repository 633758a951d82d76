import type { Question } from "../content/model.ts";
import { isMastered, type MemoryCard } from "./memory.ts";
import { localDay } from "./calendar.ts";

/** One topic as a member knows it. */
export interface TopicMastery {
  topic: string;
  /** Questions in the bank on this topic. */
  bank: number;
  /** Of them, the ones the member has answered at least once. */
  seen: number;
  answers: number;
  correct: number;
  /** Right answers of all answers, 0 to 1; undefined before the first answer. */
  accuracy?: number;
  /** Seen questions FSRS expects the member to recall today with more than 90% chance. */
  mastered: number;
  /** Seen questions due today or earlier. */
  due: number;
}

/**
 * Per topic of the bank, what the member's cards say: seen, accuracy, mastered, due, in the group's
 * zone at `now`. Cards of questions no longer in the bank are left out.
 */
export function topicMastery(
  questions: ReadonlyMap<string, Pick<Question, "topic">>,
  cards: ReadonlyMap<string, MemoryCard>,
  now: number,
  timezone: string,
): TopicMastery[] {
  const today = localDay(now, timezone);
  const byTopic = new Map<string, TopicMastery>();
  for (const question of questions.values()) {
    const t = byTopic.get(question.topic);
    if (t) t.bank++;
    else
      byTopic.set(question.topic, {
        topic: question.topic,
        bank: 1,
        seen: 0,
        answers: 0,
        correct: 0,
        mastered: 0,
        due: 0,
      });
  }
  for (const [id, card] of cards) {
    const topic = questions.get(id)?.topic;
    const t = topic === undefined ? undefined : byTopic.get(topic);
    if (!t) continue;
    t.seen++;
    t.answers += card.answers;
    t.correct += card.correct;
    if (isMastered(card, now, timezone)) t.mastered++;
    if (card.dueDay <= today) t.due++;
  }
  for (const t of byTopic.values()) if (t.answers > 0) t.accuracy = t.correct / t.answers;
  return [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

/**
 * The member's weakest topics, weakest first: of the topics they have got wrong at least once, lowest
 * accuracy, then fewest mastered of those seen, then most due. A topic always answered right is not weak.
 */
export function weakestTopics(topics: readonly TopicMastery[], count = 3): TopicMastery[] {
  const share = (t: TopicMastery) => (t.seen > 0 ? t.mastered / t.seen : 0);
  return topics
    .filter((t) => t.accuracy !== undefined && t.accuracy < 1)
    .sort(
      (a, b) =>
        (a.accuracy ?? 0) - (b.accuracy ?? 0) ||
        share(a) - share(b) ||
        b.due - a.due ||
        a.topic.localeCompare(b.topic),
    )
    .slice(0, count);
}

import { cmd } from "../core/command-token.ts";
import { topicMastery, type TopicMastery, weakestTopics } from "../domain/mastery.ts";
import { topicsOfGroup } from "./own-questions.ts";
import type { AppServices } from "./services.ts";

/** A member's progress in one group: what /progress and the App Home show, and what a card can be drawn from. */
export interface ProgressSummary {
  group: string;
  memberId: string;
  /** The group's zone, in which "today", due and mastered are reckoned. */
  timezone: string;
  /** Every topic of the shipped bank and the group's own, with its title, in the order of the banks' topics. */
  topics: (TopicMastery & { title: string })[];
  /** Up to three topics the member has answered, weakest first. */
  weakest: (TopicMastery & { title: string })[];
  /** Totals over all topics. */
  seen: number;
  bank: number;
  mastered: number;
  due: number;
  answers: number;
  correct: number;
  /** The topic to practise next: the weakest, else the one with most due, else the seen one least covered. */
  suggestion?: string;
}

/** The member's progress at `now`, from their cards in the group and the questions it can be asked. */
export async function progressSummary(
  services: AppServices,
  group: string,
  memberId: string,
  now: number,
): Promise<ProgressSummary> {
  const [settings, cards, topics] = await Promise.all([
    services.groups.settings(group),
    services.store.memoryCards(group, memberId),
    topicsOfGroup(services.store, services.content.questions, group),
  ]);
  const titled = topicMastery(topics, cards, now, settings.timezone).map((t) => ({
    ...t,
    title: services.content.topics.get(t.topic)?.title ?? t.topic,
  }));
  const weakest = weakestTopics(titled, 3) as ProgressSummary["weakest"];
  const sum = (f: (t: TopicMastery) => number) => titled.reduce((n, t) => n + f(t), 0);
  const mostDue = [...titled].sort((a, b) => b.due - a.due)[0];
  // Nothing weak and nothing due: the seen topic least covered of its bank, to keep going.
  const leastCovered = titled
    .filter((t) => t.seen > 0)
    .sort((a, b) => a.seen / a.bank - b.seen / b.bank || a.topic.localeCompare(b.topic))[0];
  return {
    group,
    memberId,
    timezone: settings.timezone,
    topics: titled,
    weakest,
    seen: sum((t) => t.seen),
    bank: sum((t) => t.bank),
    mastered: sum((t) => t.mastered),
    due: sum((t) => t.due),
    answers: sum((t) => t.answers),
    correct: sum((t) => t.correct),
    suggestion: weakest[0]?.topic ?? (mostDue && mostDue.due > 0 ? mostDue.topic : leastCovered?.topic),
  };
}

/** What to do next, naming the command to type. */
export function nextStep(summary: ProgressSummary): string {
  if (summary.suggestion) return `Next: ${cmd("practice", summary.suggestion)}`;
  return `Start with ${cmd("practice")} or answer a ${cmd("quiz")} round.`;
}

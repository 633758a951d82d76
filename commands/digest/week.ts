import type { DayStats, Tally } from "../../src/store/nudges.ts";

export interface TopicTally extends Tally {
  topic: string;
}

/** One member's quiz week: answers, right answers, per topic (most answered first), weakest topics. */
export interface MemberWeek extends Tally {
  byTopic: TopicTally[];
  weakest: string[];
}

export interface QuestionTally extends Tally {
  questionId: string;
}

export interface Improver {
  memberId: string;
  /** Accuracy (0–1) the week before, and this week. */
  before: number;
  after: number;
}

/** The group's quiz week: who answered, how well, the hardest questions and the top improvers. */
export interface GroupWeek extends Tally {
  answerers: Set<string>;
  hardest: QuestionTally[];
  improvers: Improver[];
}

/** Fewest answers in each of the two weeks for a member's accuracy change to count as improving. */
export const IMPROVER_MIN_ANSWERS = 3;

export const accuracy = (t: Tally): number => (t.answers === 0 ? 0 : t.correct / t.answers);

export function percent(t: Tally): string {
  return `${Math.round(accuracy(t) * 100)}%`;
}

function add(into: Tally, t: Tally): void {
  into.answers += t.answers;
  into.correct += t.correct;
}

function memberTopics(days: readonly DayStats[], memberId: string): Map<string, Tally> {
  const topics = new Map<string, Tally>();
  for (const day of days) {
    for (const [topic, t] of day.members.get(memberId) ?? []) {
      const sum = topics.get(topic) ?? { answers: 0, correct: 0 };
      add(sum, t);
      topics.set(topic, sum);
    }
  }
  return topics;
}

export function memberWeek(days: readonly DayStats[], memberId: string): MemberWeek {
  const byTopic = [...memberTopics(days, memberId)]
    .map(([topic, t]) => ({ topic, ...t }))
    .sort((a, b) => b.answers - a.answers || a.topic.localeCompare(b.topic));
  const total = { answers: 0, correct: 0 };
  for (const t of byTopic) add(total, t);
  const weakest = byTopic
    .filter((t) => t.correct < t.answers)
    .sort((a, b) => accuracy(a) - accuracy(b) || b.answers - a.answers)
    .slice(0, 3)
    .map((t) => t.topic);
  return { ...total, byTopic, weakest };
}

export function groupWeek(week: readonly DayStats[], before: readonly DayStats[]): GroupWeek {
  const questions = new Map<string, Tally>();
  const answerers = new Set<string>();
  const total = { answers: 0, correct: 0 };
  for (const day of week) {
    for (const [questionId, t] of day.questions) {
      const sum = questions.get(questionId) ?? { answers: 0, correct: 0 };
      add(sum, t);
      questions.set(questionId, sum);
      add(total, t);
    }
    for (const memberId of day.members.keys()) answerers.add(memberId);
  }
  const all = [...questions].map(([questionId, t]) => ({ questionId, ...t }));
  // A question one member answered says little of its difficulty while others had more answers.
  const most = Math.max(0, ...all.map((q) => q.answers));
  const hardest = all
    .filter((q) => q.answers >= Math.min(2, most))
    .sort(
      (a, b) =>
        accuracy(a) - accuracy(b) || b.answers - a.answers || a.questionId.localeCompare(b.questionId),
    )
    .slice(0, 3);
  const improvers: Improver[] = [];
  for (const memberId of answerers) {
    const now = memberWeek(week, memberId);
    const then = memberWeek(before, memberId);
    if (now.answers < IMPROVER_MIN_ANSWERS || then.answers < IMPROVER_MIN_ANSWERS) continue;
    if (accuracy(now) > accuracy(then))
      improvers.push({ memberId, before: accuracy(then), after: accuracy(now) });
  }
  improvers.sort((a, b) => b.after - b.before - (a.after - a.before) || a.memberId.localeCompare(b.memberId));
  return { ...total, answerers, hardest, improvers: improvers.slice(0, 3) };
}

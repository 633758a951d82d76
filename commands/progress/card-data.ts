import { liveStreak } from "../../src/app/credit.ts";
import type { GroupCalendar } from "../../src/app/groups.ts";
import { addDays } from "../../src/domain/calendar.ts";
import type { Store } from "../../src/store/store.ts";
import { calendarWeeks, type ProgressCardData, type TopicBar } from "./card.ts";

/** A topic's standing from the learning engine, when it has one. */
export interface TopicMastery {
  topic: string;
  /** 0..1. */
  mastery: number;
  answers: number;
}

/** Per-topic answers, for the accuracy bars where there is no mastery. */
export interface TopicAnswers {
  topic: string;
  answers: number;
  correct: number;
}

export interface CardInputs {
  group: string;
  memberId: string;
  name: string;
  now: number;
  /** The group's calendar: its zone's days are the calendar's, its study days keep the streak. */
  calendar: GroupCalendar;
  mastery?: TopicMastery[];
  /** Per-topic answers; absent, the store's day statistics of the last RECENT_TOPIC_DAYS tell. */
  topicAnswers?: TopicAnswers[];
  /** Days streak freezes covered; by default the member's, as /streak shows them. */
  freezes?: string[];
}

/** The days of quiz statistics the store keeps per topic (35), read for the accuracy bars. */
export const RECENT_TOPIC_DAYS = 35;

const percent = (share: number) => `${Math.round(100 * share)}%`;
const answersLabel = (n: number) => `${n} ${n === 1 ? "answer" : "answers"}`;

/** Bars by mastery where the learning engine has it; else accuracy per topic; else one bar for all. */
export function topicBars(
  inputs: Pick<CardInputs, "mastery" | "topicAnswers">,
  answers: number,
  correct: number,
): Pick<ProgressCardData, "topics" | "topicsAre"> {
  if (inputs.mastery && inputs.mastery.length > 0)
    return {
      topicsAre: "mastery",
      topics: [...inputs.mastery]
        .sort((a, b) => b.mastery - a.mastery || a.topic.localeCompare(b.topic))
        .map((t) => ({
          topic: t.topic,
          share: t.mastery,
          label: `${percent(t.mastery)} · ${answersLabel(t.answers)}`,
        })),
    };
  const perTopic: TopicAnswers[] =
    inputs.topicAnswers && inputs.topicAnswers.length > 0
      ? inputs.topicAnswers
      : answers > 0
        ? [{ topic: "All topics", answers, correct }]
        : [];
  const topics: TopicBar[] = perTopic
    .filter((t) => t.answers > 0)
    .sort((a, b) => b.answers - a.answers || a.topic.localeCompare(b.topic))
    .map((t) => ({
      topic: t.topic,
      share: t.correct / t.answers,
      label: `${percent(t.correct / t.answers)} · ${answersLabel(t.answers)}`,
    }));
  return { topicsAre: "accuracy", topics };
}

/** The member's answers per topic over the recent days the store keeps statistics for. */
async function recentTopicAnswers(store: Store, inputs: CardInputs, today: string): Promise<TopicAnswers[]> {
  const days = Array.from({ length: RECENT_TOPIC_DAYS }, (_, i) => addDays(today, -i));
  const sum = new Map<string, TopicAnswers>();
  for (const day of await store.dayStats(inputs.group, days))
    for (const [topic, t] of day.members.get(inputs.memberId) ?? []) {
      const s = sum.get(topic) ?? { topic, answers: 0, correct: 0 };
      sum.set(topic, { topic, answers: s.answers + t.answers, correct: s.correct + t.correct });
    }
  return [...sum.values()];
}

/** Everything the progress card shows, read from the store (five reads, four of them together). */
export async function progressCardData(store: Store, inputs: CardInputs): Promise<ProgressCardData> {
  const stats = await store.memberStats(inputs.group, inputs.memberId);
  const { current, today, freezeDays } = liveStreak(stats, inputs.now, inputs.calendar);
  const [days, weekPoints, board, topicAnswers] = await Promise.all([
    store.studyDays(inputs.group, inputs.memberId),
    store.weekPoints(inputs.group, inputs.memberId, calendarWeeks(today)),
    store.leaderboard(inputs.group, { kind: "all" }, inputs.memberId, 1),
    inputs.topicAnswers ?? (inputs.mastery?.length ? undefined : recentTopicAnswers(store, inputs, today)),
  ]);
  const recent = inputs.topicAnswers === undefined && !inputs.mastery?.length;
  return {
    name: inputs.name,
    today,
    days,
    freezes: inputs.freezes ?? freezeDays,
    weekPoints,
    streak: { current, best: stats.best },
    points: board.me?.score ?? 0,
    answers: stats.answers,
    correct: stats.correct,
    ...topicBars({ mastery: inputs.mastery, topicAnswers }, stats.answers, stats.correct),
    topicsTitle:
      recent && topicAnswers?.length ? `Accuracy by topic, last ${RECENT_TOPIC_DAYS} days` : undefined,
  };
}

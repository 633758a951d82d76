import type { GroupSettings } from "../../src/app/groups.ts";
import type { Content, Question } from "../../src/content/model.ts";
import { topicMastery, weakestTopics } from "../../src/domain/mastery.ts";
import type { MemoryCard } from "../../src/domain/memory.ts";
import { dayOfPlan, planPosition } from "../../src/domain/plan-day.ts";

/** How many questions a practice session asks at most. */
export const PRACTICE_LENGTH = 10;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The questions of today's plan day (by its days and tags), or none when the plan is not running. */
function planQuestions(
  content: Content,
  questions: ReadonlyMap<string, Question>,
  settings: GroupSettings,
  now: number,
): Question[] {
  const plan = content.plans.get(settings.plan);
  const position = plan && planPosition(plan, settings, now);
  if (!plan || position?.status !== "active") return [];
  const tags = new Set(dayOfPlan(plan, position.day)?.tags ?? []);
  return [...questions.values()].filter(
    (q) => q.days[plan.id]?.includes(position.day) || q.tags.some((t) => tags.has(t)),
  );
}

/**
 * A practice session's questions: first those due for review (of the topic, when one is given), then
 * questions the member has not seen, from the topic, else from their weakest topics in order, else
 * (nothing known yet) from today's plan day, else from the whole bank. `questions` are those the group
 * can be asked: the shipped bank and its own.
 */
export function pickPractice(
  content: Content,
  questions: ReadonlyMap<string, Question>,
  settings: GroupSettings,
  cards: ReadonlyMap<string, MemoryCard>,
  due: readonly string[],
  topic: string | undefined,
  now: number,
  random: () => number = Math.random,
): string[] {
  const inTopic = (q: Question | undefined) => q !== undefined && (!topic || q.topic === topic);
  const picked = due.filter((id) => inTopic(questions.get(id))).slice(0, PRACTICE_LENGTH);
  const unseen = [...questions.values()].filter((q) => !cards.has(q.id) && inTopic(q));
  const pools: Question[][] = [];
  if (topic) pools.push(unseen);
  else {
    const weakest = weakestTopics(topicMastery(questions, cards, now, settings.timezone), 3);
    for (const t of weakest) pools.push(unseen.filter((q) => q.topic === t.topic));
    const plan = new Set(planQuestions(content, questions, settings, now).map((q) => q.id));
    pools.push(unseen.filter((q) => plan.has(q.id)));
    pools.push(unseen);
  }
  for (const pool of pools) {
    for (const q of shuffled(pool, random)) {
      if (picked.length >= PRACTICE_LENGTH) return picked;
      if (!picked.includes(q.id)) picked.push(q.id);
    }
  }
  return picked;
}

import type { Content, Question } from "../../src/content/model.ts";
import type { GroupSettings } from "../../src/app/groups.ts";
import { UserError } from "../../src/core/errors.ts";
import { dayOfPlan, planPosition } from "../../src/domain/plan-day.ts";

/** A shipped topic by id or title, case-insensitively. */
export function findTopic(content: Content, input: string): string | undefined {
  const wanted = input.trim().toLowerCase();
  for (const [id, file] of content.topics) {
    if (id === wanted || file.title.toLowerCase() === wanted) return id;
  }
  return undefined;
}

/** Finds a topic by id or title, case-insensitively; unknown topics get a list of the known ones (the group's own too). */
export function resolveTopic(content: Content, input: string, ownTopics: readonly string[] = []): string {
  const found = findTopic(content, input);
  if (found) return found;
  const known = [...content.topics.keys(), ...ownTopics].sort().join(", ");
  throw new UserError("unknown-topic", `There is no quiz topic "${input}". Topics: ${known}.`);
}

/**
 * A question for the group: from the topic when one is given, else one that trains today's plan day,
 * else any. Questions asked recently in the group are avoided while others remain.
 */
export function pickQuestion(
  content: Content,
  settings: GroupSettings,
  now: number,
  topic: string | undefined,
  recent: readonly string[],
  random: () => number = Math.random,
): Question {
  const all = [...content.questions.values()];
  let pool = topic ? all.filter((q) => q.topic === topic) : [];
  if (!topic) {
    const plan = content.plans.get(settings.plan);
    const position = plan && planPosition(plan, settings, now);
    if (plan && position?.status === "active") {
      const today = dayOfPlan(plan, position.day);
      const tags = new Set(today?.tags ?? []);
      pool = all.filter((q) => q.days[plan.id]?.includes(position.day) || q.tags.some((t) => tags.has(t)));
    }
    if (pool.length === 0) pool = all;
  }
  const recentSet = new Set(recent);
  const fresh = pool.filter((q) => !recentSet.has(q.id));
  const choices = fresh.length > 0 ? fresh : pool;
  const question = choices[Math.floor(random() * choices.length)];
  if (!question) throw new UserError("no-questions", "There are no questions for that topic yet.");
  return question;
}

import { planDays } from "../domain/plan-day.ts";
import type { Content, ContentProblem, Location } from "./model.ts";
import type { Message } from "../core/model.ts";

/** Two questions whose normalized words overlap this much are reported as alike. */
export const SIMILARITY_LIMIT = 0.8;

const STOPWORDS = new Set(
  "a an the and or of to in on for with by is are was were be been it its this that these those what which who when why how does do did can could would should your you our we i at as from into than then there their".split(
    " ",
  ),
);

/** The words of a text, lowercased, without punctuation and filler words. */
export function normalizedWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9_.$]+/g, " ")
      .split(" ")
      .map((w) => w.replace(/^\.+|\.+$/g, ""))
      .filter((w) => w.length > 1 && !STOPWORDS.has(w)),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function problemAt(location: Location | undefined, message: string): ContentProblem {
  return { file: location?.file ?? "content", line: location?.line ?? 1, column: location?.column ?? 1, field: location?.field ?? "", message };
}

/** Questions that ask nearly the same thing: their question and options share most words. */
export function similarQuestions(content: Content, limit = SIMILARITY_LIMIT): ContentProblem[] {
  const items = [...content.questions.values()].map((q) => ({
    id: q.id,
    words: normalizedWords(`${q.question} ${q.options.map((o) => o.text).join(" ")}`),
  }));
  const problems: ContentProblem[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (!a || !b) continue;
      const score = similarity(a.words, b.words);
      if (score >= limit) {
        problems.push(
          problemAt(content.locations.get(`question:${b.id}`), `question "${b.id}" is nearly the same as "${a.id}" (similarity ${score.toFixed(2)})`),
        );
      }
    }
  }
  return problems;
}

/** Every tag a plan day trains must have at least one question, or /quiz on that day falls back to any topic. */
export function untrainedTags(content: Content): ContentProblem[] {
  const tags = new Set([...content.questions.values()].flatMap((q) => q.tags));
  const problems: ContentProblem[] = [];
  for (const plan of content.plans.values()) {
    for (const day of planDays(plan)) {
      const missing = day.tags.filter((t) => !tags.has(t));
      if (missing.length > 0) {
        problems.push(
          problemAt(content.locations.get(`day:${plan.id}:${day.day}`), `day ${day.day} trains tags with no questions: ${missing.join(", ")}`),
        );
      }
    }
  }
  return problems;
}

/** How many questions each plan day needs, so a group quizzing on that day does not see the same few. */
export const QUESTIONS_PER_DAY = 5;

/**
 * Every plan day needs QUESTIONS_PER_DAY questions that /quiz would pick for it: those carrying one of
 * the day's tags or naming the day in `days`. A day with neither (a behavioral or final-review day)
 * quizzes on the whole bank, so it is not short.
 */
export function thinDays(content: Content, minimum = QUESTIONS_PER_DAY): ContentProblem[] {
  const questions = [...content.questions.values()];
  const problems: ContentProblem[] = [];
  for (const plan of content.plans.values()) {
    for (const day of planDays(plan)) {
      const tags = new Set(day.tags);
      const count = questions.filter((q) => q.days[plan.id]?.includes(day.day) || q.tags.some((t) => tags.has(t))).length;
      if (count >= minimum || (tags.size === 0 && count === 0)) continue;
      const trains = tags.size > 0 ? `tags: ${day.tags.join(", ")}` : "no tags";
      problems.push(
        problemAt(
          content.locations.get(`day:${plan.id}:${day.day}`),
          `day ${day.day} has ${count} of the ${minimum} questions it needs (${trains})`,
        ),
      );
    }
  }
  return problems;
}

/** A renderer's limit check: what it would have to shorten or drop to show a message. */
export type LimitCheck = { platform: string; problems: (message: Message) => string[] };

/** Every message built from content must fit every platform as it is, with nothing cut. */
export function overLimits(
  content: Content,
  checks: readonly LimitCheck[],
  renderings: readonly { key: string; message: Message }[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { key, message } of renderings) {
    for (const check of checks) {
      for (const problem of check.problems(message)) {
        problems.push(problemAt(content.locations.get(key), `does not fit ${check.platform}: ${problem}`));
      }
    }
  }
  return problems;
}

import { stringify } from "yaml";
import type { Question } from "./loader.ts";
import { quizQuestionSchema } from "./schemas.ts";

/** A group's question as the store keeps it. */
export function questionJson(q: Question): string {
  return JSON.stringify(q);
}

/** A stored question read back, checked again: undefined when it no longer fits the schema. */
export function storedQuestion(json: string): Question | undefined {
  try {
    const { topic, answer: _answer, ...rest } = JSON.parse(json) as Question;
    const parsed = quizQuestionSchema.safeParse(rest);
    if (!parsed.success || typeof topic !== "string") return undefined;
    return { ...parsed.data, topic, answer: parsed.data.options.findIndex((o) => o.correct) };
  } catch {
    return undefined;
  }
}

/** The bank's own YAML, one document per topic, as `/bank import` takes it back. */
export function toBankYaml(questions: readonly Question[]): string {
  const topics = [...new Set(questions.map((q) => q.topic))].sort();
  return topics
    .map((topic) =>
      stringify(
        {
          topic,
          questions: questions
            .filter((q) => q.topic === topic)
            .map((q) => ({
              id: q.id,
              difficulty: q.difficulty,
              tags: q.tags,
              question: q.question,
              options: q.options.map((o) => (o.correct ? { text: o.text, correct: true } : { text: o.text })),
              explanation: q.explanation,
              ...(q.keep_order ? { keep_order: true } : {}),
              ...(q.reviewed ? { reviewed: q.reviewed } : {}),
            })),
        },
        { lineWidth: 0 },
      ),
    )
    .join("---\n");
}

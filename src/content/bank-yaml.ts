import { stringify } from "yaml";
import type { Question } from "./model.ts";

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

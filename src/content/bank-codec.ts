import type { Question } from "./model.ts";
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

import { z } from "zod";
import type { DesignPrompt, StarPrompt } from "../../src/content/schemas.ts";
import { CONTENT_ID_MAX } from "../../src/content/schemas.ts";
import { defineAction, part } from "../../src/core/actions.ts";
import type { Button } from "../../src/core/model.ts";

/**
 * What is being answered, as button parts: a plan day's interview question ["q", plan, day], a STAR
 * prompt ["s", id], a system-design prompt ["d", id], or the member's own question ["o"].
 */
const targetParts = z.union([
  z.tuple([z.literal("q"), part.word(CONTENT_ID_MAX), part.int(1, 366)]),
  z.tuple([z.literal("s"), part.word(CONTENT_ID_MAX)]),
  z.tuple([z.literal("d"), part.word(CONTENT_ID_MAX)]),
  z.tuple([z.literal("o")]),
]);
export type TargetParts = z.output<typeof targetParts>;

/** The button that opens the answer form. */
export const openAction = defineAction("interview.open", targetParts, { formerly: ["m.o"] });
/** The submitted answer form. */
export const answerFormAction = defineAction("interview.answer", targetParts, { formerly: ["m.f"] });
/** The Review button on a posted answer. */
export const reviewAction = defineAction("interview.review", z.tuple([part.id()]), { formerly: ["m.r"] });
/** The submitted review form. */
export const reviewFormAction = defineAction("interview.rate", z.tuple([part.id()]), { formerly: ["m.v"] });

/** What is being answered: a plan day's interview question, a STAR prompt, or the member's own question. */
export type InterviewTarget =
  | { kind: "question"; plan: string; day: number; question: string; title: string }
  | { kind: "star"; id: string; question: string; competency: string }
  | { kind: "design"; id: string; question: string; title: string; keyPoints: string[] }
  | { kind: "own" };

export function partsOfTarget(target: InterviewTarget): TargetParts {
  if (target.kind === "question") return ["q", target.plan, target.day];
  if (target.kind === "star") return ["s", target.id];
  if (target.kind === "design") return ["d", target.id];
  return ["o"];
}

/** The button that opens the answer form for a target; other features put it on their posts. */
export function answerButton(target: InterviewTarget, label: string): Button {
  return { action: openAction.id(partsOfTarget(target)), label, style: "primary" };
}

export function starTarget(prompt: StarPrompt): InterviewTarget {
  return { kind: "star", id: prompt.id, question: prompt.prompt, competency: prompt.competency };
}

export function designTarget(prompt: DesignPrompt): InterviewTarget {
  return {
    kind: "design",
    id: prompt.id,
    question: prompt.prompt,
    title: prompt.title,
    keyPoints: prompt.key_points,
  };
}

import type { AppContext } from "../../src/app/app-context.ts";
import type { Content } from "../../src/content/model.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError, unknownAction } from "../../src/core/errors.ts";
import { dayOfPlan, planPosition } from "../../src/domain/plan-day.ts";
import { designTarget, type InterviewTarget, starTarget, type TargetParts } from "./actions.ts";

/** The target a button names, or "not one of mine" when its plan day or prompt is gone. */
export function targetFromParts(content: Content, parts: TargetParts): InterviewTarget {
  if (parts[0] === "q") {
    const [, planId, day] = parts;
    const entry = content.plans.has(planId) ? dayOfPlan(content.plans.get(planId)!, day) : undefined;
    if (!entry?.question) throw unknownAction();
    return { kind: "question", plan: planId, day: entry.day, question: entry.question, title: entry.title };
  }
  if (parts[0] === "s") {
    const prompt = content.star.find((p) => p.id === parts[1]);
    if (!prompt) throw unknownAction();
    return starTarget(prompt);
  }
  if (parts[0] === "d") {
    const prompt = content.design.find((p) => p.id === parts[1]);
    if (!prompt) throw unknownAction();
    return designTarget(prompt);
  }
  return { kind: "own" };
}

export function targetTitle(target: InterviewTarget): string {
  switch (target.kind) {
    case "question":
      return `Day ${target.day}: ${target.title}`;
    case "star":
      return `STAR · ${target.competency}`;
    case "design":
      return `System design · ${target.title}`;
    default:
      return "Own question";
  }
}

/** Today's interview question of the group's plan, for /mock with no choice. */
export async function todaysTarget(ctx: AppContext): Promise<InterviewTarget> {
  const settings = await ctx.settings();
  const plan = ctx.services.content.plans.get(settings.plan);
  const position = plan && planPosition(plan, settings, ctx.now);
  if (!plan || position?.status !== "active") {
    throw new UserError(
      "no-question-today",
      `The plan has no question today. Try ${cmd("mock", "star")} or ${cmd("mock", "own")}.`,
    );
  }
  const entry = dayOfPlan(plan, position.day);
  if (!entry?.question)
    throw new UserError(
      "no-question-today",
      `Today has no interview question. Try ${cmd("mock", "star")} or ${cmd("mock", "own")}.`,
    );
  return { kind: "question", plan: plan.id, day: entry.day, question: entry.question, title: entry.title };
}

import { planLength } from "../content/loader.ts";
import type { Plan } from "../content/schemas.ts";
import type { Block, Message } from "../core/model.ts";
import { dayOfPlan } from "./plan-day.ts";

const KIND_LABEL = { study: "Study day", mock: "Mock interview day", review: "Review day" } as const;

/** The message for one day of a plan: topic, study points, practice, interview question and a Done button. */
export function dayMessage(
  plan: Plan,
  day: number,
  options: { today?: number; doneAction?: string },
): Message {
  const entry = dayOfPlan(plan, day);
  if (!entry) throw new Error(`plan ${plan.id} has no day ${day}`);
  const length = planLength(plan);
  const preview =
    options.today !== undefined && options.today !== day ? ` (today is day ${options.today})` : "";
  const blocks: Block[] = [
    { type: "header", text: `Day ${day} of ${length} · ${entry.title}` },
    {
      type: "context",
      text: `${plan.title} · Week ${entry.week.week}: ${entry.week.title} · ${KIND_LABEL[entry.kind]}${preview}`,
    },
  ];
  if (entry.study.length > 0) {
    blocks.push({
      type: "section",
      title: entry.kind === "study" ? "Study" : "Recap",
      text: entry.study.map((s) => `- ${s}`).join("\n"),
    });
  }
  if (entry.practice) blocks.push({ type: "section", title: "Practice", text: entry.practice });
  if (entry.question)
    blocks.push({ type: "section", title: "Interview question", text: `_${entry.question}_` });
  blocks.push({ type: "context", text: `Week goal: ${entry.week.goal}` });
  if (options.doneAction) {
    blocks.push({
      type: "buttons",
      buttons: [{ action: options.doneAction, label: `Done with day ${day}`, style: "success" }],
    });
  }
  return { blocks, fallback: `Day ${day} of ${length}: ${entry.title}` };
}

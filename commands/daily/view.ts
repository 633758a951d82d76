import type { Content } from "../../src/content/model.ts";
import { planLength } from "../../src/domain/plan-day.ts";
import type { Plan } from "../../src/content/schemas.ts";
import type { Block, Message } from "../../src/core/model.ts";
import { dayOfPlan } from "../../src/domain/plan-day.ts";
import { answerButton, designTarget, starTarget } from "../interview/actions.ts";

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

/** How many interview questions a mock-interview kit offers. */
const KIT_QUESTIONS = 4;

/** The prompt sets a mock-interview kit draws from. */
export type PromptSets = Pick<Content, "star" | "design">;

/**
 * The post for a mock-interview day: interview questions from that week's study days, a STAR prompt
 * and, in weeks that study system design, a design prompt, each with a button that opens the answer
 * form, plus the day's Done button.
 */
export function mockKitMessage(plan: Plan, day: number, prompts: PromptSets, doneAction?: string): Message {
  const { star, design } = prompts;
  const entry = dayOfPlan(plan, day);
  if (!entry) throw new Error(`plan ${plan.id} has no day ${day}`);
  const studied = entry.week.days.filter((d) => d.kind === "study" && d.question && d.day < day);
  const step = Math.max(1, studied.length / KIT_QUESTIONS);
  const picked = Array.from(
    { length: Math.min(KIT_QUESTIONS, studied.length) },
    (_, i) => studied[Math.floor(i * step)],
  ).filter((d): d is NonNullable<typeof d> => Boolean(d));
  const prompt = star.length > 0 ? star[(day * 7) % star.length] : undefined;
  // Weeks that study system design also get a design prompt to practise.
  const designWeek = entry.week.days.some((d) => d.tags.includes("system-design"));
  const system = designWeek && design.length > 0 ? design[(day * 3) % design.length] : undefined;
  const lines = picked.map((d, i) => `**Q${i + 1}** (day ${d.day}, ${d.title}): ${d.question}`);
  if (prompt) lines.push(`**STAR** (${prompt.competency}): ${prompt.prompt}`);
  if (system) lines.push(`**Design**: ${system.title}. ${system.prompt}`);
  const buttons = picked.map((d, i) =>
    answerButton(
      { kind: "question", plan: plan.id, day: d.day, question: d.question ?? "", title: d.title },
      `Answer Q${i + 1}`,
    ),
  );
  if (prompt) {
    buttons.push(answerButton(starTarget(prompt), "Answer the STAR prompt"));
  }
  if (system) buttons.push(answerButton(designTarget(system), "Answer the design"));
  const blocks: Block[] = [
    { type: "header", text: `Day ${day} of ${planLength(plan)} · ${entry.title}` },
    {
      type: "context",
      text: `${plan.title} · Week ${entry.week.week}: ${entry.week.title} · Mock interview kit`,
    },
  ];
  if (entry.practice) blocks.push({ type: "section", title: "How to run it", text: entry.practice });
  blocks.push({ type: "section", title: "Questions", text: lines.join("\n\n") });
  blocks.push({ type: "buttons", buttons });
  blocks.push({ type: "context", text: "Answer one, then review two peers' answers in their threads." });
  if (doneAction)
    blocks.push({
      type: "buttons",
      buttons: [{ action: doneAction, label: `Done with day ${day}`, style: "success" }],
    });
  return { blocks, fallback: `Day ${day}: mock interview kit` };
}

/** What the scheduler posts for a plan day: the topic, or the kit on mock-interview days. */
export function dailyPostMessage(plan: Plan, day: number, prompts: PromptSets, doneAction?: string): Message {
  return dayOfPlan(plan, day)?.kind === "mock"
    ? mockKitMessage(plan, day, prompts, doneAction)
    : dayMessage(plan, day, { doneAction });
}

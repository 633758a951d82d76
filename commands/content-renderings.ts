import type { Content } from "../src/content/model.ts";
import { planDays } from "../src/domain/plan-day.ts";
import type { Message } from "../src/core/model.ts";
import { doneAction } from "./daily/actions.ts";
import { dailyPostMessage, dayMessage } from "./daily/view.ts";
import { designTarget, type InterviewTarget, starTarget } from "./interview/actions.ts";
import { answerForm } from "./interview/forms.ts";
import { answerMessage, reviewThreadIntro } from "./interview/view.ts";
import { questionMessage, resultsMessage } from "./quiz/view.ts";
import { starMessage } from "./star/view.ts";

const LONG_NAME = "A member with a rather long display name";

/**
 * Every message the bot builds from content, with the location key of what it was built from, so
 * a check can render each through every platform and point at the YAML line that does not fit.
 */
export function contentRenderings(content: Content): { key: string; message: Message }[] {
  const out: { key: string; message: Message }[] = [];
  for (const q of content.questions.values()) {
    const round = {
      id: "abcdefgh",
      questionId: q.id,
      answer: q.answer,
      optionCount: q.options.length,
      startedBy: "u",
      startedAt: 0,
      closesAt: 3_600_000,
      timezone: "UTC",
    };
    const answers = Array.from({ length: 12 }, (_, i) => ({
      memberId: `m${i}`,
      name: `${LONG_NAME} ${i}`,
      choice: q.answer,
      at: i,
      points: 15,
    }));
    out.push({ key: `question:${q.id}`, message: questionMessage(content, q, round, LONG_NAME) });
    out.push({ key: `question:${q.id}`, message: resultsMessage(content, { round, answers }) });
  }
  const longest = (target: InterviewTarget, question: string, title: string) => {
    const mock = {
      id: "abcdefgh",
      author: "u",
      authorName: LONG_NAME,
      kind: "technical" as const,
      title,
      body: "",
      createdAt: 0,
    };
    const sections = answerForm(target).fields.map((f) => ({
      label: f.label,
      text: "x".repeat(f.maxLength ?? 0),
    }));
    return answerMessage(mock, { question, sections });
  };
  for (const plan of content.plans.values()) {
    for (const day of planDays(plan)) {
      const key = `day:${plan.id}:${day.day}`;
      out.push({ key, message: dailyPostMessage(plan, day.day, content, doneAction.id([plan.id, day.day])) });
      out.push({
        key,
        message: dayMessage(plan, day.day, { today: 1, doneAction: doneAction.id([plan.id, day.day]) }),
      });
    }
  }
  for (const prompt of content.star) {
    out.push({ key: `star:${prompt.id}`, message: starMessage(prompt) });
    out.push({
      key: `star:${prompt.id}`,
      message: longest(starTarget(prompt), prompt.prompt, `STAR · ${prompt.competency}`),
    });
  }
  for (const prompt of content.design) {
    const target = designTarget(prompt);
    const key = `design:${prompt.id}`;
    const mock = {
      id: "abcdefgh",
      author: "u",
      authorName: LONG_NAME,
      kind: "design" as const,
      title: `System design · ${prompt.title}`,
      body: "",
      createdAt: 0,
    };
    // The longest answer the design form takes, beside the prompt it answers.
    const sections = answerForm(target).fields.map((f) => ({
      label: f.label,
      text: "x".repeat(f.maxLength ?? 0),
    }));
    out.push({ key, message: answerMessage(mock, { question: prompt.prompt, sections }) });
    out.push({ key, message: reviewThreadIntro(LONG_NAME, prompt.key_points) });
  }
  return out;
}

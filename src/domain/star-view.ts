import type { StarPrompt } from "../content/schemas.ts";
import type { Message } from "../core/model.ts";

export const STAR_TEMPLATE = [
  { label: "Situation", value: "Where and when: the context in one or two sentences." },
  { label: "Task", value: "What you were responsible for, and what was at stake." },
  { label: "Action", value: "What you did, step by step: say I, not we." },
  { label: "Result", value: "What changed, in numbers where you can, and what you learned." },
];

export function starMessage(prompt: StarPrompt): Message {
  return {
    blocks: [
      { type: "header", text: `STAR practice · ${prompt.competency}` },
      { type: "text", text: `**${prompt.prompt}**` },
      {
        type: "section",
        title: "Answer with STAR",
        fields: STAR_TEMPLATE.map((f) => ({ ...f, inline: true })),
      },
      {
        type: "section",
        title: "A strong answer",
        text: prompt.strong_answer.map((s) => `- ${s}`).join("\n"),
      },
      {
        type: "context",
        text: "Take two minutes, then answer aloud or in a thread; ask a peer for feedback.",
      },
    ],
    fallback: `STAR practice (${prompt.competency}): ${prompt.prompt}`,
  };
}

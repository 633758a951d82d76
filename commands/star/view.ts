import type { StarPrompt } from "../../src/content/schemas.ts";
import type { Message } from "../../src/core/model.ts";
import { answerButton, starTarget } from "../interview/actions.ts";
import { STAR_TEMPLATE } from "../../src/domain/star-template.ts";

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
      { type: "context", text: "Take two minutes, then write your answer: peers review it in a thread." },
      {
        type: "buttons",
        buttons: [answerButton(starTarget(prompt), "Write my answer")],
      },
    ],
    fallback: `STAR practice (${prompt.competency}): ${prompt.prompt}`,
  };
}

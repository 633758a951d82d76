import type { Block, Message } from "../../src/core/model.ts";
import type { MockRecord, Review } from "../../src/store/store.ts";
import { reviewAction } from "./actions.ts";
import type { Answer } from "./forms.ts";

export function averages(reviews: Review[]): Record<string, number> {
  const sums: Record<string, { total: number; n: number }> = {};
  for (const r of reviews) {
    for (const [k, v] of Object.entries(r.scores)) {
      const s = (sums[k] ??= { total: 0, n: 0 });
      s.total += v;
      s.n++;
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, Math.round((s.total / s.n) * 10) / 10]));
}

export function scoreLine(scores: Record<string, number>): string {
  return Object.entries(scores)
    .map(([k, v]) => `${k[0]?.toUpperCase()}${k.slice(1)} ${v}`)
    .join(" · ");
}

/** The first post of an answer's review thread; for a design, with what reviewers should look for. */
export function reviewThreadIntro(authorName: string, checklist: string[] = []): Message {
  const blocks: Block[] = [
    { type: "header", text: `Reviews of ${authorName}'s answer` },
    { type: "text", text: "Press **Review** on the answer to add yours; each review appears here." },
  ];
  if (checklist.length > 0) {
    blocks.push({
      type: "section",
      title: "What reviewers look for",
      text: checklist.map((p) => `- ${p}`).join("\n"),
    });
  }
  return { blocks };
}

export function answerMessage(mock: MockRecord, answer: Answer, summary?: string): Message {
  const blocks: Block[] = [
    { type: "header", text: `Mock answer by ${mock.authorName}` },
    { type: "text", text: `**${mock.title}**\n_${answer.question}_` },
    ...answer.sections.map((s): Block => ({ type: "section", title: s.label, text: s.text })),
  ];

  blocks.push({
    type: "context",
    text: summary ?? "Peers: press Review to score this answer. Reviews go in the thread.",
  });
  blocks.push({
    type: "buttons",
    buttons: [{ action: reviewAction.id([mock.id]), label: "Review", style: "secondary" }],
  });
  return { blocks, fallback: `Mock answer by ${mock.authorName}: ${answer.question}` };
}

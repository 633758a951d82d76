import type { Content, Question } from "../../src/content/model.ts";
import { cmd } from "../../src/core/command-token.ts";
import type { Block, Message } from "../../src/core/model.ts";
import type { ClosedRound, RoundRecord } from "../../src/store/store.ts";
import { answerAction, closeAction } from "./actions.ts";
import { shownOptions } from "../../src/domain/option-order.ts";

const LETTERS = ["A", "B", "C", "D", "E"];

export function optionLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

export function topicTitle(content: Content, topic: string): string {
  return content.topics.get(topic)?.title ?? topic;
}

function optionLines(options: Question["options"], marks?: (index: number) => string): string {
  return options.map((o, i) => `${marks ? marks(i) : ""}**${optionLetter(i)}.** ${o.text}`).join("\n");
}

export function questionMessage(
  content: Content,
  question: Question,
  round: RoundRecord,
  starterName: string,
): Message {
  const seconds = Math.round((round.closesAt - round.startedAt) / 1000);
  const options = shownOptions(question, round);
  return {
    blocks: [
      { type: "header", text: `Quiz · ${topicTitle(content, question.topic)} · ${question.difficulty}` },
      { type: "text", text: question.question },
      { type: "text", text: optionLines(options) },
      {
        type: "buttons",
        buttons: options.map((o, i) => ({
          action: answerAction.id([round.id, i]),
          label: `${optionLetter(i)} · ${o.text}`,
          compactLabel: optionLetter(i),
          style: "primary",
        })),
      },
      {
        type: "buttons",
        buttons: [{ action: closeAction.id([round.id]), label: "Close round", style: "secondary" }],
      },
      {
        type: "context",
        text: `One answer each, first click counts · closes in ${seconds} s · started by ${starterName}`,
      },
    ],
    fallback: `Quiz (${topicTitle(content, question.topic)}): ${question.question}`,
  };
}

/** The result of a round; `question` is the one it asked (a group's own one is kept with the round). */
export function resultsMessage(
  content: Content,
  closed: ClosedRound,
  question: Question | undefined = content.questions.get(closed.round.questionId),
): Message {
  if (!question) {
    return {
      blocks: [{ type: "text", text: "This quiz round has closed (its question is no longer in the bank)." }],
    };
  }
  // The answer the points were scored against, even if the bank has changed since the round began;
  // indexes are as the round showed the options.
  const answer = closed.round.answer;
  const options = shownOptions(question, closed.round);
  const right = closed.answers
    .filter((a) => a.choice === answer)
    .sort((a, b) => b.points - a.points || a.at - b.at);
  const letter = optionLetter(answer);
  const total = closed.answers.length;
  const winners =
    total === 0
      ? "Nobody answered this one."
      : right.length === 0
        ? `Nobody got it right (${total} answered).`
        : `${right.map((a) => `${a.name} (+${a.points})`).join(", ")}`;
  const blocks: Block[] = [
    { type: "header", text: `Quiz closed · ${topicTitle(content, question.topic)}` },
    { type: "text", text: question.question },
    { type: "text", text: optionLines(options, (i) => (i === answer ? "✅ " : "▫️ ")) },
    { type: "section", title: `The answer is ${letter}`, text: question.explanation },
    { type: "section", title: `Got it right: ${right.length} of ${total}`, text: winners },
    { type: "context", text: `Start another round with ${cmd("quiz")}` },
  ];
  return {
    blocks,
    fallback: `Quiz closed. The answer was ${letter}: ${options[answer]?.text ?? ""}`,
  };
}

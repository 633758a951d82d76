import type { Content, Question } from "../../src/content/model.ts";
import { cmd } from "../../src/core/command-token.ts";
import type { Block, Message } from "../../src/core/model.ts";
import { shownOptions } from "../../src/domain/option-order.ts";
import type { PracticeSession } from "../../src/store/store.ts";
import { practiceAnswerAction, practiceNextAction, practiceStopAction } from "./actions.ts";

const LETTERS = ["A", "B", "C", "D", "E"];
const letter = (i: number) => LETTERS[i] ?? String(i + 1);

function topicTitle(content: Content, topic: string): string {
  return content.topics.get(topic)?.title ?? topic;
}

function stopButton(session: PracticeSession): Block {
  return {
    type: "buttons",
    buttons: [{ action: practiceStopAction.id([session.id]), label: "Stop", style: "secondary" }],
  };
}

/** The session's current question, its options as buttons in the step's order. */
export function practiceQuestionMessage(
  content: Content,
  question: Question,
  session: PracticeSession,
  due: boolean,
): Message {
  const options = shownOptions(question, session);
  const kind = due ? "review" : "new";
  return {
    blocks: [
      {
        type: "header",
        text: `Practice ${session.step + 1} of ${session.questions.length} · ${topicTitle(content, question.topic)} · ${kind}`,
      },
      { type: "text", text: question.question },
      { type: "text", text: options.map((o, i) => `**${letter(i)}.** ${o.text}`).join("\n") },
      {
        type: "buttons",
        buttons: options.map((o, i) => ({
          action: practiceAnswerAction.id([session.id, session.step, i]),
          label: `${letter(i)} · ${o.text}`,
          compactLabel: letter(i),
          style: "primary",
        })),
      },
      stopButton(session),
    ],
    fallback: `Practice: ${question.question}`,
  };
}

/** What the member sees at once after answering: right or wrong, the right option, the explanation. */
export function practiceFeedbackMessage(
  question: Question,
  session: PracticeSession,
  choice: number,
  points: number,
): Message {
  const options = shownOptions(question, session);
  const answer = session.order.indexOf(question.answer);
  const shownAnswer = answer >= 0 ? answer : question.answer;
  const right = choice === shownAnswer;
  const last = session.step + 1 >= session.questions.length;
  const title = right
    ? `Right: ${letter(shownAnswer)}${points > 0 ? ` (+${points} points)` : ""}`
    : `Not quite: you chose ${letter(choice)}, the answer is ${letter(shownAnswer)}`;
  const blocks: Block[] = [
    { type: "header", text: right ? "✅ Right" : "❌ Not quite" },
    { type: "text", text: `**${letter(shownAnswer)}.** ${options[shownAnswer]?.text ?? ""}` },
    { type: "section", title, text: question.explanation },
    {
      type: "buttons",
      buttons: [
        ...(last
          ? []
          : [
              {
                action: practiceNextAction.id([session.id, session.step]),
                label: "Next",
                style: "primary" as const,
              },
            ]),
        {
          action: practiceStopAction.id([session.id]),
          label: last ? "Finish" : "Stop",
          style: "secondary" as const,
        },
      ],
    },
  ];
  return { blocks, fallback: `${right ? "Right" : "Not quite"}: the answer is ${letter(shownAnswer)}` };
}

/** The end of a session. */
export function practiceSummaryMessage(session: PracticeSession): Message {
  const answered = session.step + (session.answered ? 1 : 0);
  return {
    blocks: [
      { type: "header", text: "Practice done" },
      {
        type: "text",
        text:
          answered === 0
            ? "No questions answered this time."
            : `${session.right} of ${answered} right. Each one is scheduled for you to review when it is due.`,
      },
      {
        type: "context",
        text: `See your topics with ${cmd("progress")}, or practise again with ${cmd("practice")}.`,
      },
    ],
    fallback: `Practice done: ${session.right} of ${answered} right`,
  };
}

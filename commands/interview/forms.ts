import { FormError } from "../../src/core/errors.ts";
import type { Form } from "../../src/core/model.ts";
import { STAR_TEMPLATE } from "../../src/domain/star-template.ts";
import type { MockRecord } from "../../src/store/store.ts";
import { answerFormAction, type InterviewTarget, partsOfTarget, reviewFormAction } from "./actions.ts";

const STAR_FIELDS = STAR_TEMPLATE.map((f) => ({ id: f.label.toLowerCase(), label: f.label, hint: f.value }));
export const RUBRICS: Record<MockRecord["kind"], string[]> = {
  technical: ["correctness", "depth", "clarity"],
  star: STAR_FIELDS.map((f) => f.id),
  design: ["requirements", "architecture", "tradeoffs"],
};
const DESIGN_FIELDS = [
  {
    id: "design",
    label: "Your design",
    placeholder: "Requirements and estimates, API, data model, components",
  },
  {
    id: "tradeoffs",
    label: "Scaling and trade-offs",
    placeholder: "Bottlenecks, caching, consistency, failure modes",
  },
];

export function answerForm(target: InterviewTarget): Form {
  const action = answerFormAction.id(partsOfTarget(target));
  if (target.kind === "star") {
    return {
      action,
      title: "STAR answer",
      submitLabel: "Post answer",
      fields: STAR_FIELDS.map((f) => ({
        id: f.id,
        label: f.label,
        placeholder: f.hint,
        multiline: true,
        maxLength: 1000,
      })),
    };
  }
  if (target.kind === "design") {
    return {
      action,
      title: "System design answer",
      submitLabel: "Post design",
      fields: DESIGN_FIELDS.map((f) => ({ ...f, multiline: true, maxLength: 1500 })),
    };
  }
  return {
    action,
    title: "Mock interview answer",
    submitLabel: "Post answer",
    fields: [
      ...(target.kind === "own"
        ? [{ id: "question", label: "The question you are answering", maxLength: 300 }]
        : []),
      {
        id: "answer",
        label: "Your answer",
        placeholder: "Answer as you would in the interview",
        multiline: true,
        maxLength: 3000,
      },
    ],
  };
}

export interface Answer {
  question: string;
  sections: { label: string; text: string }[];
  /** What reviewers should look for (system-design prompts). */
  checklist?: string[];
}

export function readAnswer(target: InterviewTarget, values: Record<string, string>): Answer {
  const get = (id: string) => (values[id] ?? "").trim();
  if (target.kind === "star") {
    const sections = STAR_FIELDS.map((f) => ({ id: f.id, label: f.label, text: get(f.id) }));
    const empty = sections.filter((s) => !s.text);
    if (empty.length > 0) {
      throw new FormError(
        `Please fill in every part of the STAR answer; missing: ${empty.map((s) => s.label).join(", ")}.`,
        Object.fromEntries(empty.map((s) => [s.id, `Write the ${s.label.toLowerCase()} part.`])),
      );
    }
    return { question: target.question, sections: sections.map(({ label, text }) => ({ label, text })) };
  }
  if (target.kind === "design") {
    const sections = DESIGN_FIELDS.map((f) => ({ label: f.label, text: get(f.id) }));
    if (!sections[0]?.text)
      throw new FormError("Please describe your design.", { design: "Describe your design." });
    return {
      question: target.question,
      sections: sections.filter((s) => s.text),
      checklist: target.keyPoints,
    };
  }
  const question = target.kind === "own" ? get("question") : target.question;
  if (!question) {
    throw new FormError("Please write the question you are answering.", { question: "Write the question." });
  }
  if (!get("answer")) throw new FormError("Please write your answer.", { answer: "Write your answer." });
  return { question, sections: [{ label: "Answer", text: get("answer") }] };
}

export function rubricForm(mock: MockRecord): Form {
  const criteria = RUBRICS[mock.kind];
  return {
    action: reviewFormAction.id([mock.id]),
    title: `Review ${mock.authorName}'s answer`,
    submitLabel: "Post review",
    fields: [
      ...criteria.map((c) => ({
        id: c,
        label: `${c[0]?.toUpperCase()}${c.slice(1)} (1 to 5)`,
        placeholder: "3",
        maxLength: 1,
      })),
      {
        id: "comment",
        label: "Comment",
        placeholder: "What was strong, what to improve",
        multiline: true,
        maxLength: 1000,
        required: false,
      },
    ],
  };
}

export function readScores(mock: MockRecord, values: Record<string, string>): Record<string, number> {
  const criteria = RUBRICS[mock.kind];
  const scores: Record<string, number> = {};
  const bad: string[] = [];
  const fields: Record<string, string> = {};
  for (const c of criteria) {
    const raw = (values[c] ?? "").trim();
    if (/^[1-5]$/.test(raw)) scores[c] = Number(raw);
    else {
      bad.push(`${c} "${raw}"`);
      fields[c] = "A whole number from 1 to 5.";
    }
  }
  if (bad.length > 0) {
    throw new FormError(`Scores must be whole numbers from 1 to 5; please fix ${bad.join(", ")}.`, fields);
  }
  return scores;
}

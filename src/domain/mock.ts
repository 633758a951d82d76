import type { Content } from "../content/loader.ts";
import type { DesignPrompt, StarPrompt } from "../content/schemas.ts";
import { actionId } from "../core/command.ts";
import type { Context } from "../core/context.ts";
import { FormError, UserError, unknownAction } from "../core/errors.ts";
import { SHORT_ID, shortId } from "../core/ids.ts";
import type { Block, Form, Message } from "../core/model.ts";
import type { MockRecord, Review } from "../store/store.ts";
import { creditFor } from "./credit.ts";
import { dayOfPlan, planPosition } from "./plan-day.ts";
import { STAR_TEMPLATE } from "./star-template.ts";

export const OPEN_ACTION = "m.o";
export const SUBMIT_FORM = "m.f";
export const REVIEW_ACTION = "m.r";
export const REVIEW_FORM = "m.v";
/** Mock answers stay open for review this long. */
const MOCK_TTL_SECONDS = 60 * 24 * 3600;

const STAR_FIELDS = STAR_TEMPLATE.map((f) => ({ id: f.label.toLowerCase(), label: f.label, hint: f.value }));
const RUBRICS: Record<MockRecord["kind"], string[]> = {
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

/** What is being answered: a plan day's interview question, a STAR prompt, or the member's own question. */
export type MockTarget =
  | { kind: "question"; plan: string; day: number; question: string; title: string }
  | { kind: "star"; id: string; question: string; competency: string }
  | { kind: "design"; id: string; question: string; title: string; keyPoints: string[] }
  | { kind: "own" };

function invalid(): never {
  throw unknownAction();
}

/** Reads the target back from action parts: ["q", plan, day], ["s", starId] or ["o"]. */
export function targetFromParts(content: Content, parts: string[]): MockTarget {
  const [kind, a, b] = parts;
  if (kind === "q" && a && parts.length === 3) {
    const plan = content.plans.get(a);
    const entry = plan && dayOfPlan(plan, Number(b));
    if (!entry?.question) invalid();
    return { kind: "question", plan: a, day: entry.day, question: entry.question, title: entry.title };
  }
  if (kind === "s" && a && parts.length === 2) {
    const prompt = content.star.find((p) => p.id === a);
    if (!prompt) invalid();
    return starTarget(prompt);
  }
  if (kind === "d" && a && parts.length === 2) {
    const prompt = content.design.find((p) => p.id === a);
    if (!prompt) invalid();
    return designTarget(prompt);
  }
  if (kind === "o" && parts.length === 1) return { kind: "own" };
  invalid();
}

function targetParts(target: MockTarget): (string | number)[] {
  if (target.kind === "question") return ["q", target.plan, target.day];
  if (target.kind === "star") return ["s", target.id];
  if (target.kind === "design") return ["d", target.id];
  return ["o"];
}

/** The button that opens the answer form for a target. */
export function answerButton(target: MockTarget, label: string) {
  return { action: actionId(OPEN_ACTION, ...targetParts(target)), label, style: "primary" as const };
}

export function answerForm(target: MockTarget): Form {
  const action = actionId(SUBMIT_FORM, ...targetParts(target));
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

export function starTarget(prompt: StarPrompt): MockTarget {
  return { kind: "star", id: prompt.id, question: prompt.prompt, competency: prompt.competency };
}

export function designTarget(prompt: DesignPrompt): MockTarget {
  return {
    kind: "design",
    id: prompt.id,
    question: prompt.prompt,
    title: prompt.title,
    keyPoints: prompt.key_points,
  };
}

function mockTitle(target: MockTarget): string {
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
export async function todaysTarget(ctx: Context): Promise<MockTarget> {
  const settings = await ctx.settings();
  const plan = ctx.services.content.plans.get(settings.plan);
  const position = plan && planPosition(plan, settings, ctx.now);
  if (!plan || position?.status !== "active") {
    throw new UserError("The plan has no question today. Try /mock star or /mock own.");
  }
  const entry = dayOfPlan(plan, position.day);
  if (!entry?.question) throw new UserError("Today has no interview question. Try /mock star or /mock own.");
  return { kind: "question", plan: plan.id, day: entry.day, question: entry.question, title: entry.title };
}

interface Answer {
  question: string;
  sections: { label: string; text: string }[];
  /** What reviewers should look for (system-design prompts). */
  checklist?: string[];
}

function readAnswer(target: MockTarget, values: Record<string, string>): Answer {
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

function averages(reviews: Review[]): Record<string, number> {
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

function scoreLine(scores: Record<string, number>): string {
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
    buttons: [{ action: actionId(REVIEW_ACTION, mock.id), label: "Review", style: "secondary" }],
  });
  return { blocks, fallback: `Mock answer by ${mock.authorName}: ${answer.question}` };
}

export async function openAnswerForm(ctx: Context, parts: string[]): Promise<void> {
  await ctx.openForm(answerForm(targetFromParts(ctx.services.content, parts)));
}

/** Posts a submitted answer with a Review button, opens its thread, and credits the author. */
export async function submitAnswer(
  ctx: Context,
  parts: string[],
  values: Record<string, string>,
): Promise<void> {
  const { content, store, scoring } = ctx.services;
  const target = targetFromParts(content, parts);
  const answer = readAnswer(target, values);
  const settings = await ctx.settings();
  const mock: MockRecord = {
    id: shortId(),
    author: ctx.actor.id,
    authorName: ctx.actor.name,
    kind: target.kind === "star" ? "star" : target.kind === "design" ? "design" : "technical",
    title: mockTitle(target),
    body: JSON.stringify(answer),
    createdAt: ctx.now,
  };
  await store.createMock(ctx.group, mock, MOCK_TTL_SECONDS);
  const message = await ctx.post(answerMessage(mock, answer));
  // The answer is out: credit it and remember where it is before anything else can fail.
  await store.setMockRefs(ctx.group, mock.id, { message });
  const points = await store.creditAction(
    ctx.group,
    creditFor(ctx.actor, ctx.now, settings),
    { points: scoring.mockPoints, perDay: scoring.mockAnswersPerDay },
    "mocks",
  );
  let note = "Peers can review it now.";
  try {
    const thread =
      message && (await ctx.postInThread(message, reviewThreadIntro(mock.authorName, answer.checklist)));
    if (thread) await store.setMockRefs(ctx.group, mock.id, { thread });
  } catch (err) {
    ctx.services.log.warn(
      { err, mock: mock.id },
      "could not open the review thread; reviews go to the channel",
    );
    note = "I could not open a thread for it, so reviews will appear in the channel.";
  }
  const earned =
    points > 0
      ? `+${points} points`
      : `no points: mock answers earn points ${scoring.mockAnswersPerDay} times a day, and this one still counts for your streak`;
  await ctx.replyPrivately(ctx.text(`Your answer is posted (${earned}). ${note}`));
}

async function requireReviewable(ctx: Context, id: string | undefined): Promise<MockRecord> {
  if (!id || !SHORT_ID.test(id)) invalid();
  const mock = await ctx.services.store.getMock(ctx.group, id);
  if (!mock) throw new UserError("This answer is no longer open for review.");
  if (mock.author === ctx.actor.id)
    throw new UserError("You can't review your own answer. Ask a peer to press Review.");
  return mock;
}

export function rubricForm(mock: MockRecord): Form {
  const criteria = RUBRICS[mock.kind];
  return {
    action: actionId(REVIEW_FORM, mock.id),
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

export async function openReview(ctx: Context, parts: string[]): Promise<void> {
  if (parts.length !== 1) invalid();
  const mock = await requireReviewable(ctx, parts[0]);
  if (mock.reviewers?.includes(ctx.actor.id)) throw new UserError("You have already reviewed this answer.");
  await ctx.openForm(rubricForm(mock));
}

function readScores(mock: MockRecord, values: Record<string, string>): Record<string, number> {
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

/** Records a review once, posts it in the answer's thread, and shows the averages from the second review on. */
export async function submitReview(
  ctx: Context,
  parts: string[],
  values: Record<string, string>,
): Promise<void> {
  if (parts.length !== 1) invalid();
  const mock = await requireReviewable(ctx, parts[0]);
  const scores = readScores(mock, values);
  const { store, scoring } = ctx.services;
  const settings = await ctx.settings();
  const review: Review = {
    reviewer: ctx.actor.id,
    reviewerName: ctx.actor.name,
    scores,
    comment: (values.comment ?? "").trim(),
  };
  const result = await store.addReview(ctx.group, mock.id, review, creditFor(ctx.actor, ctx.now, settings), {
    points: scoring.reviewPoints,
    perDay: scoring.reviewsPerDay,
  });
  if (result.status === "already") throw new UserError("You have already reviewed this answer.");
  if (result.status === "own") throw new UserError("You can't review your own answer.");
  if (result.status === "missing") throw new UserError("This answer is no longer open for review.");
  const post = (message: Message) => ctx.postToThread(mock.thread, message);
  await post({
    blocks: [
      {
        type: "text",
        text: `**Review by ${ctx.actor.name}**: ${scoreLine(scores)}${review.comment ? `\n${review.comment}` : ""}`,
      },
    ],
  });
  if (result.reviews.length >= 2) {
    const avg = scoreLine(averages(result.reviews));
    const summary = `Averages after ${result.reviews.length} reviews: ${avg}`;
    await post({
      blocks: [
        {
          type: "text",
          text: `**${mock.authorName}**, your ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`,
        },
      ],
    });
    if (mock.message) {
      const answer = JSON.parse(mock.body) as Answer;
      await ctx.edit(mock.message, answerMessage(mock, answer, summary));
    }
  }
  const earned =
    result.points > 0
      ? `+${result.points} points`
      : `no points: reviews earn points ${scoring.reviewsPerDay} times a day, and this one still counts for your streak`;
  await ctx.replyPrivately(ctx.text(`Thanks! Your review is posted (${earned}).`));
}

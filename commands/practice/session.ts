import type { AppContext } from "../../src/app/app-context.ts";
import { creditFor } from "../../src/app/credit.ts";
import { ownTopics, questionOfGroup, questionsOfGroup } from "../../src/app/own-questions.ts";
import type { Question } from "../../src/content/model.ts";
import { cmd } from "../../src/core/command-token.ts";
import { UserError } from "../../src/core/errors.ts";
import { shortId } from "../../src/core/ids.ts";
import { optionOrder } from "../../src/domain/option-order.ts";
import { practiceReward } from "../../src/domain/scoring.ts";
import type { PracticeSession } from "../../src/store/store.ts";
import { pickPractice } from "./pick.ts";
import { practiceFeedbackMessage, practiceQuestionMessage, practiceSummaryMessage } from "./view.ts";

/** A session left alone this long is forgotten. */
const SESSION_TTL_SECONDS = 2 * 3600;

function requirePrivate(ctx: AppContext): void {
  if (!ctx.event.capabilities.privateReplies)
    throw new UserError(
      "practice-needs-private-replies",
      `Practice is private, and this platform cannot show a message to you alone. Use ${cmd("quiz")} for a group round instead.`,
    );
}

/** A question of the session: shipped, or from the group's own bank. */
function findQuestion(ctx: AppContext, id: string | undefined): Promise<Question | undefined> {
  if (!id) return Promise.resolve(undefined);
  return questionOfGroup(ctx.services.store, ctx.services.content.questions, ctx.group, id);
}

async function questionOf(ctx: AppContext, id: string | undefined): Promise<Question> {
  const question = await findQuestion(ctx, id);
  if (!question)
    throw new UserError(
      "practice-question-gone",
      `That question is no longer in the bank. Start again with ${cmd("practice")}.`,
    );
  return question;
}

async function showStep(ctx: AppContext, session: PracticeSession, known?: Question): Promise<void> {
  const question = known ?? (await questionOf(ctx, session.questions[session.step]));
  const cards = await ctx.services.store.memoryCards(ctx.group, ctx.actor.id);
  await ctx.replyPrivately(
    practiceQuestionMessage(ctx.services.content, question, session, cards.has(question.id)),
    "none",
  );
}

export async function startPractice(ctx: AppContext, topicInput: string | undefined): Promise<void> {
  requirePrivate(ctx);
  const { content, store } = ctx.services;
  const topic = topicInput ? await findTopic(ctx, topicInput) : undefined;
  const settings = await ctx.settings();
  const [cards, due, all] = await Promise.all([
    store.memoryCards(ctx.group, ctx.actor.id),
    store.dueQuestions(ctx.group, ctx.actor.id, ctx.now, 100),
    questionsOfGroup(store, content.questions, ctx.group),
  ]);
  const questions = pickPractice(content, all, settings, cards, due, topic, ctx.now);
  if (questions.length === 0)
    throw new UserError(
      "practice-nothing",
      topic
        ? `Nothing to practise on that topic right now: nothing is due and you have seen every question. Try another topic.`
        : "Nothing to practise right now: nothing is due and you have seen every question.",
    );
  const first = await questionOf(ctx, questions[0]);
  const session: PracticeSession = {
    id: shortId(),
    questions,
    step: 0,
    order: optionOrder(first),
    answered: false,
    right: 0,
  };
  await store.startPractice(ctx.group, ctx.actor.id, session, SESSION_TTL_SECONDS);
  await showStep(ctx, session, first);
}

/** A topic of the shipped bank (by id or title) or of the group's own. */
async function findTopic(ctx: AppContext, input: string): Promise<string> {
  const wanted = input.trim().toLowerCase();
  for (const [id, file] of ctx.services.content.topics)
    if (id === wanted || file.title.toLowerCase() === wanted) return id;
  const own = (await ownTopics(ctx.services.store, ctx.group)).map((t) => t.topic);
  const found = own.find((t) => t.toLowerCase() === wanted);
  if (found) return found;
  const known = [...new Set([...ctx.services.content.topics.keys(), ...own])].sort().join(", ");
  throw new UserError("unknown-topic", `There is no practice topic "${input}". Topics: ${known}.`);
}

async function currentSession(ctx: AppContext, sessionId: string): Promise<PracticeSession> {
  const session = await ctx.services.store.practiceSession(ctx.group, ctx.actor.id);
  if (session?.id !== sessionId)
    throw new UserError(
      "practice-ended",
      `This practice session has ended. Start a new one with ${cmd("practice")}.`,
    );
  return session;
}

export async function answerPractice(
  ctx: AppContext,
  [sessionId, step, choice]: [string, number, number],
): Promise<void> {
  requirePrivate(ctx);
  const session = await currentSession(ctx, sessionId);
  if (session.step !== step || session.answered)
    throw new UserError(
      "practice-answered",
      "You have answered that question already; carry on with the newest one.",
    );
  const question = await questionOf(ctx, session.questions[step]);
  if (choice >= question.options.length)
    throw new UserError("practice-bad-option", "That option is not part of the question.");
  const correct =
    session.order.length > 0 ? session.order[choice] === question.answer : choice === question.answer;
  const { store, groups, scoring } = ctx.services;
  const calendar = groups.calendarHint(ctx.group) ?? (await ctx.settings());
  const result = await store.answerPractice(
    ctx.group,
    ctx.actor.id,
    { sessionId, step, questionId: question.id, correct, at: ctx.now },
    creditFor(ctx.actor, ctx.now, calendar),
    practiceReward(scoring),
  );
  if (result.status !== "answered")
    throw new UserError(
      "practice-answered",
      "You have answered that question already; carry on with the newest one.",
    );
  await ctx.replyPrivately(practiceFeedbackMessage(question, session, choice, result.points), "none");
}

export async function nextPractice(ctx: AppContext, [sessionId, step]: [string, number]): Promise<void> {
  requirePrivate(ctx);
  const session = await currentSession(ctx, sessionId);
  const nextId = session.questions[step + 1];
  const next = await findQuestion(ctx, nextId);
  const order = next ? optionOrder(next) : [];
  const moved = await ctx.services.store.advancePractice(ctx.group, ctx.actor.id, sessionId, step, order);
  if (moved === "finished") return stopPractice(ctx, [sessionId]);
  if (moved !== "moved")
    throw new UserError(
      "practice-answered",
      "That question has moved on already; carry on with the newest one.",
    );
  await showStep(ctx, { ...session, step: step + 1, order, answered: false }, next);
}

export async function stopPractice(ctx: AppContext, [sessionId]: [string]): Promise<void> {
  requirePrivate(ctx);
  const ended = await ctx.services.store.endPractice(ctx.group, ctx.actor.id, sessionId);
  if (!ended)
    throw new UserError(
      "practice-ended",
      `This practice session has ended. Start a new one with ${cmd("practice")}.`,
    );
  await ctx.replyPrivately(practiceSummaryMessage(ended), "none");
}

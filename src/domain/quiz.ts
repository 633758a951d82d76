import type { Content, Question } from "../content/loader.ts";
import { actionId } from "../core/command.ts";
import type { Context } from "../core/context.ts";
import { UserError, unknownAction } from "../core/errors.ts";
import { SHORT_ID, shortId } from "../core/ids.ts";
import type { Block, Message } from "../core/model.ts";
import type { Services } from "../core/services.ts";
import type { ClosedRound, RoundRecord } from "../store/store.ts";
import { creditFor } from "./credit.ts";
import { placeOfGroup } from "../core/group-key.ts";
import type { GroupSettings } from "./groups.ts";
import { dayOfPlan, planPosition } from "./plan-day.ts";

export const ANSWER_ACTION = "q.a";
export const CLOSE_ACTION = "q.x";
/** How long to wait before trying again to publish a result that no platform accepted. */
const REPUBLISH_DELAY_MS = 30_000;
/** A round's keys outlive its close by this long, so late clicks get "closed" rather than "unknown". */
const ROUND_GRACE_SECONDS = 3600;
const LETTERS = ["A", "B", "C", "D", "E"];
/** The shortest button label limit of the platforms we render to (Slack, 75). */
const BUTTON_LABEL_MAX = 75;

export function optionLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

export function topicTitle(content: Content, topic: string): string {
  return content.topics.get(topic)?.title ?? topic;
}

/** Finds a topic by id or title, case-insensitively; unknown topics get a list of the known ones. */
export function resolveTopic(content: Content, input: string): string {
  const wanted = input.trim().toLowerCase();
  for (const [id, file] of content.topics) {
    if (id === wanted || file.title.toLowerCase() === wanted) return id;
  }
  const known = [...content.topics.keys()].sort().join(", ");
  throw new UserError(`There is no quiz topic "${input}". Topics: ${known}.`);
}

/**
 * A question for the group: from the topic when one is given, else one that trains today's plan day,
 * else any. Questions asked recently in the group are avoided while others remain.
 */
export function pickQuestion(
  content: Content,
  settings: GroupSettings,
  now: number,
  topic: string | undefined,
  recent: readonly string[],
  random: () => number = Math.random,
): Question {
  const all = [...content.questions.values()];
  let pool = topic ? all.filter((q) => q.topic === topic) : [];
  if (!topic) {
    const plan = content.plans.get(settings.plan);
    const position = plan && planPosition(plan, settings, now);
    if (plan && position?.status === "active") {
      const today = dayOfPlan(plan, position.day);
      const tags = new Set(today?.tags ?? []);
      pool = all.filter((q) => q.days[plan.id]?.includes(position.day) || q.tags.some((t) => tags.has(t)));
    }
    if (pool.length === 0) pool = all;
  }
  const recentSet = new Set(recent);
  const fresh = pool.filter((q) => !recentSet.has(q.id));
  const choices = fresh.length > 0 ? fresh : pool;
  const question = choices[Math.floor(random() * choices.length)];
  if (!question) throw new UserError("There are no questions for that topic yet.");
  return question;
}

function optionLines(question: Question, marks?: (index: number) => string): string {
  return question.options
    .map((o, i) => `${marks ? marks(i) : ""}**${optionLetter(i)}.** ${o.text}`)
    .join("\n");
}

function optionLabel(index: number, text: string): string {
  const label = `${optionLetter(index)} · ${text}`;
  return label.length <= BUTTON_LABEL_MAX ? label : optionLetter(index);
}

export function questionMessage(
  content: Content,
  question: Question,
  round: RoundRecord,
  starterName: string,
): Message {
  const seconds = Math.round((round.closesAt - round.startedAt) / 1000);
  return {
    blocks: [
      { type: "header", text: `Quiz · ${topicTitle(content, question.topic)} · ${question.difficulty}` },
      { type: "text", text: question.question },
      { type: "text", text: optionLines(question) },
      {
        type: "buttons",
        buttons: question.options.map((o, i) => ({
          action: actionId(ANSWER_ACTION, round.id, i),
          label: optionLabel(i, o.text),
          style: "primary",
        })),
      },
      {
        type: "buttons",
        buttons: [{ action: actionId(CLOSE_ACTION, round.id), label: "Close round", style: "secondary" }],
      },
      {
        type: "context",
        text: `One answer each, first click counts · closes in ${seconds} s · started by ${starterName}`,
      },
    ],
    fallback: `Quiz (${topicTitle(content, question.topic)}): ${question.question}`,
  };
}

export function resultsMessage(content: Content, closed: ClosedRound): Message {
  const question = content.questions.get(closed.round.questionId);
  if (!question) {
    return {
      blocks: [{ type: "text", text: "This quiz round has closed (its question is no longer in the bank)." }],
    };
  }
  // The answer the points were scored against, even if the bank has changed since the round began.
  const answer = closed.round.answer;
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
    { type: "text", text: optionLines(question, (i) => (i === answer ? "✅ " : "▫️ ")) },
    { type: "section", title: `The answer is ${letter}`, text: question.explanation },
    { type: "section", title: `Got it right: ${right.length} of ${total}`, text: winners },
    { type: "context", text: "Start another round with /quiz" },
  ];
  return {
    blocks,
    fallback: `Quiz closed. The answer was ${letter}: ${question.options[answer]?.text ?? ""}`,
  };
}

export async function startRound(ctx: Context, topicInput: string | undefined): Promise<void> {
  const { content, store } = ctx.services;
  const settings = await ctx.settings();
  const topic = topicInput ? resolveTopic(content, topicInput) : undefined;
  const recent = await store.recentQuestions(ctx.group);
  const question = pickQuestion(content, settings, ctx.now, topic, recent);
  const round: RoundRecord = {
    id: shortId(),
    questionId: question.id,
    answer: question.answer,
    optionCount: question.options.length,
    startedBy: ctx.actor.id,
    startedAt: ctx.now,
    closesAt: ctx.now + settings.quizSeconds * 1000,
    timezone: settings.timezone,
  };
  await store.createRound(ctx.group, round, settings.quizSeconds + ROUND_GRACE_SECONDS);
  // Edited with the result when the round closes, which may be an hour away.
  const ref = await ctx.reply(questionMessage(content, question, round, ctx.actor.name), { lasting: true });
  if (ref) await store.setRoundMessage(ctx.group, round.id, ref);
  ctx.services.scheduleRoundClose(ctx.group, round.id, round.closesAt);
}

function parseAnswerParts(parts: string[]): { roundId: string; choice: number } {
  const [roundId, choiceText] = parts;
  const choice = Number(choiceText);
  if (!roundId || !SHORT_ID.test(roundId) || !Number.isInteger(choice) || choice < 0 || parts.length !== 2) {
    throw unknownAction();
  }
  return { roundId, choice };
}

export async function answerRound(ctx: Context, parts: string[]): Promise<void> {
  const { roundId, choice } = parseAnswerParts(parts);
  const { store, groups } = ctx.services;
  const calendar = groups.calendarHint(ctx.group) ?? (await ctx.settings());
  let result = await store.answerRound(
    ctx.group,
    roundId,
    choice,
    ctx.now,
    creditFor(ctx.actor, ctx.now, calendar),
  );
  if (result.status === "wrong-zone") {
    // The round counts days in the zone it started in; retry once with it.
    groups.rememberZone(ctx.group, result.timezone);
    const inRoundZone = { ...calendar, timezone: result.timezone };
    result = await store.answerRound(
      ctx.group,
      roundId,
      choice,
      ctx.now,
      creditFor(ctx.actor, ctx.now, inRoundZone),
    );
  }
  switch (result.status) {
    case "accepted":
      await ctx.replyPrivately(
        ctx.text(
          `Your answer **${optionLetter(choice)}** is locked in. The answer is revealed when the round closes.`,
        ),
      );
      return;
    case "already":
      await ctx.replyPrivately(
        ctx.text(
          `You already answered this one (**${optionLetter(result.choice)}**). Only your first answer counts.`,
        ),
      );
      return;
    case "closed":
      await closeRound(ctx.services, ctx.group, roundId);
      await ctx.replyPrivately(
        ctx.text("This round has closed, so that answer was not counted. Start a new one with /quiz."),
      );
      return;
    default:
      await ctx.replyPrivately(
        ctx.text("This quiz round has expired or does not exist. Start a new one with /quiz."),
      );
  }
}

/** The starter's (or an organizer's) "Close round" button. */
export async function closeRoundByButton(ctx: Context, parts: string[]): Promise<void> {
  const [roundId] = parts;
  if (!roundId || parts.length !== 1 || !SHORT_ID.test(roundId)) {
    throw unknownAction();
  }
  const round = await ctx.services.store.getRound(ctx.group, roundId);
  if (!round) throw new UserError("This quiz round has expired or does not exist.");
  if (round.startedBy !== ctx.actor.id && !(await ctx.isOrganizer())) {
    throw new UserError("Only the member who started this round, or an organizer, can close it early.");
  }
  const closed = await ctx.services.store.closeRound(ctx.group, roundId);
  if (!closed) throw new UserError("This round is already closed.");
  await ctx.update(resultsMessage(ctx.services.content, closed));
}

/**
 * Closes a round whose time is up and shows its result in place of the question. Safe to call from
 * every process: only the first to close it publishes.
 */
export async function closeRound(services: Services, group: string, roundId: string): Promise<boolean> {
  const closed = await services.store.closeRound(group, roundId);
  if (!closed) return false;
  const message = resultsMessage(services.content, closed);
  const ref = closed.round.message;
  const outbox = ref && services.outboxes.get(ref.platform);
  if (!ref || !outbox) {
    services.log.warn({ group, roundId }, "closed a quiz round with no message to update");
    return true;
  }
  try {
    await outbox.edit(ref, message);
  } catch (err) {
    services.log.warn({ err, group, roundId }, "could not edit the quiz message; posting the result instead");
    try {
      await outbox.post(placeOfGroup(group), message);
    } catch (postErr) {
      // Nobody has seen the result: reopen the round for the sweep to publish later. Clicks stay
      // refused, since the round is past its closing time.
      await services.store.reopenRound(group, roundId, services.clock.now() + REPUBLISH_DELAY_MS);
      throw postErr;
    }
  }
  return true;
}

import { days as dayCount } from "../../src/app/credit.ts";
import { cmd } from "../../src/core/command-token.ts";
import type { Block, Message } from "../../src/core/model.ts";
import { formatDay } from "../../src/domain/calendar.ts";
import { type GroupWeek, type MemberWeek, percent } from "./week.ts";

export interface MemberDigestFacts {
  channel: string;
  /** The first and last local dates the digest covers. */
  from: string;
  to: string;
  week: MemberWeek;
  /** Other study actions: check-ins, mock answers and reviews are counted all-time only; days studied this week. */
  streak: number;
  best: number;
  dueReviews?: number;
  /** Weakest topics as the member's own memory knows them, when kept; else the week's answers tell. */
  weakest?: string[];
  freezes?: number;
  stopAction: string;
}

const span = (from: string, to: string) => `${formatDay(from)} – ${formatDay(to)}`;

/** A member's private summary of their week in one group. */
export function memberDigestMessage(f: MemberDigestFacts): Message {
  const { week } = f;
  const fields = [
    {
      label: "Quiz answers",
      value: week.answers > 0 ? `${week.answers} (${week.correct} right, ${percent(week)})` : "none",
      inline: true,
    },
    { label: "Streak", value: `${dayCount(f.streak)} (best ${dayCount(f.best)})`, inline: true },
  ];
  if (f.dueReviews !== undefined)
    fields.push({ label: "Reviews due", value: String(f.dueReviews), inline: true });
  if (f.freezes !== undefined)
    fields.push({ label: "Streak freezes", value: String(f.freezes), inline: true });
  const blocks: Block[] = [
    { type: "header", text: "📬 Your week" },
    { type: "context", text: `In <#${f.channel}>, ${span(f.from, f.to)}` },
    { type: "section", fields },
  ];
  if (week.byTopic.length > 0)
    blocks.push({
      type: "section",
      title: "Accuracy by topic",
      text: week.byTopic.map((t) => `- \`${t.topic}\`: ${t.correct}/${t.answers} (${percent(t)})`).join("\n"),
    });
  const weakest = f.weakest ?? week.weakest;
  if (weakest.length > 0)
    blocks.push({
      type: "section",
      title: "Weakest topics",
      text: `${weakest.map((t) => `\`${t}\``).join(", ")}: try ${cmd("quiz", weakest[0])} next.`,
    });
  else if (week.answers === 0)
    blocks.push({
      type: "text",
      text: `No quiz answers this week: ${cmd("quiz")} in the channel starts a round.`,
    });
  blocks.push(
    { type: "context", text: `${cmd("digest", "off")} in the channel stops these too.` },
    { type: "buttons", buttons: [{ action: f.stopAction, label: "Stop weekly digest", style: "danger" }] },
  );
  return {
    blocks,
    fallback: `Your week: ${week.answers} quiz answers (${percent(week)} right), streak ${dayCount(f.streak)}`,
  };
}

export interface GroupDigestFacts {
  from: string;
  to: string;
  week: GroupWeek;
  /** Members with any study action in the week (quiz answers, check-ins, mock answers, reviews). */
  studied: number;
  /** A question's text to show, by id (its first words). */
  questionText(id: string): string;
  nameOf(memberId: string): string;
}

/** The channel's summary of the group's week. */
export function groupDigestMessage(f: GroupDigestFacts): Message {
  const { week } = f;
  const blocks: Block[] = [
    { type: "header", text: "📊 The week in review" },
    { type: "context", text: span(f.from, f.to) },
    {
      type: "section",
      fields: [
        { label: "Members who studied", value: String(f.studied), inline: true },
        { label: "Quiz answerers", value: String(week.answerers.size), inline: true },
        {
          label: "Quiz answers",
          value: week.answers > 0 ? `${week.answers} (${percent(week)} right)` : "none",
          inline: true,
        },
      ],
    },
  ];
  if (week.hardest.length > 0)
    blocks.push({
      type: "section",
      title: "Hardest questions",
      text: week.hardest
        .map((q) => `- ${f.questionText(q.questionId)}: ${q.correct}/${q.answers} right (${percent(q)})`)
        .join("\n"),
    });
  if (week.improvers.length > 0)
    blocks.push({
      type: "section",
      title: "Top improvers",
      text: week.improvers
        .map(
          (m) =>
            `- ${f.nameOf(m.memberId)}: ${Math.round(m.before * 100)}% → ${Math.round(m.after * 100)}% right`,
        )
        .join("\n"),
    });
  blocks.push({ type: "context", text: `${cmd("digest", "on")} sends you your own week in private.` });
  return {
    blocks,
    fallback: `The week in review: ${f.studied} members studied, ${week.answers} quiz answers`,
  };
}

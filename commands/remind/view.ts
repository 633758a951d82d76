import { cmd } from "../../src/core/command-token.ts";
import type { Message } from "../../src/core/model.ts";

export interface ReminderFacts {
  channel: string;
  /** The member's streak, alive until tonight when they have not studied yet. */
  streak: number;
  /** Streak freezes held: with one, a day without study spends it rather than ending the run. */
  freezes?: number;
  dueReviews?: number;
  time: string;
  timezone: string;
  stopAction: string;
}

function reviews(n: number): string {
  return n === 1 ? "1 review is due" : `${n} reviews are due`;
}

/** The private nudge on a day the member has not studied yet, with a button to stop them. */
export function reminderMessage(facts: ReminderFacts): Message {
  const where = `<#${facts.channel}>`;
  const held = facts.freezes ?? 0;
  const lead =
    facts.streak > 0 && held > 0
      ? `You haven't studied in ${where} today: tonight your ${facts.streak}-day streak spends a freeze (${held} held)`
      : facts.streak > 0
        ? `Your ${facts.streak}-day streak in ${where} ends tonight`
        : `You haven't studied in ${where} today yet`;
  const due = facts.dueReviews ? `; ${reviews(facts.dueReviews)}` : "";
  return {
    blocks: [
      { type: "header", text: "⏰ Time to study" },
      { type: "text", text: `${lead}${due}.` },
      {
        type: "context",
        text: `A quiz answer, ${cmd("daily")}'s Done or a ${cmd("mock")} answer counts. You get this at ${facts.time} (${facts.timezone}) on days you have not studied yet; ${cmd("remind", "off")} in the channel stops it too.`,
      },
      {
        type: "buttons",
        buttons: [{ action: facts.stopAction, label: "Stop reminders", style: "danger" }],
      },
    ],
    fallback: `${lead}${due}.`,
  };
}

/** What a platform's members do to let the bot write to them. */
const OPEN_DMS: Record<string, string> = {
  discord: "To open them, turn on Direct Messages in this server's Privacy Settings. ",
};

/**
 * Told once, privately in the group's channel, when a reminder or digest could not reach the member:
 * both are turned off until they open their direct messages and ask again.
 */
export function directClosedMessage(platform: string): Message {
  const platformHint = OPEN_DMS[platform] ?? "";
  return {
    blocks: [
      {
        type: "text",
        text: `I couldn't send you your reminder or weekly digest: the platform won't let me send you direct messages. I've turned both off. ${platformHint}Then ask again with ${cmd("remind", "at 19:30")} or ${cmd("digest", "on")}.`,
      },
    ],
  };
}

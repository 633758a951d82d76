import { createHash } from "node:crypto";
import type { PlatformHost } from "../../platform/descriptor.ts";

/**
 * Slack's documented limits for the calls the outbox makes, per app and workspace: chat.postMessage
 * about 1 a second per channel, chat.update Tier 3 (50+ a minute per workspace).
 */
export const SLACK_RATES = { postMessage: 1, update: 50 / 60 } as const;

/** Waits for the shared budget of each call before it goes out. */
export interface SlackPacing {
  beforePost(channel: string): Promise<void>;
  beforeUpdate(): Promise<void>;
}

/** One bot token is one app's installation in one workspace, so it names the workspace's budgets. */
export function slackPacing(host: Pick<PlatformHost, "rateBudget">, token: string): SlackPacing {
  const workspace = `slack:${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;
  const update = host.rateBudget(`${workspace}:chat.update`, SLACK_RATES.update);
  return {
    beforePost: (channel) =>
      host.rateBudget(`${workspace}:chat.postMessage:${channel}`, SLACK_RATES.postMessage).take(),
    beforeUpdate: () => update.take(),
  };
}

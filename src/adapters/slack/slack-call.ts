import type { ModalView } from "@slack/types";
import type { Logger } from "pino";
import { DirectMessagesClosed, PlatformRefusal, UserError } from "../../core/errors.ts";
import type { Form, Message } from "../../core/model.ts";
import type { PlatformMetrics } from "../../platform/descriptor.ts";
import { SLACK } from "./normalize.ts";
import type { SlackMessage } from "./render.ts";

const CHANNEL_PROBLEMS: Record<string, string> = {
  not_in_channel: "I'm not in this channel yet. Invite me with /invite, then try again.",
  channel_not_found:
    "I can't see this conversation. In a channel, invite me with /invite, then try again; direct messages can't hold a study group.",
  is_archived: "This channel is archived, so I can't post here.",
  restricted_action: "This workspace doesn't let me post in this channel.",
};
/**
 * Slack's answers to a direct message the member cannot get: conversations.open for a deactivated
 * (user_disabled), unknown or hidden member (user_not_found, user_not_visible, a guest restriction),
 * and chat.postMessage when the app's Messages tab is off (messages_tab_disabled).
 */
const DIRECT_PROBLEMS = new Set([
  "user_disabled",
  "user_not_found",
  "user_not_visible",
  "cannot_dm_bot",
  "messages_tab_disabled",
]);
/** A trigger_id is good for 3 s and one views.open: a slow answer can miss it, and trying again works. */
const TRIGGER_PROBLEMS = new Set(["expired_trigger_id", "exchanged_trigger_id"]);
const AUTH_PROBLEMS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive",
  "token_expired",
]);

function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/**
 * Runs a Web API call; Slack's `ok: false` answers that a member or organizer can act on become a
 * PlatformRefusal with a clear message, and every one is logged with its code. Rate limits are retried by
 * the WebClient itself (it waits for Retry-After), so they never reach here.
 */
export interface SlackOps {
  log: Logger;
  metrics: PlatformMetrics;
  /** Renders a neutral message for this workspace (command names as members type them here). */
  render: (message: Message, maxBlocks?: number) => SlackMessage;
  /** Renders a neutral form as a modal for this workspace, the same way; `metadata` travels back. */
  renderForm: (form: Form, metadata: string) => ModalView;
}

export async function slackCall<T>(
  ops: SlackOps,
  method: string,
  call: () => Promise<T>,
  /** A call that reaches a member in private: their refusals mean DMs closed to the bot. */
  to?: "direct",
): Promise<T> {
  const { log, metrics } = ops;
  try {
    return await call();
  } catch (err) {
    const code = slackErrorCode(err);
    metrics.platformErrors.inc({ platform: SLACK, code: code ?? "request_failed" });
    if (code && CHANNEL_PROBLEMS[code]) {
      log.warn({ method, code }, "slack refused a call");
      throw new PlatformRefusal(`slack-${code}`, CHANNEL_PROBLEMS[code], { cause: err });
    }
    if (code && TRIGGER_PROBLEMS.has(code)) {
      log.warn({ method, code }, "slack refused a call");
      throw new UserError(
        "slack-form-expired",
        "Slack gives me 3 seconds to open a form, and this one took longer. Please try again.",
      );
    }
    if (code && DIRECT_PROBLEMS.has(code) && to === "direct") {
      log.warn({ method, code }, "slack refused a direct message");
      throw new DirectMessagesClosed(`slack-${code}`, { cause: err });
    }
    if (code === "missing_scope" && method === "conversations.open") {
      log.error({ method, code }, "slack app lacks a scope");
      throw new PlatformRefusal(
        "slack-missing_scope",
        "The Slack app lacks the im:write scope it needs for direct messages: an organizer needs to reinstall it from the current manifest.",
        { cause: err },
      );
    }
    if (code === "missing_scope") {
      const needed = (err as { data?: { needed?: unknown } }).data?.needed;
      log.error({ method, code, needed }, "slack app lacks a scope");
      throw new PlatformRefusal(
        "slack-missing_scope",
        `The Slack app lacks a permission it needs (${typeof needed === "string" ? needed : method}). An organizer needs to reinstall it from the current manifest.`,
        { cause: err },
      );
    }
    if (code && AUTH_PROBLEMS.has(code)) {
      log.error({ method, code }, "slack token rejected");
      throw new PlatformRefusal(
        `slack-${code}`,
        `Slack rejected the bot's token (${code}). An organizer needs to reinstall the app.`,
        { cause: err },
      );
    }
    throw err;
  }
}

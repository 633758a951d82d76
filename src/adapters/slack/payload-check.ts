import { parse as parseQuery } from "node:querystring";
import { z } from "zod";
import { blockActionsBody, blockSuggestionBody, slashCommandBody, viewSubmissionBody } from "./normalize.ts";

/**
 * What to do with a signed request before Bolt sees it: hand it on, acknowledge and ignore it (a
 * well-formed event the bot does not listen to), or refuse it with 400.
 */
export type PayloadCheck = { to: "bolt" } | { to: "ignore"; why: string } | { to: "refuse"; why: string };

const FORM = "application/x-www-form-urlencoded";

const appHomeOpened = z.object({
  type: z.literal("event_callback"),
  team_id: z.string().min(1),
  authorizations: z.array(z.object({ team_id: z.string().nullish() })).optional(),
  event: z.object({
    type: z.literal("app_home_opened"),
    user: z.string().min(1),
    tab: z.string(),
    channel: z.string().optional(),
  }),
});
const otherEvent = z.object({
  type: z.literal("event_callback"),
  event: z.object({ type: z.string() }),
});

/**
 * How Bolt reads a body (HTTPModuleFunctions.parseHTTPRequestBody): a form's `payload` as JSON, a form
 * without one as its fields, anything else as JSON; and which of the three ways it came.
 */
function asBoltReadsIt(
  body: Buffer,
  contentType: string | undefined,
): { parsed: unknown; transport: "json" | "payload" | "fields" } {
  const text = body.toString("utf8");
  if (contentType !== FORM) return { parsed: JSON.parse(text), transport: "json" };
  const fields = parseQuery(text);
  return typeof fields.payload === "string"
    ? { parsed: JSON.parse(fields.payload), transport: "payload" }
    : { parsed: { ...fields }, transport: "fields" };
}

/** Which listener kind Bolt routes a body to (helpers.getTypeAndConversation), by the fields it has. */
function boltKind(body: Record<string, unknown>): string | undefined {
  if (body.event !== undefined) return "event";
  if (body.command !== undefined) return "command";
  if (body.name !== undefined || body.type === "block_suggestion") return "options";
  if (body.actions !== undefined || body.type === "dialog_submission") return "action";
  if (body.type === "shortcut" || body.type === "message_action") return "shortcut";
  if (body.type === "view_submission" || body.type === "view_closed") return "view";
  return undefined;
}

function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : "malformed";
}

/**
 * Checks a signed Slack request against what the bot's listeners and Bolt's routing read, so that a
 * malformed one (an actions entry that is not an object, a callback_id that is not a string, no user)
 * is refused with 400 before Bolt can throw on it or leave it unacknowledged.
 */
export function checkPayload(body: Buffer, contentType: string | undefined): PayloadCheck {
  let read: ReturnType<typeof asBoltReadsIt>;
  try {
    read = asBoltReadsIt(body, contentType);
  } catch {
    return { to: "refuse", why: "the body is not JSON" };
  }
  const { parsed, transport } = read;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    return { to: "refuse", why: "the payload is not an object" };
  const b = parsed as Record<string, unknown>;
  const kind = boltKind(b);
  // Slack sends each kind one way: slash commands as form fields, interactions as a form's payload,
  // Events API callbacks as JSON. Bolt would take any of them any way.
  const expected =
    kind === "command" ? "fields" : kind === "event" || kind === undefined ? "json" : "payload";
  if (transport !== expected && !(kind === undefined && b.ssl_check === "1"))
    return { to: "refuse", why: `${kind ?? String(b.type ?? "a body")} sent as ${transport}` };
  const check = (schema: z.ZodType): PayloadCheck => {
    const result = schema.safeParse(b);
    return result.success ? { to: "bolt" } : { to: "refuse", why: problem(result.error) };
  };
  if (kind === "command") return check(slashCommandBody);
  if (kind === "options") return b.type === "block_suggestion" ? check(blockSuggestionBody) : unhandled(b);
  if (kind === "action") return b.type === "block_actions" ? check(blockActionsBody) : unhandled(b);
  if (kind === "view") return b.type === "view_submission" ? check(viewSubmissionBody) : unhandled(b);
  if (kind === "event") {
    const home = appHomeOpened.safeParse(b);
    if (home.success) return { to: "bolt" };
    if (otherEvent.safeParse(b).success && (b.event as { type: string }).type !== "app_home_opened")
      return { to: "ignore", why: `event ${(b.event as { type: string }).type}` };
    return { to: "refuse", why: problem(home.error) };
  }
  if (kind === undefined && b.type === "url_verification" && typeof b.challenge === "string")
    return { to: "bolt" };
  if (kind === undefined && b.ssl_check === "1") return { to: "bolt" };
  return unhandled(b);
}

function unhandled(b: Record<string, unknown>): PayloadCheck {
  return { to: "refuse", why: `not a payload the bot handles (${String(b.type ?? "no type")})` };
}

import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { shortId } from "../../../src/core/ids.ts";
import type {
  Block,
  Capabilities,
  Message,
  MessageRef,
  Outbox,
  Place,
  Responder,
} from "../../../src/core/model.ts";
import { stripMarkdown } from "../../../src/core/plain-text.ts";
import { definePlatform, type PlatformHost } from "../../../src/platform/descriptor.ts";
import { envVar } from "../../../src/platform/env.ts";
import { readBody, sendJson } from "../../../src/platform/http-server.ts";

/**
 * A minimal third platform that lives only in the tests: plain-text messages with buttons, no private
 * replies, no forms, no threads. It proves that a platform is one folder plus one registry entry: it
 * registers itself with the same descriptor the real ones export, and runs the platform contract suite.
 */
export const LOOPBACK = "loopback";
export const LOOPBACK_EVENTS_PATH = "/loopback/events";
export const TEXT_MAX = 2000;

const CAPABILITIES: Capabilities = {
  privateReplies: false,
  forms: false,
  threads: false,
  editMessages: true,
  organizerByFirstSetup: true,
  organizers: "members the loopback calls admins",
};

const config = z.object({
  LOOPBACK_API_URL: envVar(z.url().optional()),
  LOOPBACK_SECRET: envVar(z.string().min(8).optional()),
});
type LoopbackConfig = z.output<typeof config>;

const inbound = z.object({
  kind: z.enum(["command", "button"]),
  workspace: z.string().min(1),
  channel: z.string().min(1),
  /** The channel's hook: every post to the channel names it, scheduled ones too (Place.route). */
  hook: z.string().min(1),
  user: z.object({ id: z.string().min(1), name: z.string(), admin: z.boolean().default(false) }),
  command: z.string().optional(),
  text: z.string().default(""),
  action: z.string().optional(),
  messageId: z.string().optional(),
});

function blockText(block: Block): string[] {
  switch (block.type) {
    case "header":
    case "text":
    case "context":
      return [block.text];
    case "section":
      return [block.title, block.text, ...(block.fields ?? []).map((f) => `${f.label}: ${f.value}`)].filter(
        (t): t is string => Boolean(t),
      );
    case "divider":
      return ["---"];
    case "buttons":
      return [];
  }
}

/** The loopback's wire format: the plain text members read and the buttons under it. */
export function renderLoopback(message: Message): {
  text: string;
  buttons: { action: string; label: string }[];
} {
  const buttons = message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
  return {
    text: stripMarkdown(message.blocks.flatMap(blockText).join("\n")),
    buttons: buttons.map((b) => ({ action: b.action, label: b.label })),
  };
}

class LoopbackApi implements Outbox {
  constructor(private readonly url: string) {}

  private async call(method: string, path: string, body: unknown): Promise<{ id?: string }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { id?: string; error?: string };
    if (!res.ok) throw new Error(`loopback ${method} ${path}: ${res.status} ${answer.error ?? ""}`);
    return answer;
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const { id = "" } = await this.call("POST", "/messages", {
      channel: place.channel,
      hook: place.route,
      ...renderLoopback(message),
    });
    return { platform: LOOPBACK, channel: place.channel, id };
  }

  async edit(ref: MessageRef, message: Message): Promise<void> {
    await this.call("PATCH", `/messages/${ref.id}`, renderLoopback(message));
  }
}

function unsupported(what: string): never {
  throw new Error(`the loopback platform has no ${what}`);
}

function sameSecret(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function startLoopback(host: PlatformHost, cfg: LoopbackConfig) {
  const api = new LoopbackApi(cfg.LOOPBACK_API_URL ?? "");
  host.connect(api);
  host.route("POST", LOOPBACK_EVENTS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    const secret = req.headers["x-loopback-secret"];
    if (!sameSecret(typeof secret === "string" ? secret : undefined, cfg.LOOPBACK_SECRET ?? "")) {
      sendJson(res, 401, { error: "bad secret" });
      return;
    }
    let parsed;
    try {
      parsed = inbound.safeParse(JSON.parse((await readBody(req)).toString("utf8")));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      sendJson(res, 400, { error: "not a loopback event" });
      return;
    }
    const e = parsed.data;
    const place: Place = { platform: LOOPBACK, workspace: e.workspace, channel: e.channel, route: e.hook };
    const clicked: MessageRef | undefined = e.messageId
      ? { platform: LOOPBACK, channel: e.channel, id: e.messageId }
      : undefined;
    const respond: Responder = {
      reply: (message) => api.post(place, message),
      replyPrivately: () => unsupported("private replies"),
      update: async (message) =>
        clicked ? api.edit(clicked, message) : void (await api.post(place, message)),
      openForm: () => unsupported("forms"),
      postInThread: () => unsupported("threads"),
    };
    const base = {
      id: shortId(10),
      actor: { id: e.user.id, name: e.user.name, isOrganizer: e.user.admin },
      place,
      capabilities: CAPABILITIES,
      respond,
    };
    sendJson(res, 200, { ok: true });
    if (e.kind === "command") {
      await host.bot.handle({
        ...base,
        kind: "command",
        command: e.command ?? "",
        args: { kind: "text", text: e.text },
      });
    } else {
      await host.bot.handle({ ...base, kind: "button", action: e.action ?? "", message: clicked });
    }
  });
  return { stop: async () => {} };
}

export const loopback = definePlatform({
  name: LOOPBACK,
  title: "Loopback",
  config,
  isConfigured: (c) => Boolean(c.LOOPBACK_API_URL),
  configProblem: (c) =>
    c.LOOPBACK_API_URL && !c.LOOPBACK_SECRET
      ? "LOOPBACK_SECRET is required with LOOPBACK_API_URL"
      : undefined,
  capabilities: CAPABILITIES,
  limits: { actionId: 100 },
  limitProblems: (message) => {
    const { text } = renderLoopback(message);
    return text.length > TEXT_MAX ? [`a text of ${text.length} characters is over ${TEXT_MAX}`] : [];
  },
  start: startLoopback,
});

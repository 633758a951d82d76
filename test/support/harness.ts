import { resolve } from "node:path";
import pino from "pino";
import { afterEach, inject } from "vitest";
import { type App, createApp } from "../../src/app.ts";
import { type Content, loadContent } from "../../src/content/loader.ts";
import type { Clock } from "../../src/core/clock.ts";
import { shortId } from "../../src/core/ids.ts";
import type {
  Form,
  Actor,
  Capabilities,
  DirectTarget,
  InboundEvent,
  Message,
  MessageRef,
  Outbox,
  Place,
} from "../../src/core/model.ts";
import { fallbackText, stripMarkdown } from "../../src/core/plain-text.ts";
import { DirectMessagesClosed } from "../../src/core/errors.ts";
import { DEFAULT_SCORING } from "../../src/domain/scoring.ts";
import { createRedisClient, RedisStore } from "../../src/store/redis-store.ts";
import type { Store } from "../../src/store/store.ts";

let contentCache: Content | undefined;
export function realContent(): Content {
  contentCache ??= loadContent(resolve("content"));
  return contentCache;
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
  set(iso: string): void {
    this.current = Date.parse(iso);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * A RedisStore on the test redis-server. Each store gets a key prefix of its own, so tests never see
 * each other's data, unless they share one on purpose (several bot processes on one Redis).
 */
export async function makeStore(prefix = `t${shortId(10)}`): Promise<RedisStore> {
  const redis = createRedisClient(inject("redisUrl"));
  await redis.connect();
  // The tests move a manual clock, so quiz rounds are timed by the instants the app passes.
  return new RedisStore(redis, { prefix, scoring: DEFAULT_SCORING, clock: "caller" });
}

export interface Delivered {
  kind: "reply" | "private" | "update" | "form" | "thread" | "post" | "edit" | "direct" | "ephemeral";
  actor?: string;
  message: Message;
  text: string;
  ref?: MessageRef;
}

export const FULL: Capabilities = {
  privateReplies: true,
  forms: true,
  threads: true,
  editMessages: true,
  directMessages: true,
};

/**
 * The platform side of the neutral contract for core tests: records everything the core sends, the
 * way an adapter would hand it to its platform.
 */
export class RecordingPlatform implements Outbox {
  readonly delivered: Delivered[] = [];
  readonly forms: { actor: string; form: Form }[] = [];
  /** Members whose direct messages are closed: sendDirect refuses them, as a platform would. */
  readonly closedDms = new Set<string>();
  /** Whether the platform can show a member a private message outside of an event (Slack can). */
  privateOutsideEvents = false;
  private counter = 0;

  constructor(readonly platform = "test") {}

  async sendDirect(to: DirectTarget, message: Message): Promise<MessageRef> {
    if (this.closedDms.has(to.memberId)) throw new DirectMessagesClosed("test-closed");
    const ref = { platform: this.platform, channel: `dm-${to.memberId}`, id: `m${++this.counter}` };
    this.record("direct", message, to.memberId, ref);
    return ref;
  }

  postPrivately?: (place: Place, memberId: string, message: Message) => Promise<void> = async (
    place,
    memberId,
    message,
  ) => {
    if (!this.privateOutsideEvents) throw new Error("no private messages outside of events here");
    this.record("ephemeral", message, memberId, { platform: this.platform, channel: place.channel, id: "" });
  };

  private record(kind: Delivered["kind"], message: Message, actor?: string, ref?: MessageRef) {
    this.delivered.push({
      kind,
      actor,
      message,
      text: `${fallbackText(message)}\n${blocksText(message)}`,
      ref,
    });
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const ref: MessageRef = { platform: this.platform, channel: place.channel, id: `m${++this.counter}` };
    if (place.thread) ref.thread = place.thread;
    this.record(place.thread ? "thread" : "post", message, undefined, ref);
    return ref;
  }

  async edit(ref: MessageRef, message: Message): Promise<void> {
    this.record("edit", message, undefined, ref);
  }

  event(
    actor: Actor,
    place: Place,
    body:
      | { kind: "command"; command: string; text?: string; values?: Record<string, unknown> }
      | { kind: "button"; action: string; message?: MessageRef }
      | { kind: "form"; action: string; values: Record<string, string> },
    capabilities: Capabilities = FULL,
  ): InboundEvent {
    const base = {
      id: shortId(10),
      actor,
      place,
      capabilities,
      respond: {
        reply: async (message: Message) => {
          const ref = { platform: this.platform, channel: place.channel, id: `m${++this.counter}` };
          this.record("reply", message, actor.id, ref);
          return ref;
        },
        replyPrivately: async (message: Message) => this.record("private", message, actor.id),
        update: async (message: Message) => this.record("update", message, actor.id),
        openForm: async (form: Form) => {
          this.forms.push({ actor: actor.id, form });
          this.record(
            "form",
            { blocks: [{ type: "text", text: `${form.title} [${form.action}]` }] },
            actor.id,
          );
        },
        postInThread: async (parent: MessageRef, message: Message) => {
          const ref = {
            platform: this.platform,
            channel: place.channel,
            id: `m${++this.counter}`,
            thread: parent.id,
          };
          this.record("thread", message, actor.id, ref);
          return ref;
        },
      },
    };
    if (body.kind === "command") {
      const args = body.values
        ? { kind: "named" as const, values: body.values }
        : { kind: "text" as const, text: body.text ?? "" };
      return { ...base, kind: "command", command: body.command, args };
    }
    if (body.kind === "button")
      return { ...base, kind: "button", action: body.action, message: body.message };
    return { ...base, kind: "form", action: body.action, values: body.values };
  }

  last(kind?: Delivered["kind"]): Delivered {
    const list = kind ? this.delivered.filter((d) => d.kind === kind) : this.delivered;
    const item = list[list.length - 1];
    if (!item) throw new Error(`nothing delivered${kind ? ` of kind ${kind}` : ""}`);
    return item;
  }

  clear(): void {
    this.delivered.length = 0;
  }
}

/** All text of a message's blocks without markdown, including button labels and action ids, for assertions. */
export function blocksText(message: Message): string {
  const text = message.blocks
    .map((b) => {
      if (b.type === "buttons") return b.buttons.map((x) => `[${x.label}|${x.action}]`).join(" ");
      if (b.type === "section")
        return [b.title, b.text, ...(b.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join("\n");
      if (b.type === "divider") return "";
      return b.text;
    })
    .join("\n");
  return stripMarkdown(text);
}

export function buttonsOf(message: Message) {
  return message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
}

export interface Harness {
  app: App;
  store: Store;
  clock: ManualClock;
  platform: RecordingPlatform;
  place: Place;
  member(name: string, isOrganizer?: boolean): Actor;
  submit(actor: Actor, action: string, values: Record<string, string>, place?: Place): Promise<Delivered>;
  command(actor: Actor, command: string, text?: string, place?: Place): Promise<Delivered>;
  click(actor: Actor, action: string, place?: Place): Promise<Delivered>;
  close(): Promise<void>;
}

export async function harness(
  options: {
    now?: string;
    timezone?: string;
    quizSeconds?: number;
    /** Share one Redis key space between harnesses, as several bot processes do. */
    prefix?: string;
    clock?: ManualClock;
    platform?: RecordingPlatform;
    /** The bank to quiz from; the shipped content when not given. */
    content?: Content;
  } = {},
): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(Date.parse(options.now ?? "2026-03-02T12:00:00Z"));
  const store = await makeStore(options.prefix);
  const platform = options.platform ?? new RecordingPlatform();
  const app = createApp({
    store,
    content: options.content ?? realContent(),
    log: pino({ level: "silent" }),
    clock,
    defaults: { timezone: options.timezone ?? "UTC", quizSeconds: options.quizSeconds ?? 60 },
  });
  app.connect(platform.platform, platform);
  const place: Place = { platform: platform.platform, workspace: "w1", channel: "c1" };
  const run = async (event: InboundEvent) => {
    const before = platform.delivered.length;
    await app.bot.handle(event);
    const after = platform.delivered.slice(before);
    const item = after[after.length - 1];
    if (!item) throw new Error("the bot delivered nothing");
    return item;
  };
  return {
    app,
    store,
    clock,
    platform,
    place,
    member: (name, isOrganizer = false) => ({ id: `u-${name}`, name, isOrganizer }),
    command: (actor, command, text = "", at = place) =>
      run(platform.event(actor, at, { kind: "command", command, text })),
    click: (actor, action, at = place) => run(platform.event(actor, at, { kind: "button", action })),
    submit: (actor, action, values, at = place) =>
      run(platform.event(actor, at, { kind: "form", action, values })),
    close: () => app.stop(),
  };
}

/**
 * For a describe block whose tests each make harnesses: gives the function that makes one, and
 * closes every harness it made after each test (one a test closed itself is not closed again).
 */
export function harnessesClosedAfterEach(): (options?: Parameters<typeof harness>[0]) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  return async (options = {}) => {
    const h = await harness(options);
    const close = h.close.bind(h);
    let closing: Promise<void> | undefined;
    h.close = () => (closing ??= close());
    open.push(h);
    return h;
  };
}

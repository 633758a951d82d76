import type { AppContext } from "../../../src/app/app-context.ts";
import type { Command } from "../../../src/core/command.ts";
import type { Capabilities } from "../../../src/core/model.ts";
import type { RunningBot } from "../../../src/start.ts";
import type { Recorded, StandIn } from "../../../testkit/stand-in.ts";
import type { ManualClock } from "../harness.ts";

export interface Member {
  id: string;
  name: string;
}

/** One thing the bot showed, read back from what it sent the platform's (stand-in) API. */
export interface Shown {
  /** Who sees it: the whole channel, the member alone in the channel, or the member in a direct message. */
  audience: "channel" | "member" | "direct";
  /** A new message, a message replaced in place, or a form opened for the member. */
  kind: "message" | "update" | "form";
  /** Every visible text of it, joined. */
  text: string;
  /** Its buttons' action ids, or the form's own action id. */
  actions: string[];
  /** A form's field ids. */
  fields: string[];
  /** Whether the platform would notify people mentioned in it (@everyone, a member, a channel). */
  pings?: boolean;
  /** The files that arrived with it, as the platform's API received them. */
  files?: ShownFile[];
}

/** A file a member attaches. */
export interface Attached {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface ShownFile {
  name: string;
  contentType: string;
  /** How many bytes the platform received. */
  bytes: number;
  /** The bytes themselves. */
  data: Buffer;
  /** Whether the message shows it as a picture (Discord's embed image, Slack's image block). */
  shownInline: boolean;
}

export interface DriverOptions {
  redisUrl: string;
  clock: ManualClock;
  /** Extra commands for the bot to serve (a command that fails on purpose). */
  commands?: readonly Command<AppContext>[];
}

/**
 * One registered platform driven through its real transport: signed requests into the bot's own
 * endpoint, and what the bot sent read back from the platform's stand-in API. The platform contract
 * suite runs the same scenarios through every driver.
 */
export interface PlatformDriver {
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly bot: RunningBot;
  /** The group the driver's channel is, as the store keys it. */
  readonly group: string;
  /** Members of the channel; `admin` is one the platform itself says may manage it. */
  readonly members: { alice: Member; bob: Member; carol: Member; admin: Member };
  /**
   * Runs a slash command with named arguments, and gives what the bot showed for it; `files` are
   * attached to file arguments where the platform's commands carry files.
   */
  command(
    who: Member,
    name: string,
    args?: Record<string, string>,
    files?: Record<string, Attached>,
  ): Promise<Shown[]>;
  click(who: Member, action: string): Promise<Shown[]>;
  /** Clicks a button on the latest direct message the bot sent the member, in that DM. */
  clickDirect(who: Member, action: string): Promise<Shown[]>;
  /** Makes the platform refuse the bot's direct messages to the member, as it documents. */
  closeDirectMessages(who: Member): void;
  /** Submits a form; `files` go in its file fields where the platform's forms take files. */
  submit(
    who: Member,
    action: string,
    values: Record<string, string>,
    files?: Record<string, Attached>,
  ): Promise<Shown[]>;
  /** What the bot sent on its own (a round closing, a daily post) since the last look. */
  sentOnItsOwn(): Promise<Shown[]>;
  stop(): Promise<void>;
}

export type DriverFactory = { name: string; start(options: DriverOptions): Promise<PlatformDriver> };

/** Every text value found in a JSON payload, in order (Block Kit, embeds, components). */
export function textsOf(value: unknown, keys: readonly string[]): string[] {
  if (typeof value === "string") return [];
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, keys));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    keys.includes(k) && typeof v === "string" ? [v] : textsOf(v, keys),
  );
}

/** Waits for the events the bot is handling, including ones whose request has just been answered. */
export async function settle(bot: RunningBot): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    await bot.app.bot.drain();
  }
}

/** The channel's members under the platform's ids: the scenarios call them by the same names everywhere. */
export function membersWithIds(
  alice: string,
  bob: string,
  carol: string,
  admin: string,
): PlatformDriver["members"] {
  return {
    alice: { id: alice, name: "Alice" },
    bob: { id: bob, name: "Bob" },
    carol: { id: carol, name: "Carol" },
    admin: { id: admin, name: "Ada" },
  };
}

/**
 * What every driver does the same way around its stand-in: `readBack()` gives what the bot sent the
 * API since the last look, as `shownByCall` reads each call; `sentOnItsOwn` and `stop` follow from it.
 */
export function aroundStandIn(
  bot: RunningBot,
  api: StandIn,
  shownByCall: (call: Recorded) => Shown | undefined,
) {
  let seen = api.requests.length;
  const readBack = (): Shown[] => {
    const calls = api.requests.slice(seen);
    seen = api.requests.length;
    return calls.map(shownByCall).filter((s): s is Shown => s !== undefined);
  };
  return {
    readBack,
    async sentOnItsOwn(): Promise<Shown[]> {
      await settle(bot);
      return readBack();
    },
    async stop(): Promise<void> {
      await bot.stop();
      await api.stop();
    },
  };
}

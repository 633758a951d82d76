import type { KeyObject } from "node:crypto";
import pino from "pino";
import { discord } from "../../../src/adapters/discord/index.ts";
import { readConfig } from "../../../src/config.ts";
import { shortId } from "../../../src/core/ids.ts";
import { startBot } from "../../../src/start.ts";
import { type DiscordStandIn, discordStandIn } from "../../../testkit/discord-api.ts";
import { CHANNEL, discordHttpEnv, GUILD, payload, testKeys } from "../../../testkit/discord-client.ts";
import type { Recorded } from "../../../testkit/stand-in.ts";
import { realContent } from "../harness.ts";
import {
  aroundStandIn,
  type DriverFactory,
  type Member,
  membersWithIds,
  type PlatformDriver,
  settle,
  type Shown,
  textsOf,
} from "./driver.ts";

const EPHEMERAL = 64;
/** Manage Channels (1 << 4): the platform's own say that a member may manage the group. */
const MANAGE_CHANNELS = String(1 << 4);
const ADMIN = "444";

interface MessageData {
  flags?: number;
  custom_id?: string;
  components?: unknown[];
}

function customIds(components: unknown): string[] {
  return textsOf(components, ["custom_id"]);
}

/** Discord notifies mentions in a message's content unless allowed_mentions turns parsing off. */
function pings(data: unknown): boolean {
  const d = (data ?? {}) as {
    content?: string;
    allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  };
  if (!/@everyone|@here|<@[!&]?\d+>/.test(d.content ?? "")) return false;
  const allowed = d.allowed_mentions;
  return !(allowed?.parse?.length === 0 && !allowed.users?.length && !allowed.roles?.length);
}

function shown(data: unknown, audience: Shown["audience"], kind: Shown["kind"]): Shown {
  const d = (data ?? {}) as MessageData;
  const text = textsOf(data, ["content", "title", "description", "name", "value", "text", "label"]).join(
    "\n",
  );
  if (kind === "form") {
    return { audience, kind, text, actions: [d.custom_id ?? ""], fields: customIds(d.components) };
  }
  return { audience, kind, text, actions: customIds(d.components), fields: [], pings: pings(data) };
}

/**
 * What a REST call the bot made shows, as the strict stand-in resolved it: to whom (a follow-up
 * straight after a deferral shows where the deferral does, whatever its flags), and nothing for
 * calls that show nothing or messages deleted since.
 */
function shownByCall(api: DiscordStandIn) {
  return (r: Recorded): Shown | undefined => {
    const effect = api.effectOf(r);
    if (!effect || effect.message.deleted) return undefined;
    const seen = shown(r.body, effect.audience, effect.kind);
    if (!r.files?.length) return seen;
    // A message with an embed shows a picture in it through attachment://; without one, Discord
    // shows picture attachments inline on their own.
    const images = textsOf(effect.message.embeds, ["url"]);
    const embedded = effect.message.embeds.length > 0;
    const files = effect.message.attachments.map((a) => ({
      name: a.filename,
      contentType: a.content_type,
      bytes: a.size,
      data: a.bytes,
      shownInline: embedded
        ? images.includes(`attachment://${a.filename}`)
        : a.content_type.startsWith("image/"),
    }));
    return { ...seen, files };
  };
}

export const discordDriver: DriverFactory = {
  name: "discord",
  async start({ redisUrl, clock, commands }) {
    const api = discordStandIn(() => clock.now());
    await api.start();
    const { publicHex, privateKey }: { publicHex: string; privateKey: KeyObject } = testKeys();
    const env = discordHttpEnv({ apiUrl: api.url, publicHex, redisUrl, prefix: `dc${shortId(8)}` });
    const bot = await startBot(readConfig(env), pino({ level: "silent" }), {
      clock,
      content: realContent(),
      commands,
    });
    const url = `http://127.0.0.1:${bot.port}/discord/interactions`;
    const { readBack, sentOnItsOwn, stop } = aroundStandIn(bot, api, shownByCall(api));
    const who = (m: Member) => ({ ...m, permissions: m.id === ADMIN ? MANAGE_CHANNELS : "1024" });
    const send = async (body: unknown): Promise<Shown[]> => {
      const delivered = await api.deliver(url, privateKey, body as Parameters<typeof api.deliver>[2]);
      const reply = (delivered.json ?? { type: 0 }) as { type: number; data?: MessageData };
      await settle(bot);
      const answer: Shown[] = [];
      const audience = ((reply.data?.flags ?? 0) & EPHEMERAL) !== 0 ? "member" : "channel";
      if (reply.type === 4) answer.push(shown(reply.data, audience, "message"));
      if (reply.type === 7) answer.push(shown(reply.data, "channel", "update"));
      if (reply.type === 9) answer.push(shown(reply.data, "member", "form"));
      return [...answer, ...readBack()];
    };
    const driver: PlatformDriver = {
      name: "discord",
      capabilities: discord.capabilities,
      bot,
      group: `discord:${GUILD}:${CHANNEL}`,
      members: membersWithIds("111", "222", "333", ADMIN),
      command: (m, name, args = {}, files = {}) => {
        // Attachment options (type 11) carry the id of a file in data.resolved.attachments.
        const attached = Object.entries(files).map(([k, f]) => ({
          option: k,
          attachment: api.attach(f.name, f.data, f.contentType),
        }));
        const body = payload.command(who(m), name, [
          ...Object.entries(args).map(([k, value]) => ({ name: k, type: 3, value })),
          ...attached.map(({ option, attachment }) => ({ name: option, type: 11, value: attachment.id })),
        ]);
        if (attached.length > 0)
          Object.assign(body.data, {
            resolved: {
              attachments: Object.fromEntries(attached.map((a) => [a.attachment.id, a.attachment])),
            },
          });
        return send(body);
      },
      click: (m, action) => send(payload.button(who(m), action)),
      clickDirect: (m, action) => {
        const channel = [...api.dmChannels].find(([, member]) => member === m.id)?.[0];
        const message = api.messages.filter((x) => x.channel_id === channel && !x.deleted).at(-1);
        if (!channel || !message) throw new Error(`no direct message to ${m.name}`);
        return send(payload.directButton(who(m), action, channel, message.id));
      },
      closeDirectMessages: (m) => api.closedDms.add(m.id),
      submit: (m, action, values) => send(payload.modal(who(m), action, values)),
      sentOnItsOwn,
      stop,
    };
    return driver;
  },
};

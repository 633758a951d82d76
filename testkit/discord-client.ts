import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export const APP_ID = "4242";
export const GUILD = "700";
export const CHANNEL = "800";

export function testKeys(): { publicHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x ?? "";
  return { publicHex: Buffer.from(x, "base64url").toString("hex"), privateKey };
}

let counter = 0;

interface Who {
  id: string;
  name: string;
  permissions?: string;
}

function base(type: number, who: Who, channel = CHANNEL) {
  counter++;
  return {
    id: String(900000 + counter),
    application_id: APP_ID,
    type,
    token: `token-${counter}`,
    version: 1,
    guild_id: GUILD,
    channel_id: channel,
    channel: { id: channel, type: 0, guild_id: GUILD, name: "study" },
    app_permissions: "2248473465835073",
    locale: "en-US",
    guild_locale: "en-US",
    member: {
      user: {
        id: who.id,
        username: who.name.toLowerCase(),
        global_name: who.name,
        discriminator: "0",
        avatar: null,
      },
      nick: null,
      roles: [],
      permissions: who.permissions ?? "1071698660929",
      joined_at: "2026-01-01T00:00:00.000000+00:00",
      deaf: false,
      mute: false,
    },
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD },
    context: 0,
  };
}

/** Payloads shaped like Discord's real interaction objects. */
export const payload = {
  ping: () => ({
    id: "1",
    application_id: APP_ID,
    type: 1,
    token: "t",
    version: 1,
    user: { id: "1", username: "x" },
  }),
  command: (who: Who, name: string, options: { name: string; type: number; value: unknown }[] = []) => ({
    ...base(2, who),
    data: { id: "55", name, type: 1, options, guild_id: GUILD },
  }),
  button: (who: Who, customId: string, messageId = "1111") => ({
    ...base(3, who),
    message: { id: messageId, channel_id: CHANNEL, type: 20, content: "", embeds: [], components: [] },
    data: { custom_id: customId, component_type: 2 },
  }),
  /** A button on a message in the member's DM with the bot: no guild, no member, the user alone. */
  directButton: (who: Who, customId: string, dmChannel: string, messageId: string) => {
    const {
      guild_id: _guild,
      member,
      authorizing_integration_owners: _owners,
      ...rest
    } = base(3, who, dmChannel);
    return {
      ...rest,
      channel: { id: dmChannel, type: 1 },
      user: member.user,
      context: 1,
      message: { id: messageId, channel_id: dmChannel, type: 0, content: "", embeds: [], components: [] },
      data: { custom_id: customId, component_type: 2 },
    };
  },
  modal: (who: Who, customId: string, values: Record<string, string>) => ({
    ...base(5, who),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  }),
  autocomplete: (who: Who, name: string, option: string, value: string) => ({
    ...base(4, who),
    data: { id: "55", name, type: 1, options: [{ name: option, type: 3, value, focused: true }] },
  }),
};

export function signedRequest(
  privateKey: KeyObject,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const ts = String(timestamp);
  const signature = sign(null, Buffer.from(ts + body), privateKey).toString("hex");
  return {
    "x-signature-ed25519": signature,
    "x-signature-timestamp": ts,
    "content-type": "application/json",
  };
}

/** The environment of a bot serving Discord over HTTP against a stand-in API (for readConfig or a child process). */
export function discordHttpEnv(options: {
  apiUrl: string;
  publicHex: string;
  redisUrl: string;
  prefix: string;
  port?: number;
}) {
  return {
    DISCORD_TOKEN: "test-bot-token-0123456789",
    DISCORD_TRANSPORT: "http",
    DISCORD_PUBLIC_KEY: options.publicHex,
    DISCORD_API_URL: `${options.apiUrl}/api`,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    PORT: String(options.port ?? 0),
  };
}

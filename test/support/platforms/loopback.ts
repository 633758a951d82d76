import pino from "pino";
import { readConfig } from "../../../src/config.ts";
import { shortId } from "../../../src/core/ids.ts";
import { PLATFORMS } from "../../../src/platforms.ts";
import { startBot } from "../../../src/start.ts";
import type { Recorded } from "../../../testkit/stand-in.ts";
import { realContent } from "../harness.ts";
import { LOOPBACK_EVENTS_PATH, loopback } from "../loopback/platform.ts";
import { loopbackStandIn } from "../loopback/stand-in.ts";
import {
  aroundStandIn,
  type DriverFactory,
  type Member,
  membersWithIds,
  type PlatformDriver,
  settle,
  type Shown,
} from "./driver.ts";

const SECRET = "loopback-secret";
const WORKSPACE = "W1";
const CHANNEL = "L1";
const ADMIN = "LADMIN";

function shownByCall(r: Recorded): Shown | undefined {
  const body = r.body as { text?: string; buttons?: { action: string }[] };
  const kind = r.method === "PATCH" ? "update" : r.method === "POST" ? "message" : undefined;
  if (!kind) return undefined;
  return {
    audience: "channel",
    kind,
    text: body.text ?? "",
    actions: (body.buttons ?? []).map((b) => b.action),
    fields: [],
  };
}

export const loopbackDriver: DriverFactory = {
  name: "loopback",
  async start({ redisUrl, clock, commands }) {
    const { api, messages } = loopbackStandIn();
    await api.start();
    const platforms = [...PLATFORMS, loopback];
    const config = readConfig(
      {
        LOOPBACK_API_URL: api.url,
        LOOPBACK_SECRET: SECRET,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: `lc${shortId(8)}`,
        PORT: "0",
      },
      platforms,
    );
    const bot = await startBot(config, pino({ level: process.env.DEBUG_LOOPBACK ? "debug" : "silent" }), {
      clock,
      content: realContent(),
      commands,
      platforms,
    });
    const url = `http://127.0.0.1:${bot.port}${LOOPBACK_EVENTS_PATH}`;
    const { readBack, sentOnItsOwn, stop } = aroundStandIn(bot, api, shownByCall);
    const send = async (event: Record<string, unknown>): Promise<Shown[]> => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-loopback-secret": SECRET },
        body: JSON.stringify({ workspace: WORKSPACE, channel: CHANNEL, hook: `hook-${CHANNEL}`, ...event }),
      });
      if (!res.ok) throw new Error(`loopback event refused: ${res.status}`);
      await settle(bot);
      return readBack();
    };
    const user = (m: Member) => ({ id: m.id, name: m.name, admin: m.id === ADMIN });
    const driver: PlatformDriver = {
      name: "loopback",
      capabilities: loopback.capabilities,
      bot,
      group: `loopback:${WORKSPACE}:${CHANNEL}`,
      members: membersWithIds("LALICE", "LBOB", "LCAROL", ADMIN),
      command: (m, name, args = {}) =>
        send({
          kind: "command",
          user: user(m),
          command: name,
          text: Object.entries(args)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
        }),
      // The message a button is on: the latest post that carries it.
      click: (m, action) => {
        const messageId = [...messages.entries()]
          .reverse()
          .find(([, posted]) => posted.buttons.some((b) => b.action === action))?.[0];
        return send({ kind: "button", user: user(m), action, ...(messageId ? { messageId } : {}) });
      },
      submit: () => Promise.reject(new Error("the loopback platform has no forms")),
      clickDirect: () => Promise.reject(new Error("the loopback platform has no direct messages")),
      closeDirectMessages: () => {
        throw new Error("the loopback platform has no direct messages");
      },
      sentOnItsOwn,
      stop,
    };
    return driver;
  },
};

/**
 * The Bolt ceiling: Bolt's HTTPReceiver and App, set up as the bot sets them up (the same
 * node:crypto signature check in front, no conversation store), with one action listener that
 * does exactly the Slack floor's work: ack, the same Redis call, one node:http POST to
 * response_url. No core, no validation, no logging: the most a bot built on Bolt's receiver can
 * reach on this machine, to show how much of the gap to the floor is Bolt's own.
 */
import { Agent, createServer } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import pino from "pino";
import { signedRequests } from "../../src/adapters/slack/http.ts";
import { SLACK_EVENTS_PATH } from "../../src/adapters/slack/index.ts";
import type { RedisStore } from "../../src/store/redis-store.ts";
import { closer, type Floor, jsonPoster, listen, type SlackAction, slackAnswerWork } from "./floor.ts";

export async function startBoltCeiling(store: RedisStore, secret: string, group: string): Promise<Floor> {
  const agent = new Agent({ keepAlive: true });
  const answer = slackAnswerWork(store, group, jsonPoster(agent));
  const receiver = new HTTPReceiver({
    signingSecret: secret,
    endpoints: SLACK_EVENTS_PATH,
    signatureVerification: false,
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: "xoxb-bolt-ceiling",
    // Known ids, so Bolt never asks auth.test (there is no Slack stand-in behind this one).
    tokenVerificationEnabled: false,
    botId: "B0CEILING",
    botUserId: "U0CEILING",
    receiver,
    ignoreSelf: false,
    convoStore: false,
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
  });
  await app.init();
  app.action(/.*/, async ({ body, ack }) => {
    await ack();
    await answer(body as unknown as SlackAction);
  });
  const front = signedRequests(secret, receiver.requestListener, pino({ level: "silent" }));
  const server = createServer((req, res) => void front(req, res));
  return { url: await listen(server), close: closer(server, agent) };
}

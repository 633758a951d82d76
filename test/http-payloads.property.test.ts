import { Writable } from "node:stream";
import fc from "fast-check";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readConfig } from "../src/config.ts";
import { shortId } from "../src/core/ids.ts";
import { type RunningBot, startBot } from "../src/start.ts";
import { discordStandIn } from "../testkit/discord-api.ts";
import { discordHttpEnv, payload as discord, signedRequest, testKeys } from "../testkit/discord-client.ts";
import { blockActions, type SlackApi, slackHeaders, slackStandIn, triggerId } from "../testkit/slack-api.ts";
import type { StandIn } from "../testkit/stand-in.ts";
import { ManualClock, realContent } from "./support/harness.ts";

/**
 * Signed but malformed payloads of every kind, fired at both HTTP endpoints: each is answered within
 * the platform's 3 s, never with a 5xx, without an error-level log line, and without touching Redis.
 * A fixed seed and a bounded count keep the run the same on every machine.
 */
const SEED = 20_261_206;
const RUNS = 150;
const ANSWER_WITHIN_MS = 3000;
const SECRET = "property-signing-secret";
const TEAM = "T1";
const CHANNEL = "C100";
const FORM = "application/x-www-form-urlencoded";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** What a field must be; `optional` fields may be missing, but not of another kind. */
type Kind = "string" | "int" | "object" | "array" | "entry" | "form";
type Field = { path: Path; kind: Kind; optional?: boolean };

const scalar = fc.oneof(fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
/** Values that a field of this kind can never be. */
const WRONG: Record<Kind, fc.Arbitrary<Json>> = {
  string: fc.oneof(
    fc.constant<Json>(null),
    scalar,
    fc.constant<Json>([]),
    fc.constant<Json>({}),
    fc.constant<Json>([1, "x"]),
  ),
  int: fc.oneof(
    fc.constant<Json>(null),
    fc.boolean(),
    fc.constant<Json>(0.5),
    fc.string({ maxLength: 6 }),
    fc.constant<Json>([]),
    fc.constant<Json>({}),
  ),
  object: fc.oneof(
    fc.constant<Json>(null),
    scalar,
    fc.string({ maxLength: 6 }),
    fc.constant<Json>([]),
    fc.constant<Json>([{}]),
  ),
  array: fc.oneof(
    fc.constant<Json>(null),
    scalar,
    fc.string({ maxLength: 6 }),
    fc.constant<Json>({}),
    fc.constant<Json>([]),
  ),
  entry: fc.oneof(fc.constant<Json>(null), scalar, fc.string({ maxLength: 6 }), fc.constant<Json>([])),
  // A form field is text: it can only be empty, or given twice.
  form: fc.oneof(fc.constant<Json>(""), fc.constant<Json>(["a", "b"])),
};

/** One way to break a payload at a field it needs: remove it, or give it a value it can never have. */
type Breakage = { path: Path; value?: Json; remove?: boolean };
const breakAt = (fields: Field[]): fc.Arbitrary<Breakage> =>
  fc.constantFrom(...fields).chain((f): fc.Arbitrary<Breakage> =>
    f.optional
      ? WRONG[f.kind].map((value) => ({ path: f.path, value }))
      : fc.oneof(
          fc.constant<Breakage>({ path: f.path, remove: true }),
          WRONG[f.kind].map((value) => ({ path: f.path, value })),
        ),
  );
/** Any value at all, for whole payloads that are not objects. */
const wrong: fc.Arbitrary<Json> = fc.oneof(
  fc.constant<Json>(null),
  scalar,
  fc.string({ maxLength: 8 }),
  fc.constant<Json>([]),
);

function broken(base: Json, b: Breakage): Json {
  const copy = structuredClone(base) as { [key: string]: Json };
  let at: { [key: string | number]: Json } = copy;
  for (const key of b.path.slice(0, -1)) {
    const next = at[key];
    if (!next || typeof next !== "object") return copy;
    at = next as { [key: string | number]: Json };
  }
  const last = b.path[b.path.length - 1] as string | number;
  if (b.remove) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = b.value as Json;
  return copy;
}

/** Something a valid payload would never be, whatever the field: some break more than one. */
const breakages = (fields: Field[]) => fc.array(breakAt(fields), { minLength: 1, maxLength: 3 });

// Slack: payloads shaped after the examples of Slack's slash command, block_actions, view_submission
// and Events API references.
const slashCommand = (): Json => ({
  token: "legacy",
  team_id: TEAM,
  team_domain: "t",
  channel_id: CHANNEL,
  channel_name: "study",
  user_id: "UPROP",
  user_name: "prop",
  command: "/studygroup",
  text: "setup time=07:00",
  api_app_id: "A1",
  is_enterprise_install: "false",
  response_url: "http://127.0.0.1:9/response/x",
  trigger_id: triggerId(),
});
const blockAction = (): Json =>
  blockActions({
    actionId: "daily.done:node-30-day:1",
    user: "UPROP",
    team: TEAM,
    channel: CHANNEL,
    responseUrl: "http://127.0.0.1:9/response/y",
  }) as unknown as Json;
const viewSubmission = (): Json => ({
  type: "view_submission",
  team: { id: TEAM, domain: "t" },
  user: { id: "UPROP", username: "prop", name: "prop", team_id: TEAM },
  api_app_id: "A1",
  token: "legacy",
  trigger_id: triggerId(),
  view: {
    id: "V1",
    team_id: TEAM,
    type: "modal",
    callback_id: "interview.answer:s:x",
    private_metadata: JSON.stringify({ team: TEAM, channel: CHANNEL }),
    state: { values: { situation: { situation: { type: "plain_text_input", value: "S" } } } },
    hash: "156772938.1827394",
  },
});
const homeOpened = (): Json => ({
  token: "legacy",
  team_id: TEAM,
  api_app_id: "A1",
  event: { type: "app_home_opened", user: "UPROP", channel: "D1", tab: "home", event_ts: "1.1" },
  type: "event_callback",
  event_id: "Ev1",
  event_time: 1,
  authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: "UBOT", is_bot: true }],
});

type SlackBody = { body: string; contentType: string };
const asForm = (fields: Json): string => {
  const out = new URLSearchParams();
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return String(fields);
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v))
      for (const item of v) out.append(k, typeof item === "string" ? item : JSON.stringify(item));
    else if (v !== undefined) out.append(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  return out.toString();
};
const interactive = (p: Json): SlackBody => ({
  body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(),
  contentType: FORM,
});

const f = (kind: Kind, ...path: Path): Field => ({ path, kind });
const opt = (kind: Kind, ...path: Path): Field => ({ path, kind, optional: true });
const slackBodies: fc.Arbitrary<SlackBody> = fc.oneof(
  breakages([f("form", "command"), f("form", "user_id"), f("form", "team_id"), f("form", "channel_id")]).map(
    (bs) => ({ body: asForm(bs.reduce(broken, slashCommand())), contentType: FORM }),
  ),
  breakages([
    f("string", "type"),
    f("object", "user"),
    f("string", "user", "id"),
    opt("object", "channel"),
    f("string", "channel", "id"),
    f("array", "actions"),
    f("entry", "actions", 0),
    f("string", "actions", 0, "action_id"),
    opt("object", "message"),
    f("string", "message", "ts"),
    opt("object", "container"),
  ]).map((bs) => interactive(bs.reduce(broken, blockAction()))),
  breakages([
    f("string", "type"),
    f("object", "user"),
    f("string", "user", "id"),
    f("object", "view"),
    f("string", "view", "callback_id"),
    f("object", "view", "state"),
    f("object", "view", "state", "values"),
    opt("object", "view", "state", "values", "situation"),
    opt("entry", "view", "state", "values", "situation", "situation"),
    opt("string", "view", "private_metadata"),
  ]).map((bs) => interactive(bs.reduce(broken, viewSubmission()))),
  breakages([
    f("string", "type"),
    f("string", "team_id"),
    f("object", "event"),
    f("string", "event", "type"),
    f("string", "event", "user"),
    f("string", "event", "tab"),
    opt("array", "authorizations"),
    opt("entry", "authorizations", 0),
  ]).map((bs) => ({
    body: JSON.stringify(bs.reduce(broken, homeOpened())),
    contentType: "application/json",
  })),
  // Not JSON where JSON belongs, JSON that is not an object, a form whose charset Bolt would not read.
  fc
    .string({ maxLength: 20 })
    .map((junk) => ({ body: `payload=${encodeURIComponent(`{${junk}`)}`, contentType: FORM })),
  wrong.map((value) => interactive(value)),
  fc.constantFrom(
    { body: asForm(slashCommand()), contentType: `${FORM}; charset=utf-8` },
    { body: JSON.stringify(blockAction()), contentType: "application/json" },
  ),
);

// Discord: every interaction type, shaped like Discord's interaction objects.
const who = { id: "555", name: "Prop" };
const discordBases: Json[] = [
  discord.ping() as unknown as Json,
  discord.command(who, "help") as unknown as Json,
  discord.button(who, "nope:1") as unknown as Json,
  discord.modal(who, "nope:2", { answer: "x" }) as unknown as Json,
  discord.autocomplete(who, "quiz", "topic", "no") as unknown as Json,
];
const discordFields: Field[] = [
  f("string", "id"),
  f("string", "application_id"),
  f("int", "type"),
  f("string", "token"),
  opt("string", "guild_id"),
  opt("string", "channel_id"),
  opt("object", "channel"),
  f("int", "channel", "type"),
  opt("object", "member"),
  f("object", "member", "user"),
  f("string", "member", "user", "id"),
  f("string", "member", "user", "username"),
  opt("string", "member", "permissions"),
  opt("object", "user"),
  opt("object", "message"),
  f("string", "message", "id"),
  opt("object", "data"),
  opt("string", "data", "name"),
  opt("array", "data", "options"),
  f("entry", "data", "options", 0),
  f("string", "data", "options", 0, "name"),
  f("int", "data", "options", 0, "type"),
  opt("string", "data", "custom_id"),
  opt("array", "data", "components"),
  f("entry", "data", "components", 0),
  opt("array", "data", "components", 0, "components"),
  opt("string", "data", "components", 0, "components", 0, "value"),
];
const discordBodies: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...discordBases), breakages(discordFields))
    .map(([base, bs]) => [JSON.stringify(base), JSON.stringify(bs.reduce(broken, base))] as const)
    // A breakage at a path the payload does not have leaves it whole: that is not a malformed payload.
    .filter(([base, body]) => body !== base)
    .map(([, body]) => body),
  fc.constantFrom(...discordBases).map((base) => JSON.stringify({ ...(base as object), type: 99 })),
  wrong.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 20 }).map((junk) => `{${junk}`),
);

describe("signed, malformed payloads at both HTTP endpoints", () => {
  let bot: RunningBot;
  let slackApi: SlackApi;
  let discordApi: StandIn;
  let redis: Redis;
  let prefix: string;
  const errors: string[] = [];
  const { publicHex, privateKey } = testKeys();

  beforeAll(async () => {
    slackApi = slackStandIn();
    await slackApi.start();
    const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
    const dApi = discordStandIn();
    discordApi = dApi;
    await dApi.start();
    prefix = `pp${shortId(8)}`;
    const redisUrl = inject("redisUrl");
    const config = readConfig({
      ...discordHttpEnv({ apiUrl: dApi.url, publicHex, redisUrl, prefix }),
      SLACK_BOT_TOKEN: "xoxb-property-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_TRANSPORT: "http",
      SLACK_API_URL: `${slackApi.url}/api/`,
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
          if ((JSON.parse(line) as { level: number }).level >= 50) errors.push(line);
        }
        done();
      },
    });
    bot = await startBot(config, pino({ level: "warn" }, sink), { clock, content: realContent() });
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    await bot?.stop();
    await slackApi?.stop();
    await discordApi?.stop();
    redis?.disconnect();
  });

  /** Every key under the bot's prefix with its value, to compare before and after. */
  async function snapshot(): Promise<Map<string, string>> {
    const keys = (await redis.keys(`${prefix}*`)).sort();
    const values = await Promise.all(keys.map((k) => redis.dumpBuffer(k)));
    return new Map(keys.map((k, i) => [k, values[i]?.toString("hex") ?? ""]));
  }

  async function post(path: string, body: string, headers: Record<string, string>) {
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${bot.port}${path}`, {
      method: "POST",
      body,
      headers,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - started };
  }

  async function settled(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      await bot.app.bot.drain();
    }
  }

  it("Slack: POST /slack/events answers each with 400 within 3 s, and nothing is stored, sent or logged as an error", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(slackBodies, async ({ body, contentType }) => {
        const calls = slackApi.requests.length;
        const res = await post("/slack/events", body, slackHeaders(SECRET, body, contentType));
        await settled();
        expect(res.status, `${res.status} ${res.text} for ${body.slice(0, 300)}`).toBe(400);
        expect(res.ms).toBeLessThan(ANSWER_WITHIN_MS);
        expect(slackApi.requests.length).toBe(calls);
        expect(errors).toEqual([]);
        expect(await snapshot()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it("Discord: POST /discord/interactions never answers 5xx, answers within 3 s, and nothing is stored or logged as an error", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(discordBodies, async (body) => {
        const res = await post("/discord/interactions", body, signedRequest(privateKey, body));
        await settled();
        expect(res.status, `${res.status} ${res.text} for ${body.slice(0, 300)}`).toBeLessThan(500);
        expect(res.ms).toBeLessThan(ANSWER_WITHIN_MS);
        expect(errors).toEqual([]);
        expect(await snapshot()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});

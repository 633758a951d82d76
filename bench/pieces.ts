/**
 * What the bot's own steps on the answer path cost, one at a time, in µs per call on this machine
 * (bounded loops, after a warm-up). The signature checks and parsing are there for scale: the floors
 * do them too. Imports of the bot's internals are dynamic, so that a step renamed by a refactor
 * shows as "not measured" instead of stopping the whole benchmark.
 */
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseQuery } from "node:querystring";
import pino from "pino";
import { payload } from "../testkit/discord-client.ts";
import { blockActions, slackHeaders } from "../testkit/slack-api.ts";

export interface Piece {
  step: string;
  where: string;
  usPerCall: number | undefined;
  note?: string;
}

const ITERATIONS = 20_000;

/** A log file in the temporary folder (a real file: writes to /dev/null cost nothing). */
const tmpLog = () => join(tmpdir(), `sg-pieces-${process.pid}-${Math.random().toString(36).slice(2)}.log`);

function time(fn: (i: number) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) fn(i);
  return ((performance.now() - t0) * 1000) / ITERATIONS;
}

async function timeAsync(fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn(i);
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await fn(i);
  return ((performance.now() - t0) * 1000) / ITERATIONS;
}

async function attempt(step: string, where: string, measure: () => Promise<number>): Promise<Piece> {
  try {
    return { step, where, usPerCall: await measure() };
  } catch (err) {
    return { step, where, usPerCall: undefined, note: `not measured: ${String(err).slice(0, 120)}` };
  }
}

export async function measurePieces(): Promise<Piece[]> {
  const body = JSON.stringify(
    payload.button({ id: "123456789012", name: "Member" }, "quiz.answer:abcdef12:1"),
  );
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const ts = String(Math.floor(Date.now() / 1000));
  const signed = Buffer.from(ts + body);
  const signature = sign(null, signed, privateKey);
  const json: unknown = JSON.parse(body);
  const now = Date.now();
  const pieces: Piece[] = [];

  pieces.push(
    await attempt(
      "Ed25519 verify of timestamp + body (floor does it too)",
      "src/adapters/discord/signature.ts",
      async () => time(() => verify(null, signed, publicKey, signature)),
    ),
  );
  pieces.push(
    await attempt(
      "JSON.parse of the interaction (floor does it too)",
      "src/adapters/discord/http.ts",
      async () => time(() => JSON.parse(body)),
    ),
  );
  pieces.push(
    await attempt(
      "zod rawInteraction.safeParse, zod's runtime parser (before)",
      "src/adapters/discord/normalize.ts, the same shape uncompiled",
      async () => {
        const { z } = await import("zod");
        const { rawInteraction } = await import("../src/adapters/discord/normalize.ts");
        const runtime = z.object(rawInteraction.shape);
        return time(() => runtime.safeParse(json));
      },
    ),
  );
  pieces.push(
    await attempt(
      "zod rawInteraction.safeParse, compiled by z.compile (now)",
      "src/adapters/discord/http.ts (rawInteraction.safeParse)",
      async () => {
        const { rawInteraction } = await import("../src/adapters/discord/normalize.ts");
        return time(() => rawInteraction.safeParse(json));
      },
    ),
  );
  pieces.push(
    await attempt(
      "action id: split, then its parts by zod's runtime parser, every click (before)",
      "src/core/actions.ts, src/core/bot.ts (route)",
      async () => {
        const { z } = await import("zod");
        const { part, splitActionId } = await import("../src/core/actions.ts");
        const runtime = z.tuple([part.id(), part.int(0, 9)]);
        return time(() => runtime.safeParse(splitActionId("quiz.answer:abcdef12:1").parts));
      },
    ),
  );
  pieces.push(
    await attempt(
      "action id: split and compiled parse, first click on an id only (now; later clicks find it parsed)",
      "src/core/actions.ts, src/core/bot.ts (clickedAction)",
      async () => {
        const { splitActionId } = await import("../src/core/actions.ts");
        const { answerAction } = await import("../commands/quiz/actions.ts");
        return time(() => answerAction.parse(splitActionId("quiz.answer:abcdef12:1").parts));
      },
    ),
  );
  pieces.push(
    await attempt(
      "creditFor: day, yesterday, week, month with luxon",
      "src/domain/credit.ts (periodsAt, previousStudyDay)",
      async () => {
        const { creditFor } = await import("../src/app/credit.ts");
        const actor = { id: "1", name: "Member" };
        return time((i) => creditFor(actor, now + i, { timezone: "UTC", weekdaysOnly: false }));
      },
    ),
  );
  pieces.push(
    await attempt("same in a non-UTC zone (Europe/Berlin)", "src/domain/calendar.ts", async () => {
      const { creditFor } = await import("../src/app/credit.ts");
      const actor = { id: "1", name: "Member" };
      return time((i) => creditFor(actor, now + i, { timezone: "Europe/Berlin", weekdaysOnly: false }));
    }),
  );
  pieces.push(
    await attempt(
      "shortId(10) per event (crypto.randomBytes)",
      "src/core/ids.ts, from src/adapters/discord/dispatch.ts",
      async () => {
        const { shortId } = await import("../src/core/ids.ts");
        return time(() => shortId(10));
      },
    ),
  );
  const logLine = async (how: "child, a write per line" | "flat, batched") => {
    const dest = tmpLog();
    const log =
      how === "flat, batched"
        ? (await import("../src/ops/log.ts")).botLog("info", dest)
        : pino({ level: "info" }, pino.destination({ dest, sync: true }));
    const about = (i: number) => ({
      eventId: `e${i}`,
      kind: "button",
      group: "discord:700:800",
      member: "1",
    });
    try {
      return time((i) =>
        how === "flat, batched"
          ? log.info(
              {
                eventId: `e${i}`,
                kind: "button",
                group: "discord:700:800",
                member: "1",
                what: "quiz.answer",
                outcome: "ok",
                ms: 3,
              },
              "event handled",
            )
          : log.child(about(i)).info({ what: "quiz.answer", outcome: "ok", ms: 3 }, "event handled"),
      );
    } finally {
      rmSync(dest, { force: true });
    }
  };
  pieces.push(
    await attempt(
      "log per event: a child logger and its line, one write per line (before)",
      "src/core/bot.ts, pino.destination({ sync: true })",
      () => logLine("child, a write per line"),
    ),
  );
  pieces.push(
    await attempt(
      "log per event: one line of its fields, written in 4 KB batches (now)",
      "src/core/bot.ts (run), src/ops/log.ts",
      () => logLine("flat, batched"),
    ),
  );
  pieces.push(
    await attempt(
      "metrics: counter inc + histogram observe per event",
      "src/core/bot.ts (metrics.events, metrics.latency)",
      async () => {
        const { Metrics } = await import("../src/ops/metrics.ts");
        const metrics = new Metrics();
        return time((i) => {
          metrics.events.inc({ platform: "discord", kind: "button", outcome: "ok" });
          metrics.latency.observe({ kind: "button" }, (i % 50) / 1000);
        });
      },
    ),
  );
  pieces.push(...(await slackPieces()));
  return pieces;
}

/** The Slack answer path's own steps: its floor checks the HMAC and parses the form and JSON too. */
async function slackPieces(): Promise<Piece[]> {
  const secret = "bench-signing-secret";
  const raw = blockActions({
    actionId: "quiz.answer:abcdef12:1",
    user: "U123456",
    team: "T1",
    channel: "C100",
    responseUrl: "http://127.0.0.1:1/response/1",
  });
  const form = new URLSearchParams({ payload: JSON.stringify(raw) }).toString();
  const body = Buffer.from(form);
  const headers = slackHeaders(secret, form, "application/x-www-form-urlencoded");
  const pieces: Piece[] = [];
  pieces.push(
    await attempt(
      "Slack HMAC-SHA256 v0 check (floor does it too)",
      "src/adapters/slack/signature.ts",
      async () => {
        const { checkSlackSignature } = await import("../src/adapters/slack/signature.ts");
        const nowS = Date.now() / 1000;
        const signature = headers["x-slack-signature"];
        const ts = headers["x-slack-request-timestamp"];
        return time(() => checkSlackSignature(secret, signature, ts, body, nowS));
      },
    ),
  );
  pieces.push(
    await attempt(
      "form + payload JSON parse (Bolt's receiver; floor does it too)",
      "@slack/bolt HTTPModuleFunctions.parseHTTPRequestBody",
      async () => time(() => JSON.parse(String(parseQuery(body.toString()).payload))),
    ),
  );
  const bolt = async (routing: "listeners" | "middleware") => {
    const { App } = await import("@slack/bolt");
    const receiver = { init: () => {}, start: async () => {}, stop: async () => {} };
    const app = new App({
      authorize: async () => ({ botToken: "xoxb-bench", botId: "B1", botUserId: "UB" }),
      receiver,
      convoStore: false,
      ignoreSelf: false,
    });
    if (routing === "listeners") {
      app.command(/.*/, async ({ ack }) => ack());
      app.action(/.*/, async ({ ack }) => ack());
      app.view(/.*/, async ({ ack }) => ack());
      app.options({ type: "block_suggestion" }, async ({ ack }) => ack());
      app.event("app_home_opened", async () => {});
    } else {
      app.use(async (args) => {
        if ("action" in args) await args.ack();
      });
    }
    const ack = async () => {};
    return timeAsync(() => app.processEvent({ body: raw, ack }));
  };
  pieces.push(
    await attempt(
      "Bolt App.processEvent, one listener per kind (five: the bot's set-up before)",
      "@slack/bolt App",
      () => bolt("listeners"),
    ),
  );
  pieces.push(
    await attempt(
      "Bolt App.processEvent, one global middleware routing every kind (ack only)",
      "@slack/bolt App, as src/adapters/slack/start.ts sets it up",
      () => bolt("middleware"),
    ),
  );
  pieces.push(
    await attempt(
      "zod blockActionsBody.safeParse, zod's runtime parser (before)",
      "src/adapters/slack/normalize.ts, the same shape uncompiled",
      async () => {
        const { z } = await import("zod");
        const { blockActionsBody } = await import("../src/adapters/slack/normalize.ts");
        const runtime = z.object(blockActionsBody.shape);
        return time(() => runtime.safeParse(raw));
      },
    ),
  );
  pieces.push(
    await attempt(
      "zod blockActionsBody.safeParse, compiled by z.compile (now)",
      "src/adapters/slack/index.ts (blockActionsBody)",
      async () => {
        const { blockActionsBody } = await import("../src/adapters/slack/normalize.ts");
        return time(() => blockActionsBody.safeParse(raw));
      },
    ),
  );
  pieces.push(
    await attempt(
      "render the private reply: Block Kit, command tokens in the workspace's naming",
      "src/adapters/slack/render.ts (renderMessage)",
      async () => {
        const { renderMessage } = await import("../src/adapters/slack/render.ts");
        const { commandStyle } = await import("../src/adapters/slack/normalize.ts");
        const commands = commandStyle({ prefix: "" });
        const text = "Your answer **B** is locked in. The answer is revealed when the round closes.";
        const message = { blocks: [{ type: "text" as const, text }] };
        return time(() => renderMessage(message, undefined, commands));
      },
    ),
  );
  return pieces;
}

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadContentInChild } from "../src/content/load-in-child.ts";
import { ContentError, loadContent } from "../src/content/loader.ts";
import { shortId } from "../src/core/ids.ts";
import { slackStandIn } from "../testkit/slack-api.ts";
import { testKeys } from "../testkit/discord-client.ts";

const SDKS = ["discord.js", "@discordjs/rest", "@slack/bolt", "@slack/web-api", "@slack/socket-mode"];
/** Parsers of the content loader (in its own process) and of /bank import and export (on first use). */
const PARSERS = ["yaml", "csv-parse"];

interface Run {
  code: number | null;
  stdout: string;
  packages: string[];
  /** The compiler a hot WebAssembly function ran on at the process's exit (test/support/wasm-tier.mjs). */
  wasmTier: string | undefined;
}

/** What test/support/wasm-tier.mjs reported on a process's stderr at its exit. */
function wasmTierIn(stderr: string): string | undefined {
  return [...stderr.matchAll(/^WASM TIER (\w+)$/gm)].at(-1)?.[1];
}

/**
 * Runs `src/main.ts` as `npm start` does, with only `env` set besides the path, and names the npm
 * packages it loaded. A bot is stopped with SIGTERM once it logs "bot started"; the playground ends
 * when its input does.
 */
function runMain(env: Record<string, string>, input?: string): Promise<Run> {
  const child = spawn(
    process.execPath,
    [
      "--allow-natives-syntax",
      "--import",
      "tsx",
      "--import",
      "./test/support/loaded-packages.mjs",
      "--import",
      "./test/support/wasm-tier.mjs",
      "src/main.ts",
    ],
    {
      env: { PATH: process.env.PATH ?? "", REDIS_PREFIX: `lz${shortId(8)}`, PORT: "0", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  let stopping = false;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stopping || !stdout.includes('"bot started"')) return;
    stopping = true;
    // main.ts listens for SIGTERM once startBot has returned, just after the line.
    setTimeout(() => child.kill("SIGTERM"), 500);
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  if (input !== undefined) child.stdin.end(input);
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((done) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      // The content loader's child process runs without the preload, so the line is the bot's.
      const lines = [...stderr.matchAll(/^LOADED PACKAGES (.*)$/gm)];
      const last = lines.at(-1)?.[1];
      done({
        code,
        stdout: stdout + stderr,
        packages: last ? (JSON.parse(last) as string[]) : [],
        wasmTier: wasmTierIn(stderr),
      });
    }),
  );
}

describe("only the configured platform's code is loaded", () => {
  const redisUrl = inject("redisUrl");

  it("the playground (no tokens) loads neither platform's SDK", async () => {
    const run = await runMain({ REDIS_URL: redisUrl }, "/quit\n");
    expect(run.stdout).toContain("quiz questions loaded");
    expect(run.code).toBe(0);
    expect(run.packages).toContain("ioredis");
    for (const sdk of SDKS) expect(run.packages).not.toContain(sdk);
  }, 40_000);

  it("Discord over HTTP loads @discordjs/rest, not discord.js's gateway client or Slack's SDK", async () => {
    const run = await runMain({
      REDIS_URL: redisUrl,
      DISCORD_TOKEN: "lazy-test-token-0123456789",
      DISCORD_TRANSPORT: "http",
      DISCORD_PUBLIC_KEY: testKeys().publicHex,
      DISCORD_API_URL: "http://127.0.0.1:9/api",
    });
    expect(run.stdout).toContain('"bot started"');
    expect(run.packages).toContain("@discordjs/rest");
    for (const sdk of ["discord.js", "@slack/bolt", "@slack/web-api", "@slack/socket-mode", ...PARSERS])
      expect(run.packages).not.toContain(sdk);
    expect(run.wasmTier).toBe("liftoff");
  }, 40_000);

  it("Slack over HTTP loads Bolt, and nothing of Discord", async () => {
    const api = slackStandIn();
    await api.start();
    try {
      const run = await runMain({
        REDIS_URL: redisUrl,
        SLACK_BOT_TOKEN: "xoxb-lazy-test",
        SLACK_TRANSPORT: "http",
        SLACK_SIGNING_SECRET: "lazy-test-signing-secret",
        SLACK_API_URL: `${api.url}/api/`,
      });
      expect(run.stdout).toContain('"bot started"');
      expect(run.packages).toContain("@slack/bolt");
      for (const sdk of ["discord.js", "@discordjs/rest", ...PARSERS])
        expect(run.packages).not.toContain(sdk);
      // undici's parser is WebAssembly; V8's optimizing compiler would take ~36 MB to recompile it.
      expect(run.wasmTier).toBe("liftoff");
    } finally {
      await api.stop();
    }
  }, 40_000);
});

describe("WebAssembly stays on the baseline compiler", () => {
  function tierIn(script: string): Promise<string | undefined> {
    const child = spawn(
      process.execPath,
      [
        "--allow-natives-syntax",
        "--import",
        "tsx",
        "--import",
        "./test/support/wasm-tier.mjs",
        "--input-type=module",
        "-e",
        script,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((done) => child.once("close", () => done(wasmTierIn(stderr))));
  }

  it("a process that does not ask tiers a hot function up to TurboFan; one that asks keeps it on Liftoff", async () => {
    const module = JSON.stringify(resolve("src/ops/wasm-tiering.ts"));
    expect(await tierIn("")).toBe("turbofan");
    expect(
      await tierIn(
        `const { keepWebAssemblyOnBaselineCompiler } = await import(${module}); keepWebAssemblyOnBaselineCompiler();`,
      ),
    ).toBe("liftoff");
  }, 20_000);
});

describe("loadContentInChild", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same content as loadContent", async () => {
    const root = resolve("content");
    const content = await loadContentInChild(root);
    const direct = loadContent(root);
    expect(content.questions.size).toBeGreaterThan(500);
    expect(content).toEqual(direct);
  });

  it("throws the same ContentError, every problem with its file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sg-offthread-"));
    dirs.push(dir);
    cpSync(resolve("content"), dir, { recursive: true });
    writeFileSync(join(dir, "quizzes", "broken.yaml"), "topic: broken\nquestions:\n  - id: [unclosed\n");
    const error = await loadContentInChild(dir).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.file).toContain("broken.yaml");
    expect(problems[0]?.line).toBeGreaterThan(0);
    expect(problems).toEqual(
      (() => {
        try {
          loadContent(dir);
          return [];
        } catch (err) {
          return (err as ContentError).problems;
        }
      })(),
    );
  });

  it("names a content directory that does not exist", async () => {
    const error = await loadContentInChild(join(tmpdir(), `sg-missing-${shortId(8)}`)).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toContain("no YAML file found");
  });
});

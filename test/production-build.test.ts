import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bundle } from "../scripts/bundle.ts";
import { shortId } from "../src/core/ids.ts";
import { testKeys } from "../testkit/discord-client.ts";
import { slackStandIn } from "../testkit/slack-api.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./support/loaded-files.mjs", import.meta.url));
const PARSERS = ["yaml", "csv-parse"];
const HEAVY = ["discord.js", "@discordjs/ws", "express", "@slack/socket-mode"];

interface Run {
  stdout: string;
  code: number | null;
  health: number;
  /** The npm packages bundled into the output files the process loaded. */
  packages: Set<string>;
}

/**
 * The production bundle (`npm run build`'s scripts/bundle.ts), built into a temporary folder and
 * run as `node <folder>/src/main.js` from the repository root, so it finds `content/` as the image does.
 */
describe("the production bundle", () => {
  let dir = "";
  let meta: Metafile;

  beforeAll(async () => {
    // Under node_modules/.cache, so the packages left out of the bundle resolve as from dist/.
    const cache = join(ROOT, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, "sg-bundle-"));
    // The bundle is ES modules in .js files, as under the repository's package.json.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    meta = await bundle(join(dir, "src"));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The packages that went into one output file, by the metafile. */
  function packagesOf(file: string): string[] {
    const output = meta.outputs[relative(ROOT, file)];
    if (!output) return [];
    return Object.keys(output.inputs).flatMap((input) => {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      return match?.[1] ? [match[1]] : [];
    });
  }

  /** Starts the bundle with `env`; once "bot started" is logged, asks /healthz and stops it with SIGTERM. */
  function run(env: Record<string, string>): Promise<Run> {
    const loaded = join(dir, `loaded-${shortId(8)}.txt`);
    writeFileSync(loaded, "");
    const child = spawn(process.execPath, ["--import", PRELOAD, join(dir, "src", "main.js")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        REDIS_PREFIX: `pb${shortId(8)}`,
        PORT: "0",
        LOADED_FILES: loaded,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let health = 0;
    let stopping = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const started = /"port":(\d+),[^\n]*"msg":"bot started"/.exec(stdout);
      if (stopping || !started) return;
      stopping = true;
      fetch(`http://127.0.0.1:${started[1]}/healthz`)
        .then((res) => (health = res.status))
        .catch(() => (health = -1))
        .finally(() => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    return new Promise((done) =>
      child.once("close", (code) => {
        clearTimeout(timer);
        const files = readFileSync(loaded, "utf8")
          .split("\n")
          .filter((url) => url.startsWith("file:"))
          .map((url) => fileURLToPath(url));
        done({ stdout, code, health, packages: new Set(files.flatMap(packagesOf)) });
      }),
    );
  }

  it("serves Discord over HTTP with @discordjs/rest only: no gateway client, no Slack, no parsers", async () => {
    const result = await run({
      REDIS_URL: inject("redisUrl"),
      DISCORD_TOKEN: "bundle-test-token-0123456789",
      DISCORD_TRANSPORT: "http",
      DISCORD_PUBLIC_KEY: testKeys().publicHex,
      DISCORD_API_URL: "http://127.0.0.1:9/api",
    });
    expect(result.stdout).toContain('"bot started"');
    expect(result.health).toBe(200);
    expect(result.code).toBe(0);
    expect(result.packages).toContain("@discordjs/rest");
    expect(result.packages).toContain("ioredis");
    for (const name of ["@slack/bolt", "@slack/web-api", ...HEAVY, ...PARSERS])
      expect(result.packages).not.toContain(name);
  }, 60_000);

  it("serves Slack over HTTP with Bolt's app and HTTP receiver: no Discord SDK, no Express, no parsers", async () => {
    const api = slackStandIn();
    await api.start();
    try {
      const result = await run({
        REDIS_URL: inject("redisUrl"),
        SLACK_BOT_TOKEN: "xoxb-bundle-test",
        SLACK_TRANSPORT: "http",
        SLACK_SIGNING_SECRET: "bundle-test-signing-secret",
        SLACK_API_URL: `${api.url}/api/`,
      });
      expect(result.stdout).toContain('"bot started"');
      expect(result.health).toBe(200);
      expect(result.code).toBe(0);
      expect(result.packages).toContain("@slack/bolt");
      // Bolt's app loads @slack/socket-mode whatever the receiver.
      for (const name of [
        "@discordjs/rest",
        "discord-api-types",
        "discord.js",
        "@discordjs/ws",
        "express",
        ...PARSERS,
      ])
        expect(result.packages).not.toContain(name);
    } finally {
      await api.stop();
    }
  }, 60_000);
});

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureRedisServer, RedisSetupError } from "./support/ensure-redis.ts";

// Real programs in a temporary folder stand in for the machine: the folder is the whole PATH, so the real
// redis-server, apt-get and sudo of the machine running the tests are out of sight.

let dir: string;
let bin: string;
let lines: string[];
const log = (line: string) => lines.push(line);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sg-ensure-redis-"));
  bin = join(dir, "bin");
  mkdirSync(bin);
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A shell script on the fake PATH; its body runs with the machine's basic tools (not the fake PATH). */
function script(name: string, body: string): string {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A package manager that records each run (arguments, and DEBIAN_FRONTEND) and, to install, drops a fake redis-server beside itself. */
function fakeManager(name: string, installVerb: string, options: { fail?: boolean } = {}): string {
  return script(
    name,
    [
      `echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "$0.log"`,
      options.fail ? `echo "E: Unable to locate package redis-server" >&2; exit 100` : "",
      `if [ "$1" = "${installVerb}" ]; then`,
      `  printf '#!/bin/sh\\necho "Redis server v=0.0.0-fake"\\n' > "$(dirname "$0")/redis-server"`,
      `  chmod +x "$(dirname "$0")/redis-server"`,
      `fi`,
    ].join("\n"),
  );
}

function runsOf(manager: string): string[] {
  const file = `${manager}.log`;
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
}

function failure(run: () => unknown): RedisSetupError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(RedisSetupError);
    return err as RedisSetupError;
  }
  throw new Error("expected ensureRedisServer to fail");
}

describe("ensureRedisServer", () => {
  it("does nothing when REDIS_URL names a Redis, even with no redis-server anywhere", () => {
    const aptGet = fakeManager("apt-get", "install");
    expect(ensureRedisServer({ redisUrl: "redis://10.0.0.1:6379", path: bin, uid: 0, log })).toBeUndefined();
    expect(runsOf(aptGet)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("uses the redis-server on PATH without installing anything", () => {
    const aptGet = fakeManager("apt-get", "install");
    const server = script("redis-server", "exit 0");
    expect(
      ensureRedisServer({ redisUrl: "", path: `${join(dir, "nothing")}${delimiter}${bin}`, uid: 0, log }),
    ).toBe(server);
    expect(runsOf(aptGet)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("stops with one line saying what to install when there is no package manager", () => {
    for (const uid of [1000, 0]) {
      const err = failure(() => ensureRedisServer({ redisUrl: "", path: bin, uid, log }));
      expect(err.message).not.toContain("\n");
      expect(err.message).toMatch(/redis-server is not on PATH/);
      expect(err.message).toMatch(/install Redis/);
      expect(err.message).toMatch(/REDIS_URL/);
    }
    expect(lines).toEqual([]);
  });

  it("as root, installs with apt-get (update first, non-interactive) and then finds redis-server", () => {
    const aptGet = fakeManager("apt-get", "install");
    const found = ensureRedisServer({ redisUrl: "", path: bin, uid: 0, log });
    expect(found).toBe(join(bin, "redis-server"));
    expect(runsOf(aptGet)).toEqual([
      "DEBIAN_FRONTEND=noninteractive update -qq",
      "DEBIAN_FRONTEND=noninteractive install -y -qq --no-install-recommends redis-server",
    ]);
    expect(lines).toEqual([
      "redis-server is not on PATH: installing it with `apt-get install redis-server` (as root); " +
        "set REDIS_URL to use a running Redis instead",
    ]);
  });

  it.each([
    ["dnf", "install", ["install -y -q redis"]],
    ["apk", "add", ["add --no-cache redis"]],
  ])("as root, installs with %s", (name, verb, runs) => {
    const manager = fakeManager(name, verb);
    expect(ensureRedisServer({ redisUrl: "", path: bin, uid: 0, log })).toBe(join(bin, "redis-server"));
    expect(runsOf(manager).map((run) => run.replace(/^DEBIAN_FRONTEND=\S* /, ""))).toEqual(runs);
    expect(lines).toHaveLength(1);
  });

  it("as a user with passwordless sudo, installs through sudo", () => {
    const aptGet = fakeManager("apt-get", "install");
    // A sudo that never asks for a password: runs its command (after -n) and records it.
    const sudo = script("sudo", `echo "$*" >> "$0.log"\n[ "$1" = -n ] && shift\nexec "$@"`);
    expect(ensureRedisServer({ redisUrl: "", path: bin, uid: 1000, log })).toBe(join(bin, "redis-server"));
    expect(runsOf(sudo)).toEqual([
      "-n true",
      `-n env DEBIAN_FRONTEND=noninteractive ${aptGet} update -qq`,
      `-n env DEBIAN_FRONTEND=noninteractive ${aptGet} install -y -qq --no-install-recommends redis-server`,
    ]);
    expect(runsOf(aptGet)).toHaveLength(2);
    expect(lines[0]).toContain("(with sudo)");
  });

  it("as a user whose sudo wants a password, stops with one line naming the command to run", () => {
    const aptGet = fakeManager("apt-get", "install");
    script("sudo", `echo "sudo: a password is required" >&2\nexit 1`);
    const err = failure(() => ensureRedisServer({ redisUrl: "", path: bin, uid: 1000, log }));
    expect(err.message).not.toContain("\n");
    expect(err.message).toContain("`sudo apt-get install redis-server`");
    expect(err.message).toContain("REDIS_URL");
    expect(runsOf(aptGet)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("as a user without sudo, uses Homebrew when there is one", () => {
    const aptGet = fakeManager("apt-get", "install");
    const brew = fakeManager("brew", "install");
    expect(ensureRedisServer({ redisUrl: "", path: bin, uid: 501, log })).toBe(join(bin, "redis-server"));
    expect(runsOf(aptGet)).toEqual([]);
    expect(runsOf(brew).map((run) => run.replace(/^DEBIAN_FRONTEND=\S* /, ""))).toEqual(["install redis"]);
    expect(lines).toEqual([
      "redis-server is not on PATH: installing it with `brew install redis`; " +
        "set REDIS_URL to use a running Redis instead",
    ]);
  });

  it("stops with one line when the install fails, quoting the package manager's last line", () => {
    fakeManager("apt-get", "install", { fail: true });
    const err = failure(() => ensureRedisServer({ redisUrl: "", path: bin, uid: 0, log }));
    expect(err.message).not.toContain("\n");
    expect(err.message).toContain("`apt-get update -qq` exited with code 100");
    expect(err.message).toContain("E: Unable to locate package redis-server");
  });

  it("stops with one line when the install succeeds but redis-server is still not on PATH", () => {
    script("apt-get", "exit 0");
    const err = failure(() => ensureRedisServer({ redisUrl: "", path: bin, uid: 0, log }));
    expect(err.message).not.toContain("\n");
    expect(err.message).toMatch(/redis-server is still not on PATH/);
  });
});

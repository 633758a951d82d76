import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** What running a command gave: its exit status (null when it could not start) and its stdout and stderr. */
export interface ExecResult {
  status: number | null;
  output: string;
}

/** Runs a program to completion (no shell), with the given environment. */
export type Exec = (file: string, args: string[], env: NodeJS.ProcessEnv) => ExecResult;

export interface EnsureRedisOptions {
  /** A Redis the tests should use instead of their own; when set nothing is looked for. Default: REDIS_URL. */
  redisUrl?: string | undefined;
  /** Where to look for redis-server and the package managers. Default: PATH. */
  path?: string | undefined;
  /** The user id to decide whether installing needs sudo; undefined where there are none (Windows). */
  uid?: number | undefined;
  exec?: Exec;
  /** Where the line saying what is being installed goes. Default: console.log. */
  log?: (line: string) => void;
}

/** Why the tests cannot get a redis-server; its message is one line meant for the person running them. */
export class RedisSetupError extends Error {
  override name = "RedisSetupError";
}

interface Manager {
  /** The program to look for on PATH. */
  program: string;
  /** The runs that install Redis, in order. */
  steps: string[][];
  /** What the person should type themselves. */
  hint: string;
  env?: Record<string, string>;
  /** Whether it installs system-wide, so needs root (Homebrew installs as the user, and refuses root). */
  system: boolean;
}

const MANAGERS: Manager[] = [
  {
    program: "apt-get",
    steps: [
      ["update", "-qq"],
      ["install", "-y", "-qq", "--no-install-recommends", "redis-server"],
    ],
    hint: "sudo apt-get install redis-server",
    env: { DEBIAN_FRONTEND: "noninteractive" },
    system: true,
  },
  { program: "dnf", steps: [["install", "-y", "-q", "redis"]], hint: "sudo dnf install redis", system: true },
  { program: "apk", steps: [["add", "--no-cache", "redis"]], hint: "sudo apk add redis", system: true },
  { program: "brew", steps: [["install", "redis"]], hint: "brew install redis", system: false },
];

const OR_REDIS_URL = "or set REDIS_URL to a running Redis (redis://host:port), then run the tests again";

/** The full path of `program` in the first folder of `path` holding an executable file of that name. */
export function findOnPath(program: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, program);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not there, or not executable
    }
  }
  return undefined;
}

const defaultExec: Exec = (file, args, env) => {
  const result = spawnSync(file, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error) return { status: null, output: result.error.message };
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

function lastLine(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "no output";
}

/**
 * Makes sure the tests can run a redis-server: does nothing when REDIS_URL is set or redis-server is on
 * PATH; otherwise installs it with the system's package manager when it may (as root, or with passwordless
 * sudo: apt-get, dnf or apk; else Homebrew as the user), saying so in one line. Returns the redis-server it
 * found (undefined when REDIS_URL is set); throws a RedisSetupError saying what to install when it cannot.
 */
export function ensureRedisServer(options: EnsureRedisOptions = {}): string | undefined {
  const {
    redisUrl = process.env.REDIS_URL,
    path = process.env.PATH ?? "",
    uid = process.getuid?.(),
    exec = defaultExec,
    log = (line) => console.log(line),
  } = options;
  if (redisUrl) return undefined;
  const existing = findOnPath("redis-server", path);
  if (existing) return existing;

  const found = MANAGERS.flatMap((m) => {
    const file = findOnPath(m.program, path);
    return file ? [{ ...m, file }] : [];
  });
  if (found.length === 0) {
    throw new RedisSetupError(
      "redis-server is not on PATH and there is no apt-get, dnf, apk or brew to install it with: " +
        `install Redis (the redis-server program), ${OR_REDIS_URL}.`,
    );
  }

  // Root installs directly; anyone else needs a sudo that does not ask for a password (tests run unattended).
  const env = { ...process.env, PATH: path };
  const sudo = uid === 0 ? undefined : findOnPath("sudo", path);
  const mayInstall = uid === 0 || (sudo !== undefined && exec(sudo, ["-n", "true"], env).status === 0);
  const manager = found.find((m) => (m.system ? mayInstall : uid !== 0)) ?? found.find((m) => !m.system);
  if (!manager) {
    const hints = found.map((m) => `\`${m.hint}\``).join(" or ");
    throw new RedisSetupError(
      `redis-server is not on PATH, and installing it needs root or passwordless sudo: run ${hints}, ${OR_REDIS_URL}.`,
    );
  }

  const viaSudo = manager.system && uid !== 0 ? sudo : undefined;
  log(
    `redis-server is not on PATH: installing it with \`${manager.hint.replace(/^sudo /, "")}\`` +
      `${viaSudo ? " (with sudo)" : manager.system ? " (as root)" : ""}; set REDIS_URL to use a running Redis instead`,
  );
  const managerEnv = Object.entries(manager.env ?? {}).map(([name, value]) => `${name}=${value}`);
  for (const step of manager.steps) {
    const result = viaSudo
      ? exec(viaSudo, ["-n", "env", ...managerEnv, manager.file, ...step], env)
      : exec(manager.file, step, { ...env, ...manager.env });
    if (result.status !== 0) {
      const status = result.status === null ? "could not start" : `exited with code ${result.status}`;
      throw new RedisSetupError(
        `installing redis-server failed: \`${manager.program} ${step.join(" ")}\` ${status} ` +
          `(${lastLine(result.output)}); install it yourself (\`${manager.hint}\`), ${OR_REDIS_URL}.`,
      );
    }
  }
  const installed = findOnPath("redis-server", path);
  if (!installed) {
    throw new RedisSetupError(
      `${manager.program} installed Redis but redis-server is still not on PATH (${path}): ` +
        `add its folder to PATH, ${OR_REDIS_URL}.`,
    );
  }
  return installed;
}

/** ensureRedisServer for the tests' global setup: when it cannot, prints its one line and exits at once. */
export function ensureRedisServerOrExit(options?: EnsureRedisOptions): void {
  try {
    ensureRedisServer(options);
  } catch (err) {
    if (!(err instanceof RedisSetupError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

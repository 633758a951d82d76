import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, configVariables, readConfig } from "../src/config.ts";
import { PLATFORMS, shortestActionIdLimit } from "../src/platforms.ts";
import { platformsConfigured } from "../src/start.ts";
import { loopback } from "./support/loopback/platform.ts";

describe("the platform registry", () => {
  const withLoopback = [...PLATFORMS, loopback];

  it("gathers every registered platform's variables into the configuration", () => {
    expect(CONFIG_VARIABLES).toEqual(
      expect.arrayContaining(["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "REDIS_URL"]),
    );
    expect(CONFIG_VARIABLES).not.toContain("LOOPBACK_API_URL");
    expect(configVariables(withLoopback)).toEqual(
      expect.arrayContaining([...CONFIG_VARIABLES, "LOOPBACK_API_URL", "LOOPBACK_SECRET"]),
    );
    const config = readConfig(
      { LOOPBACK_API_URL: "http://127.0.0.1:1", LOOPBACK_SECRET: "s3cret-enough" },
      withLoopback,
    );
    expect(platformsConfigured(config, withLoopback).map((p) => p.name)).toEqual(["loopback"]);
    expect(platformsConfigured(readConfig({}), withLoopback)).toEqual([]);
  });

  it("runs each platform's own checks, naming the variable, and validates its values", () => {
    expect(() => readConfig({ LOOPBACK_API_URL: "http://127.0.0.1:1" }, withLoopback)).toThrow(
      "Invalid configuration: LOOPBACK_SECRET is required with LOOPBACK_API_URL",
    );
    expect(() => readConfig({ LOOPBACK_API_URL: "not a url" }, withLoopback)).toThrow(
      /^Invalid configuration: LOOPBACK_API_URL /,
    );
  });

  it("derives the neutral action id bound from the registered platforms", () => {
    expect(shortestActionIdLimit(PLATFORMS)).toBe(100);
    expect(shortestActionIdLimit([...PLATFORMS, { ...loopback, limits: { actionId: 64 } }])).toBe(64);
  });
});

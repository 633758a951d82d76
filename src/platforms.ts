import { discord } from "./adapters/discord/index.ts";
import { slack } from "./adapters/slack/index.ts";
import type { PlatformDescriptor } from "./platform/descriptor.ts";

/**
 * The platforms the bot can serve: a new platform is one folder under src/adapters/ and one line here.
 * Configuration, start-up, the content check and the tests loop over this list.
 */
export const PLATFORMS = [discord, slack] as const;

/** A registered platform, with its configuration's type erased. */
export type AnyPlatform = PlatformDescriptor;

/** The shortest action id any registered platform carries back: the bound for every declared action. */
export function shortestActionIdLimit(platforms: readonly AnyPlatform[] = PLATFORMS): number {
  return Math.min(...platforms.map((p) => p.limits.actionId));
}

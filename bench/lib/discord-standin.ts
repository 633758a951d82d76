/** The Discord REST stand-in with a global limit, shared with the tests. */
export { RateLimitedDiscord } from "../../testkit/discord-global-limit.ts";

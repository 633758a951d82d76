import { definePlatform } from "../../platform/descriptor.ts";
import { slackConfig, slackConfigProblem } from "./config.ts";
import { CAPABILITIES, SLACK } from "./normalize.ts";
import { LIMITS, limitProblems } from "./render.ts";

export { SLACK_EVENTS_PATH } from "./http.ts";

/**
 * Slack, through Bolt over Socket Mode or HTTP. The descriptor is all that loads with the registry;
 * Bolt and the transport's code are imported when Slack is configured and starts.
 */
export const slack = definePlatform({
  name: SLACK,
  title: "Slack",
  config: slackConfig,
  isConfigured: (config) => Boolean(config.SLACK_BOT_TOKEN),
  configProblem: slackConfigProblem,
  capabilities: CAPABILITIES,
  limits: { actionId: LIMITS.actionId },
  limitProblems,
  start: async (host, config) => (await import("./start.ts")).startSlack(host, config),
});

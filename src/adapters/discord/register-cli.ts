import { Routes } from "discord-api-types/v10";
import { commands } from "../../../commands/index.ts";
import { readConfig } from "../../config.ts";
import { applicationCommands } from "./commands.ts";
import { discordRest } from "./rest.ts";

/** `npm run register:discord`: registers every command globally, or in DISCORD_GUILD_ID alone when set. */
async function register(): Promise<void> {
  const config = readConfig();
  if (!config.DISCORD_TOKEN) throw new Error("Set DISCORD_TOKEN to register commands.");
  const rest = discordRest(config);
  const applicationId =
    config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const body = applicationCommands(commands);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(applicationId, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(applicationId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  const where = config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : "globally";
  console.log(`Registered ${saved.length} commands ${where}: ${saved.map((c) => `/${c.name}`).join(" ")}`);
}

register().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

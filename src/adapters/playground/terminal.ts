import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { BotPort } from "../../core/bot.ts";
import type { Outbox, PlatformName } from "../../core/model.ts";
import { PLAYGROUND, PlaygroundSession } from "./session.ts";

/** The terminal transport: reads lines, hands them to the session, prints what comes back. */
export async function runPlayground(
  app: { bot: BotPort; connect(platform: PlatformName, outbox: Outbox): void },
  input: Readable,
  output: Writable,
  banner: string,
  /** Where files the bot sends are written (default .playground/files). */
  filesDir?: string,
): Promise<void> {
  const write = (text: string) => output.write(text);
  const session = new PlaygroundSession(app.bot, write, filesDir);
  app.connect(PLAYGROUND, session);
  write(
    `${banner}\nType /help for commands, a number to click a button, /as NAME to act as someone else, /quit to leave.\n`,
  );
  const rl = createInterface({ input, output, terminal: false });
  write(session.prompt);
  for await (const line of rl) {
    if (!(await session.input(line))) break;
    write(session.prompt);
  }
  rl.close();
}

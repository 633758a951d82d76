/**
 * Command names as tokens in the neutral markdown dialect (see `Block` in model.ts). Features write
 * `cmd("quiz")` where a text names one of the bot's commands; each renderer writes the token the way
 * members type that command on its platform ("/quiz", "/sg-quiz", "/study quiz"), so the core never
 * learns how a platform names commands, and text that merely contains a slash is never touched.
 */

/** Open and close a command token: characters no content uses and no keyboard types. */
const OPEN = "⟦";
const CLOSE = "⟧";

/**
 * A token: ⟦/name⟧, or ⟦/name args⟧ with argument text after one space. The name has no space or
 * bracket; the argument text may hold anything but the two brackets (`<day>`, `plan:<id>`, `a/b`).
 */
const TOKEN = /⟦\/([^\s⟦⟧]+)(?: ([^⟦⟧]*))?⟧/g;
const BRACKETS = /[⟦⟧]/g;

/** How members type a command on one platform, given the core's name for it. */
export type CommandStyle = (command: string) => string;

/** The style of a platform whose commands are typed by their own name: Discord, the playground. */
export const slashCommand: CommandStyle = (command) => `/${command}`;

/**
 * "The `command` command", with `args` as members would type them after it: `cmd("quiz")`,
 * `cmd("daily", "<day>")`. Brackets in either are dropped, so a name taken from a member's input can
 * never open or close a token; a name with a space keeps only its first word as the name.
 */
export function cmd(command: string, args = ""): string {
  const name = command.replace(BRACKETS, "").trim() || "?";
  const rest = args.replace(BRACKETS, "").trim();
  return `${OPEN}/${name}${rest ? ` ${rest}` : ""}${CLOSE}`;
}

/** Writes every command token in `text` in `style`; all other text is left as it is. */
export function writeCommands(text: string, style: CommandStyle = slashCommand): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(TOKEN, (_, name: string, args: string | undefined) =>
    args ? `${style(name)} ${args}` : style(name),
  );
}

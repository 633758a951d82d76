import type { z } from "zod";
import type { Action } from "./actions.ts";
import type { CommandInfo } from "./command-info.ts";
import type { Context } from "./context.ts";
import type { AutocompleteRequest, Choice, FirstReply } from "./model.ts";

export type { CommandInfo } from "./command-info.ts";

export type Autocompleter<C extends Context = Context> = (
  services: C["services"],
  partial: string,
  /** Who is typing, and where: suggestions may depend on the group (its own quiz topics). */
  request: AutocompleteRequest,
) => Choice[] | Promise<Choice[]>;

/** A button handler: the action it answers and what to do with the parsed parts. */
export interface ActionRoute<C extends Context = Context> {
  action: Action<unknown>;
  firstReply: FirstReply;
  run(ctx: C, parts: unknown): Promise<void>;
}

/** A form handler: the action it answers and what to do with the parsed parts and the values. */
export interface FormRoute<C extends Context = Context> {
  action: Action<unknown>;
  firstReply: FirstReply;
  run(ctx: C, parts: unknown, values: Record<string, string>): Promise<void>;
}

/** What a route's first reply is, when it is not what most do (a private answer to the clicker or submitter). */
export interface RouteOptions {
  firstReply?: FirstReply;
}

/** Routes clicks on an action's buttons to a handler with typed parts. */
export function onClick<P, C extends Context = Context>(
  action: Action<P>,
  run: (ctx: C, parts: P) => Promise<void>,
  options: RouteOptions = {},
): ActionRoute<C> {
  return {
    action: action as Action<unknown>,
    firstReply: options.firstReply ?? "private",
    run: (ctx, parts) => run(ctx, parts as P),
  };
}

/** Routes submissions of an action's form to a handler with typed parts. */
export function onSubmit<P, C extends Context = Context>(
  action: Action<P>,
  run: (ctx: C, parts: P, values: Record<string, string>) => Promise<void>,
  options: RouteOptions = {},
): FormRoute<C> {
  return {
    action: action as Action<unknown>,
    firstReply: options.firstReply ?? "private",
    run: (ctx, parts, values) => run(ctx, parts as P, values),
  };
}

export interface CommandSpec<S extends z.ZodObject, C extends Context = Context> {
  name: string;
  description: string;
  /** Arguments as a zod object; adapters register options from it, the core validates with it. */
  args: S;
  /** Only organizers may run it; adapters set default member permissions from this. */
  organizerOnly?: boolean;
  autocomplete?: Partial<Record<keyof z.infer<S> & string, Autocompleter<C>>>;
  /** What the handler replies first, given the arguments: "public" (the default), "private" or "form". */
  firstReply?: FirstReply | ((args: z.output<S>) => FirstReply);
  run(ctx: C, args: z.output<S>): Promise<void>;
  /** Button handlers this command owns. */
  actions?: ActionRoute<C>[];
  /** Form handlers this command owns. */
  forms?: FormRoute<C>[];
}

/** A command with its argument types erased, as the bot holds it. */
export interface Command<C extends Context = Context> extends CommandInfo {
  autocomplete: Record<string, Autocompleter<C>>;
  firstReply(args: Record<string, unknown>): FirstReply;
  run(ctx: C, args: Record<string, unknown>): Promise<void>;
  actions: ActionRoute<C>[];
  forms: FormRoute<C>[];
}

export function defineCommand<S extends z.ZodObject, C extends Context = Context>(
  spec: CommandSpec<S, C>,
): Command<C> {
  return {
    name: spec.name,
    description: spec.description,
    args: spec.args,
    organizerOnly: spec.organizerOnly ?? false,
    autocomplete: (spec.autocomplete ?? {}) as Record<string, Autocompleter<C>>,
    autocompleted: Object.keys(spec.autocomplete ?? {}),
    firstReply: (args) => {
      const first = spec.firstReply ?? "public";
      return typeof first === "function" ? first(args as z.output<S>) : first;
    },
    run: (ctx, args) => spec.run(ctx, args as z.output<S>),
    actions: spec.actions ?? [],
    forms: spec.forms ?? [],
  };
}

/** Every action the commands can put on a button or a form, for the length check against platforms. */
export function declaredActions(
  commands: readonly { actions: { action: Action<unknown> }[]; forms: { action: Action<unknown> }[] }[],
): Action<unknown>[] {
  return commands.flatMap((c) => [...c.actions, ...c.forms].map((r) => r.action));
}

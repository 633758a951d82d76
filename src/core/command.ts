import type { z } from "zod";
import type { Context } from "./context.ts";
import type { Choice } from "./model.ts";
import type { Services } from "./services.ts";

export type ActionHandler = (ctx: Context, parts: string[]) => Promise<void>;
export type FormHandler = (ctx: Context, parts: string[], values: Record<string, string>) => Promise<void>;
export type Autocompleter = (services: Services, partial: string) => Choice[] | Promise<Choice[]>;

export interface CommandSpec<S extends z.ZodObject> {
  name: string;
  description: string;
  /** Arguments as a zod object; adapters register options from it, the core validates with it. */
  args: S;
  /** Only organizers may run it; adapters set default member permissions from this. */
  organizerOnly?: boolean;
  autocomplete?: Partial<Record<keyof z.infer<S> & string, Autocompleter>>;
  run(ctx: Context, args: z.output<S>): Promise<void>;
  /** Button handlers this command owns, keyed by action prefix ("q.a" for "q.a:round:2"). */
  actions?: Record<string, ActionHandler>;
  /** Form handlers this command owns, keyed by action prefix. */
  forms?: Record<string, FormHandler>;
}

/** A command with its argument types erased, as the registry and adapters hold it. */
export interface Command {
  name: string;
  description: string;
  args: z.ZodObject;
  organizerOnly: boolean;
  autocomplete: Record<string, Autocompleter>;
  run(ctx: Context, args: Record<string, unknown>): Promise<void>;
  actions: Record<string, ActionHandler>;
  forms: Record<string, FormHandler>;
}

export function defineCommand<S extends z.ZodObject>(spec: CommandSpec<S>): Command {
  return {
    name: spec.name,
    description: spec.description,
    args: spec.args,
    organizerOnly: spec.organizerOnly ?? false,
    autocomplete: (spec.autocomplete ?? {}) as Record<string, Autocompleter>,
    run: (ctx, args) => spec.run(ctx, args as z.output<S>),
    actions: spec.actions ?? {},
    forms: spec.forms ?? {},
  };
}

/** Action ids travel through platform custom ids (100 characters on Discord): keep them short. */
export const ACTION_ID_MAX = 100;

export function actionId(prefix: string, ...parts: (string | number)[]): string {
  const id = [prefix, ...parts].join(":");
  if (id.length > ACTION_ID_MAX) throw new Error(`action id too long: ${id}`);
  return id;
}

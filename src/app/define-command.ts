import type { z } from "zod";
import type { Action } from "../core/actions.ts";
import {
  type ActionRoute,
  type Command,
  type CommandSpec,
  defineCommand as defineCoreCommand,
  type FormRoute,
  onClick as onCoreClick,
  onSubmit as onCoreSubmit,
  type RouteOptions,
} from "../core/command.ts";
import type { AppContext } from "./app-context.ts";

/** The core's command definitions, with handlers that see the application's context. */
export function defineCommand<S extends z.ZodObject>(spec: CommandSpec<S, AppContext>): Command<AppContext> {
  return defineCoreCommand(spec);
}

export function onClick<P>(
  action: Action<P>,
  run: (ctx: AppContext, parts: P) => Promise<void>,
  options?: RouteOptions,
): ActionRoute<AppContext> {
  return onCoreClick(action, run, options);
}

export function onSubmit<P>(
  action: Action<P>,
  run: (ctx: AppContext, parts: P, values: Record<string, string>) => Promise<void>,
  options?: RouteOptions,
): FormRoute<AppContext> {
  return onCoreSubmit(action, run, options);
}

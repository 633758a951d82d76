import { parseArgs } from "./args.ts";
import type { ActionHandler, Command, FormHandler } from "./command.ts";
import { Context } from "./context.ts";
import { FormError, UnavailableError, UserError, unknownAction } from "./errors.ts";
import { homeMessage } from "../domain/home.ts";
import type { AutocompleteRequest, Choice, InboundEvent, Message } from "./model.ts";
import type { Services } from "./services.ts";

export type Outcome = "ok" | "user-error" | "unavailable" | "error";

function routeByPrefix<T>(
  commands: readonly Command[],
  pick: (c: Command) => Record<string, T>,
): Map<string, T> {
  const routes = new Map<string, T>();
  for (const command of commands) {
    for (const [prefix, handler] of Object.entries(pick(command))) {
      if (routes.has(prefix)) throw new Error(`action prefix ${prefix} is registered twice`);
      routes.set(prefix, handler);
    }
  }
  return routes;
}

/** Routes neutral events to commands, actions and forms, and turns every failure into a clear reply. */
export class Bot {
  private readonly byName: Map<string, Command>;
  private readonly actions: Map<string, ActionHandler>;
  private readonly forms: Map<string, FormHandler>;
  private readonly inFlight = new Set<Promise<Outcome>>();

  constructor(readonly services: Services) {
    this.byName = new Map(services.commands.map((c) => [c.name, c]));
    this.actions = routeByPrefix(services.commands, (c) => c.actions);
    this.forms = routeByPrefix(services.commands, (c) => c.forms);
  }

  get commands(): readonly Command[] {
    return this.services.commands;
  }

  /**
   * Handles one event to the end, whatever happens: a user error is told to the member, an
   * unreachable store gets "try again", and anything else is logged with the event id, which the
   * member sees too. Every event is logged and counted with its outcome and time.
   */
  handle(event: InboundEvent): Promise<Outcome> {
    const run = this.run(event);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves once every event being handled now has finished (for a graceful shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(event: InboundEvent): Promise<Outcome> {
    const started = performance.now();
    const ctx = new Context(event, this.services);
    const log = this.services.log.child({
      eventId: event.id,
      kind: event.kind,
      group: ctx.group,
      member: event.actor.id,
    });
    const outcome = await this.attempt(ctx, log);
    const seconds = (performance.now() - started) / 1000;
    const { metrics } = this.services;
    metrics.events.inc({ platform: event.place.platform, kind: event.kind, outcome });
    metrics.latency.observe({ kind: event.kind }, seconds);
    if (outcome === "unavailable") metrics.redisErrors.inc();
    const what = event.kind === "command" ? `/${event.command}` : event.action.split(":")[0];
    log.info({ what, outcome, ms: Math.round(seconds * 1000) }, "event handled");
    return outcome;
  }

  private async attempt(ctx: Context, log: Services["log"]): Promise<Outcome> {
    try {
      await this.route(ctx);
      return "ok";
    } catch (err) {
      if (
        err instanceof FormError &&
        ctx.event.kind === "form" &&
        (await ctx.event.respond.rejectForm?.(err.fields))
      ) {
        return "user-error";
      }
      if (err instanceof UserError) {
        await this.tell(ctx, err.message, log);
        return "user-error";
      }
      if (err instanceof UnavailableError) {
        log.warn({ err: err.cause }, "store unavailable");
        await this.tell(
          ctx,
          "The bot's storage is temporarily unavailable. Please try again in a moment.",
          log,
        );
        return "unavailable";
      }
      log.error({ err }, "event handler failed");
      await this.tell(ctx, `Something went wrong on my side (id ${ctx.event.id}). It has been logged.`, log);
      return "error";
    }
  }

  private async route(ctx: Context): Promise<void> {
    const event = ctx.event;
    if (event.kind === "command") {
      const command = this.byName.get(event.command);
      if (!command) throw new UserError(`I don't know /${event.command}. Try /help.`);
      if (command.organizerOnly && !(await ctx.isOrganizer())) {
        throw new UserError(`Only organizers can use /${command.name}.`);
      }
      await command.run(ctx, parseArgs(command.name, command.args, event.args));
      return;
    }
    const [prefix = "", ...parts] = event.action.split(":");
    const handler = event.kind === "button" ? this.actions.get(prefix) : this.forms.get(prefix);
    if (!handler) throw unknownAction();
    if (event.kind === "button") await (handler as ActionHandler)(ctx, parts);
    else await (handler as FormHandler)(ctx, parts, event.values);
  }

  private async tell(ctx: Context, text: string, log: Services["log"]): Promise<void> {
    try {
      await ctx.replyPrivately(ctx.text(text));
    } catch (err) {
      log.error({ err }, "could not deliver the error reply");
    }
  }

  /** A member's overview of their groups in one workspace (Slack's App Home). */
  home(platform: string, workspace: string, memberId: string): Promise<Message> {
    return homeMessage(this.services, platform, workspace, memberId);
  }

  /** Suggestions while a member types an argument; never throws, since platforms drop failed lookups. */
  async autocomplete(request: AutocompleteRequest): Promise<Choice[]> {
    const complete = this.byName.get(request.command)?.autocomplete[request.option];
    if (!complete) return [];
    try {
      return (await complete(this.services, request.partial)).slice(0, 25);
    } catch (err) {
      this.services.log.error({ err, request }, "autocomplete failed");
      return [];
    }
  }
}

import { splitActionId } from "./actions.ts";
import { parseArgs } from "./args.ts";
import { cmd } from "./command-token.ts";
import type { ActionRoute, Command, CommandInfo, FormRoute } from "./command.ts";
import type { Context } from "./context.ts";
import { FormError, PlatformRefusal, UnavailableError, UserError, unknownAction } from "./errors.ts";
import { groupId } from "./group-key.ts";
import type { AutocompleteRequest, Choice, InboundEvent, Message, Place } from "./model.ts";
import type { Log } from "./services.ts";

export type Outcome = "ok" | "user-error" | "unavailable" | "error";

/** What the bot reports after each event, for metrics. */
export interface HandledEvent {
  platform: string;
  kind: InboundEvent["kind"];
  outcome: Outcome;
  seconds: number;
  /** The user error's code, when the outcome is a user error. */
  code?: string;
}

export interface BotOptions<C extends Context> {
  services: C["services"];
  commands: readonly Command<C>[];
  /** Builds the per-event context handlers see. */
  context(event: InboundEvent, services: C["services"], commands: readonly Command<C>[]): C;
  /** A member's overview of their groups in one workspace (Slack's App Home). */
  home?(platform: string, workspace: string, memberId: string): Promise<Message>;
  /** Called once per event with its outcome. */
  observe?(handled: HandledEvent): void;
  /** Records a member's new name in a group that already knows them (see BotPort.renamed). */
  rename?(group: string, memberId: string, name: string): Promise<void>;
  /**
   * Runs after a command whose first reply was a message has succeeded, for a word owed to the
   * member (a notice the scheduler could not deliver). Buttons never run it: an answer's click stays
   * one store round trip. Its failures are logged, never shown.
   */
  afterCommand?(ctx: C): Promise<void>;
}

/**
 * Button ids kept parsed; past this many the map starts over. A round's few ids are clicked by every
 * member; ids clicked once (a practice step's) fill it too, so it starts over every few hundred sessions.
 */
const CLICKED_IDS_KEPT = 4096;

function routeByPrefix<R extends ActionRoute<never> | FormRoute<never>>(routes: R[]): Map<string, R> {
  const byPrefix = new Map<string, R>();
  for (const route of routes) {
    for (const prefix of [route.action.prefix, ...route.action.formerly]) {
      if (byPrefix.has(prefix)) throw new Error(`action prefix ${prefix} is registered twice`);
      byPrefix.set(prefix, route);
    }
  }
  return byPrefix;
}

/** The bot as adapters see it: where to hand events, and what commands to register. */
export interface BotPort {
  readonly commands: readonly CommandInfo[];
  handle(event: InboundEvent): Promise<Outcome>;
  autocomplete(request: AutocompleteRequest): Promise<Choice[]>;
  home(platform: string, workspace: string, memberId: string): Promise<Message>;
  /**
   * The platform shows a member under another name than their event in `place` carried (learned after
   * the event, off its path): the group's records take that name, if the group knows the member.
   */
  renamed(place: Place, memberId: string, name: string): Promise<void>;
}

/** Routes neutral events to commands, actions and forms, and turns every failure into a clear reply. */
export class Bot<C extends Context = Context> implements BotPort {
  private readonly byName: Map<string, Command<C>>;
  private readonly actions: Map<string, ActionRoute<C>>;
  private readonly forms: Map<string, FormRoute<C>>;
  private readonly inFlight = new Set<Promise<Outcome>>();
  /** Parsed button ids: every member of a round clicks one of a few ids, so most clicks find theirs here. */
  private readonly clicked = new Map<string, { route: ActionRoute<C>; parts: unknown }>();

  constructor(private readonly options: BotOptions<C>) {
    this.byName = new Map(options.commands.map((c) => [c.name, c]));
    this.actions = routeByPrefix(options.commands.flatMap((c) => c.actions));
    this.forms = routeByPrefix(options.commands.flatMap((c) => c.forms));
  }

  get commands(): readonly Command<C>[] {
    return this.options.commands;
  }

  get services(): C["services"] {
    return this.options.services;
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
    const ctx = this.options.context(event, this.options.services, this.options.commands);
    const { outcome, code } = await this.attempt(ctx);
    const seconds = (performance.now() - started) / 1000;
    this.options.observe?.({ platform: event.place.platform, kind: event.kind, outcome, seconds, code });
    const what = event.kind === "command" ? `/${event.command}` : splitActionId(event.action).prefix;
    // One line per event, its fields written out: spreading them in would cost more than the line.
    this.options.services.log.info(
      {
        eventId: event.id,
        kind: event.kind,
        group: ctx.group,
        member: event.actor.id,
        what,
        outcome,
        code,
        ms: Math.round(seconds * 1000),
      },
      "event handled",
    );
    return outcome;
  }

  private async attempt(ctx: C): Promise<{ outcome: Outcome; code?: string }> {
    try {
      await this.route(ctx);
      return { outcome: "ok" };
    } catch (err) {
      // A child logger only for an event with something to report.
      const { event } = ctx;
      const log = this.options.services.log.child({
        eventId: event.id,
        kind: event.kind,
        group: ctx.group,
        member: event.actor.id,
      });
      if (
        err instanceof FormError &&
        ctx.event.kind === "form" &&
        (await ctx.event.respond.rejectForm?.(err.fields))
      ) {
        return { outcome: "user-error", code: err.code };
      }
      if (err instanceof UserError) {
        await this.tell(ctx, err.message, log);
        return { outcome: "user-error", code: err.code };
      }
      if (err instanceof PlatformRefusal) {
        log.warn({ code: err.code }, "the platform refused a call");
        await this.tell(ctx, err.message, log);
        return { outcome: "user-error", code: err.code };
      }
      if (err instanceof UnavailableError) {
        log.warn({ err: err.cause }, "store unavailable");
        await this.tell(
          ctx,
          "The bot's storage is temporarily unavailable. Please try again in a moment.",
          log,
        );
        return { outcome: "unavailable", code: err.code };
      }
      log.error({ err }, "event handler failed");
      await this.tell(ctx, `Something went wrong on my side (id ${ctx.event.id}). It has been logged.`, log);
      return { outcome: "error" };
    }
  }

  private async route(ctx: C): Promise<void> {
    const event = ctx.event;
    if (event.kind === "command") {
      const command = this.byName.get(event.command);
      if (!command)
        throw new UserError("unknown-command", `I don't know ${cmd(event.command)}. Try ${cmd("help")}.`);
      if (command.organizerOnly && !(await ctx.isOrganizer())) {
        throw new UserError("organizers-only", `Only organizers can use ${cmd(command.name)}.`);
      }
      const args = parseArgs(command.name, command.args, event.args);
      const first = command.firstReply(args);
      event.respond.expectFirstReply?.(first);
      await command.run(ctx, args);
      if (first !== "form" && this.options.afterCommand) {
        await this.options.afterCommand(ctx).catch((err: unknown) => {
          this.options.services.log.warn({ err }, "the after-command step failed");
        });
      }
      return;
    }
    if (event.kind === "button") {
      const { route, parts } = this.clickedAction(event.action);
      event.respond.expectFirstReply?.(route.firstReply);
      await route.run(ctx, parts);
      return;
    }
    const { prefix, parts } = splitActionId(event.action);
    const route = this.forms.get(prefix);
    const parsed = route?.action.parse(parts);
    if (!route || parsed === undefined) throw unknownAction();
    event.respond.expectFirstReply?.(route.firstReply);
    await route.run(ctx, parsed, event.values);
  }

  /** A button id's route and parts, parsed once per id (the parts are frozen: handlers share them). */
  private clickedAction(id: string): { route: ActionRoute<C>; parts: unknown } {
    const known = this.clicked.get(id);
    if (known) return known;
    const { prefix, parts } = splitActionId(id);
    const route = this.actions.get(prefix);
    const parsed = route?.action.parse(parts);
    if (!route || parsed === undefined) throw unknownAction();
    const entry = {
      route,
      parts: typeof parsed === "object" && parsed !== null ? Object.freeze(parsed) : parsed,
    };
    if (this.clicked.size >= CLICKED_IDS_KEPT) this.clicked.clear();
    this.clicked.set(id, entry);
    return entry;
  }

  /** Errors reach the member privately where possible, else publicly: they must see what went wrong. */
  private async tell(ctx: C, text: string, log: Log): Promise<void> {
    try {
      await ctx.replyPrivately(ctx.text(text), "public");
    } catch (err) {
      log.error({ err }, "could not deliver the error reply");
    }
  }

  /** A member's overview of their groups in one workspace (Slack's App Home). */
  home(platform: string, workspace: string, memberId: string): Promise<Message> {
    if (this.options.home) return this.options.home(platform, workspace, memberId);
    return Promise.resolve({ blocks: [] });
  }

  async renamed(place: Place, memberId: string, name: string): Promise<void> {
    await this.options.rename?.(groupId(place), memberId, name);
  }

  /**
   * Suggestions while a member types an argument, every one the feature gives, in its order: each
   * adapter shows as many as its platform takes. Never throws, since platforms drop failed lookups.
   */
  async autocomplete(request: AutocompleteRequest): Promise<Choice[]> {
    const complete = this.byName.get(request.command)?.autocomplete[request.option];
    if (!complete) return [];
    try {
      return await complete(this.options.services, request.partial, request);
    } catch (err) {
      this.options.services.log.error({ err, request }, "autocomplete failed");
      return [];
    }
  }
}

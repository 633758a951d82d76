import type { CommandInfo } from "../core/command-info.ts";
import { cmd } from "../core/command-token.ts";
import { Context } from "../core/context.ts";
import { UserError } from "../core/errors.ts";
import type { InboundEvent } from "../core/model.ts";
import type { GroupSettings } from "./groups.ts";
import type { AppServices } from "./services.ts";

/** The context features see: the core's, plus the group's settings and the one organizer rule. */
export class AppContext extends Context<AppServices> {
  private settingsPromise?: Promise<GroupSettings>;

  constructor(event: InboundEvent, services: AppServices, commands: readonly CommandInfo[]) {
    super(event, services, commands);
  }

  settings(): Promise<GroupSettings> {
    this.settingsPromise ??= this.services.groups.settings(this.group);
    return this.settingsPromise;
  }

  /**
   * The one organizer rule, for every organizer-only action: the member who set the group up, or
   * whoever the platform says manages the channel, or, on platforms where the first member to set a
   * group up becomes its organizer, anyone while nobody has.
   */
  override async isOrganizer(known?: GroupSettings): Promise<boolean> {
    const settings = known ?? (await this.settings());
    if (settings.organizer === this.actor.id) return true;
    if (await this.isPlatformOrganizer()) return true;
    return Boolean(this.event.capabilities.organizerByFirstSetup && !settings.organizer);
  }

  /** Refuses, naming who may, unless the actor is an organizer. */
  async requireOrganizer(what: string, known?: GroupSettings): Promise<void> {
    if (await this.isOrganizer(known)) return;
    const who = this.event.capabilities.organizers ?? "the group's organizers";
    throw new UserError(
      "organizers-only",
      `Only organizers can ${what}: ${who}, or the member who set the group up. ${cmd("studygroup", "status")} is open to everyone.`,
    );
  }
}

import type { Place } from "./model.ts";

/** A workspace (Discord server, Slack workspace) of one platform: `platform:workspace`. */
export function workspaceId(place: Pick<Place, "platform" | "workspace">): string {
  return `${place.platform}:${place.workspace}`;
}

/** A group is one channel in one workspace of one platform; groups never see each other's data. */
export function groupId(place: Place): string {
  return `${workspaceId(place)}:${place.channel}`;
}

export function placeOfGroup(group: string): Place {
  const [platform = "", workspace = "", ...channel] = group.split(":");
  return { platform, workspace, channel: channel.join(":") };
}

export function workspaceOfGroup(group: string): string {
  return workspaceId(placeOfGroup(group));
}

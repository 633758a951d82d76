import { IANAZone } from "luxon";

/** Current names the runtime's zone list may still give under their old ones (Asia/Calcutta). */
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Enderbury": "Pacific/Kanton",
};

let zones: readonly string[] | undefined;

/**
 * Every IANA zone the runtime lists, each under its current name. Read on first use: the list and
 * its checks page in a few MB of the runtime's time zone data that a bot nobody searches never needs.
 */
function timeZones(): readonly string[] {
  zones ??= Intl.supportedValuesOf("timeZone")
    .map((zone) => {
      const current = RENAMED[zone];
      return current && IANAZone.isValidZone(current) ? current : zone;
    })
    .sort();
  return zones;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + swap);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** How a member might type a zone: any case, spaces for underscores. */
function loose(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "_");
}

function cityOf(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/**
 * The zones a mistyped zone most likely meant, best first: those containing what was typed ("berlin"
 * → Europe/Berlin), then those a few typos away ("Europe/Berln", "Asia/Kolkatta"). Empty when nothing
 * is close.
 */
export function suggestZones(typed: string, max = 3): string[] {
  const wanted = loose(typed);
  if (wanted.length < 2) return [];
  const allowed = Math.max(1, Math.floor(wanted.length / 4));
  const scored: { zone: string; score: number }[] = [];
  for (const zone of timeZones()) {
    const name = zone.toLowerCase();
    const city = cityOf(name);
    if (name.includes(wanted)) {
      scored.push({ zone, score: city === wanted ? 0 : 1 });
      continue;
    }
    const distance = Math.min(editDistance(wanted, name), editDistance(wanted, city));
    if (distance <= allowed) scored.push({ zone, score: 1 + distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.zone.length - b.zone.length || a.zone.localeCompare(b.zone))
    .slice(0, max)
    .map((s) => s.zone);
}

/**
 * Zones for a member typing one: every zone containing the text (cities starting with it first), or,
 * when none does, the ones it most likely meant. Every zone, in order, for an empty text.
 */
export function searchZones(partial: string): string[] {
  const wanted = loose(partial);
  if (!wanted) return [...timeZones()];
  const containing = timeZones().filter((zone) => zone.toLowerCase().includes(wanted));
  if (containing.length === 0) return suggestZones(partial, 10);
  const starts = (zone: string) => cityOf(zone.toLowerCase()).startsWith(wanted);
  return [...containing.filter(starts), ...containing.filter((zone) => !starts(zone))];
}

import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * A short random id of lowercase letters and digits, for events and quiz rounds. Random bytes are
 * drawn from a pool refilled 4 KiB at a time: one randomBytes call per event showed in profiles.
 */
export function shortId(length = 8): string {
  if (offset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[(pool[offset + i] as number) % ALPHABET.length];
  offset += length;
  return out;
}

/** What a shortId looks like inside an action id; anything else there was not made by the bot. */
export const SHORT_ID = /^[a-z0-9]{1,16}$/;

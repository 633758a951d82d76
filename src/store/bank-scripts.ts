/**
 * Lua scripts of the question banks, portable to the embedded engine like the others (see
 * redis-scripts.ts): replies are plain strings or numbers.
 *
 * SAVE: KEYS bank (id → question), topics (id → topic); ARGV limit, then id, topic, json for each
 * question. Saves all or nothing: "taken|id,id" when ids are in the bank, "over|total" when the bank
 * would pass the limit, else "saved|total".
 */
export const BANK_SAVE_SCRIPT = `
local limit = tonumber(ARGV[1])
local taken = {}
for i = 2, #ARGV, 3 do
  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then taken[#taken + 1] = ARGV[i] end
end
if #taken > 0 then return 'taken|' .. table.concat(taken, ',') end
local total = redis.call('HLEN', KEYS[1])
local adding = (#ARGV - 1) / 3
if total + adding > limit then return 'over|' .. total end
for i = 2, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
return 'saved|' .. (total + adding)
`;

/** REMOVE_TOPIC: KEYS bank, topics; ARGV topic. Removes the topic's questions, returns how many. */
export const BANK_REMOVE_TOPIC_SCRIPT = `
local all = redis.call('HGETALL', KEYS[2])
local removed = 0
for i = 1, #all, 2 do
  if all[i + 1] == ARGV[1] then
    redis.call('HDEL', KEYS[1], all[i])
    redis.call('HDEL', KEYS[2], all[i])
    removed = removed + 1
  end
end
return removed
`;

/** REMOVE: KEYS bank, topics; ARGV id. 1 when it was there. */
export const BANK_REMOVE_SCRIPT = `
local n = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return n
`;

/**
 * Lua scripts of the daily-post schedule: sorted sets (one per platform, see keys.ts) of each
 * scheduled group's next instant to look at, in ms. They touch only those sets, never a group's
 * keys, so on Redis Cluster they run in the sets' one slot.
 */

/**
 * Takes up to ARGV[3] groups whose instant is at or before ARGV[1], across the platforms' sets
 * (KEYS), and moves each to ARGV[2], the lease: no other process sees them until it passes, so due
 * posts are handed out rather than raced for, and a process that dies mid-post gives them back.
 * Returns the groups taken.
 */
export const TAKE_DUE_SCRIPT = `
local limit = tonumber(ARGV[3])
local taken = {}
for _, key in ipairs(KEYS) do
  if #taken >= limit then break end
  local due = redis.call('ZRANGEBYSCORE', key, '-inf', ARGV[1], 'LIMIT', 0, limit - #taken)
  for _, group in ipairs(due) do
    redis.call('ZADD', key, ARGV[2], group)
    taken[#taken + 1] = group
  end
end
-- A fresh table: the embedded engine (ioredis-mock) loses tables grown one index at a time.
return {unpack(taken)}
`;

/**
 * Sets a group's next instant (ARGV[3]; '' removes the group) only if its current one is still
 * ARGV[2] ('' for absent): whoever read the settings earlier loses to whoever changed the entry
 * since, and retries with fresh settings. Returns 1 when set, 0 when the entry had moved.
 */
export const SET_CHECK_SCRIPT = `
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  if current then return 0 end
elseif (not current) or tonumber(current) ~= tonumber(ARGV[2]) then
  return 0
end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
end
return 1
`;

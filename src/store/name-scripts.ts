/**
 * Renames a member in a group's names hash (KEYS[1]) to ARGV[2], if the group knows them (ARGV[1] is
 * a field): a name learned after the fact corrects the record without adding members who never
 * studied there. Returns 1 when it renamed.
 */
export const RENAME_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

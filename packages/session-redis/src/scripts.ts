// Lua scripts run atomically by Redis. A session is a hash:
//   id  random id of the login (SessionEntry.id)
//   c   createdAt (epoch ms)      e  expiresAt (epoch ms, or "inf")
//   s   the session value (JSON, or AES-GCM ciphertext when x = "1")
// The key's own TTL follows `e`, so Redis forgets a session nobody extends.

/** KEYS[1] session key; ARGV id, createdAt, expiresAt, value, encrypted flag, ttl ms (0: none). */
export const SET_SESSION = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'c', ARGV[2], 'e', ARGV[3], 's', ARGV[4], 'x', ARGV[5])
local ttl = tonumber(ARGV[6])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
`;

/** KEYS[1] session key; ARGV[1] expected id. Deletes only when the stored session is still that one. */
export const COMPARE_AND_DELETE = `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * KEYS[1] session key; ARGV id, new expiresAt, ttl ms. Extends the session only when it is still
 * that one (never resurrects a deleted or replaced session) and never moves expiry backwards.
 */
export const TOUCH_SESSION = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
local current = redis.call('HGET', KEYS[1], 'e')
if current ~= 'inf' and tonumber(current) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'e', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
`;

/** KEYS[1] lock key; ARGV[1] holder token. Releases the lock only for its holder. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** KEYS[1] lock key; ARGV[1] holder token, ARGV[2] ttl ms. Extends the lock only for its holder. */
export const EXTEND_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

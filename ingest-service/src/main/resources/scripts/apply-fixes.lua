-- Applies a batch of GPS fixes of ONE shard atomically (docs/redis-keys.md).
-- KEYS: 1 = geo set, 2 = seen set, then per fix: position hash, track set.
-- ARGV: 1 = track max points (0 = no track), 2 = track max age (ms),
--       then per fix 7 values: car id, ts, lat, lng, speedKmh, heading, kafkaTs
--       (speedKmh and heading are '' when the device did not send them).
-- A fix replaces the latest position only if its ts is strictly newer than the stored
-- one, so older, duplicate and replayed fixes never overwrite newer state.
-- Returns the number of fixes that became the latest position.
local maxPoints = tonumber(ARGV[1])
local maxAgeMs = tonumber(ARGV[2])
local applied = 0
local fixes = (#KEYS - 2) / 2
for i = 0, fixes - 1 do
  local posKey = KEYS[3 + 2 * i]
  local a = 3 + 7 * i
  local car, ts, lat, lng = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local speed, heading = ARGV[a + 4], ARGV[a + 5]
  local tsNum = tonumber(ts)
  local stored = tonumber(redis.call('HGET', posKey, 'ts'))
  local newest = tsNum
  if stored == nil or tsNum > stored then
    local indexable = math.abs(tonumber(lat)) <= 85.05112878
    redis.call('HSET', posKey, 'lat', lat, 'lng', lng, 'ts', ts, 'speedKmh', speed, 'heading', heading,
      'kafkaTs', ARGV[a + 6], 'geo', indexable and '1' or '0')
    if indexable then
      redis.call('GEOADD', KEYS[1], lng, lat, car)
    else
      redis.call('ZREM', KEYS[1], car)
    end
    redis.call('ZADD', KEYS[2], ts, car)
    applied = applied + 1
  else
    newest = stored
  end
  if maxPoints > 0 then
    local trackKey = KEYS[4 + 2 * i]
    local member = ts .. ',' .. lat .. ',' .. lng .. ',' .. speed .. ',' .. heading
    if redis.call('ZADD', trackKey, ts, member) == 1 then
      redis.call('ZREMRANGEBYSCORE', trackKey, '-inf', '(' .. (newest - maxAgeMs))
      redis.call('ZREMRANGEBYRANK', trackKey, 0, -(maxPoints + 1))
      redis.call('PEXPIRE', trackKey, maxAgeMs)
    end
  end
end
return applied

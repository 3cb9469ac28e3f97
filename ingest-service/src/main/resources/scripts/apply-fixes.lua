-- Applies a batch of GPS fixes of ONE shard atomically (docs/redis-keys.md).
-- KEYS: 1 = geo set, 2 = seen set, then per fix: position hash, track set.
-- ARGV: 1 = track max points (0 = no track), 2 = track max age (ms),
--       3 = track trim interval (ms),
--       then per fix 9 values: car id, ts, lat, lng, speedKmh, heading, kafkaTs,
--       geo-indexable ('1' or '0'), track member
--       (speedKmh and heading are '' when the device did not send them).
-- A car's latest position is replaced only by a fix strictly newer than its last-seen
-- time (and than any other fix of the car in this call), so older, duplicate and
-- replayed fixes never overwrite newer state. The comparisons, the geo index and the
-- last-seen times are done with one multi-member command each per call; only the
-- position hash and the track point are written per fix.
-- Returns the number of fixes that became their car's latest position.
local maxPoints = tonumber(ARGV[1])
local maxAgeMs = tonumber(ARGV[2])
local trimIntervalMs = tonumber(ARGV[3])
local geoKey, seenKey = KEYS[1], KEYS[2]
local fixes = (#KEYS - 2) / 2
local HEADER = 3
local PER_FIX = 9

local cars = {}
for i = 0, fixes - 1 do
  cars[i + 1] = ARGV[HEADER + 1 + PER_FIX * i]
end
local stored = redis.call('ZMSCORE', seenKey, unpack(cars))

-- the newest fix of each car that beats its stored last-seen time
local previous, winner = {}, {}
for i = 0, fixes - 1 do
  local car = cars[i + 1]
  local ts = tonumber(ARGV[HEADER + 2 + PER_FIX * i])
  if previous[car] == nil then
    previous[car] = tonumber(stored[i + 1]) or -1
  end
  local best = winner[car]
  local bar = best and tonumber(ARGV[HEADER + 2 + PER_FIX * best]) or previous[car]
  if ts > bar then
    winner[car] = i
  end
end

local applied = 0
local geoArgs, farArgs, seenArgs = {}, {}, {}
for car, i in pairs(winner) do
  local a = HEADER + 1 + PER_FIX * i
  local ts, lat, lng = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  redis.call('HSET', KEYS[3 + 2 * i], 'lat', lat, 'lng', lng, 'ts', ts, 'speedKmh', ARGV[a + 4],
    'heading', ARGV[a + 5], 'kafkaTs', ARGV[a + 6], 'geo', ARGV[a + 7])
  if ARGV[a + 7] == '1' then
    geoArgs[#geoArgs + 1] = lng
    geoArgs[#geoArgs + 1] = lat
    geoArgs[#geoArgs + 1] = car
  else
    farArgs[#farArgs + 1] = car
  end
  seenArgs[#seenArgs + 1] = ts
  seenArgs[#seenArgs + 1] = car
  applied = applied + 1
end
if #geoArgs > 0 then
  redis.call('GEOADD', geoKey, unpack(geoArgs))
end
if #farArgs > 0 then
  redis.call('ZREM', geoKey, unpack(farArgs))
end
if #seenArgs > 0 then
  redis.call('ZADD', seenKey, 'GT', unpack(seenArgs))
end

if maxPoints > 0 then
  for i = 0, fixes - 1 do
    local a = HEADER + 1 + PER_FIX * i
    local trackKey = KEYS[4 + 2 * i]
    if redis.call('ZADD', trackKey, ARGV[a + 1], ARGV[a + 8]) == 1 and winner[cars[i + 1]] == i then
      -- trimmed when the car's newest fix enters a new trim interval: at most once per
      -- interval per car, so the bounds may be exceeded by one interval's points
      local ts = tonumber(ARGV[a + 1])
      if math.floor(ts / trimIntervalMs) ~= math.floor(previous[cars[i + 1]] / trimIntervalMs) then
        redis.call('ZREMRANGEBYRANK', trackKey, 0, -(maxPoints + 1))
        redis.call('ZREMRANGEBYSCORE', trackKey, '-inf', '(' .. (ts - maxAgeMs))
        redis.call('PEXPIRE', trackKey, maxAgeMs)
      end
    end
  end
end
return applied

-- Applies a batch of GPS fixes of ONE shard atomically (docs/redis-keys.md).
-- KEYS: 1 = geo set, 2 = seen set, then per fix: position hash, track set.
-- ARGV: 1 = track max points (0 = no track), 2 = track max age (ms),
--       3 = track expiry refresh interval (ms),
--       then per fix 9 values: car id, ts, lat, lng, speedKmh, heading, kafkaTs,
--       geo-indexable ('1' or '0'), track member
--       (speedKmh and heading are '' when the device did not send them).
-- A car's latest position is replaced only by a fix strictly newer than its last-seen
-- time (and than any other fix of the car in this call), so older, duplicate and
-- replayed fixes never overwrite newer state. The comparisons, the geo index and the
-- last-seen times are done with one multi-member command each per call; only the
-- position hash and the track point are written per fix. The track is a list, newest
-- first: a fix newer than all before it is pushed on the head (the common case, O(1)); a
-- late fix is inserted at its place unless it is already there (so a replay adds nothing).
-- Returns {applied, late}: the number of cars whose latest position a fix of this call
-- replaced, and the number of late fixes (older than or equal to the car's newest known
-- fix when they arrived: its last-seen time or an earlier fix of this call). An in-order
-- fix overtaken by a newer one of the same car in this call is neither.
local maxPoints = tonumber(ARGV[1])
local maxAgeMs = tonumber(ARGV[2])
local refreshMs = tonumber(ARGV[3])
local geoKey, seenKey = KEYS[1], KEYS[2]
local fixes = (#KEYS - 2) / 2
local HEADER = 3
local TRIM_SLACK = 10
local PER_FIX = 9

local cars = {}
for i = 0, fixes - 1 do
  cars[i + 1] = ARGV[HEADER + 1 + PER_FIX * i]
end
local stored = redis.call('ZMSCORE', seenKey, unpack(cars))

-- the rare late fix: inserted in time order, once
local function insertLate(trackKey, ts, member)
  local points = redis.call('LRANGE', trackKey, 0, -1)
  for j = 1, #points do
    local point = points[j]
    if point == member then
      return
    end
    if tonumber(string.match(point, '^[^,]+')) < ts then
      redis.call('LINSERT', trackKey, 'BEFORE', point, member)
      redis.call('LTRIM', trackKey, 0, maxPoints - 1)
      return
    end
  end
  if #points < maxPoints then
    redis.call('RPUSH', trackKey, member)
  end
end

-- one pass in arrival order: a fix newer than everything seen of its car so far becomes
-- the car's candidate latest position and is pushed on its track; any other is late
local newest, winner = {}, {}
local late = 0
for i = 0, fixes - 1 do
  local car = cars[i + 1]
  local a = HEADER + 1 + PER_FIX * i
  local ts = tonumber(ARGV[a + 1])
  local last = newest[car]
  if last == nil then
    last = tonumber(stored[i + 1]) or -1
  end
  if ts > last then
    winner[car] = i
    newest[car] = ts
    if maxPoints > 0 then
      local trackKey = KEYS[4 + 2 * i]
      -- trimmed back to maxPoints only once it holds TRIM_SLACK more: a command per fix saved
      if redis.call('LPUSH', trackKey, ARGV[a + 8]) > maxPoints + TRIM_SLACK then
        redis.call('LTRIM', trackKey, 0, maxPoints - 1)
      end
      -- the expiry (a silent car's track goes away) is moved once per interval, not per fix
      if math.floor(ts / refreshMs) ~= math.floor(last / refreshMs) then
        redis.call('PEXPIRE', trackKey, maxAgeMs)
      end
    end
  else
    late = late + 1
    if maxPoints > 0 then
      insertLate(KEYS[4 + 2 * i], ts, ARGV[a + 8])
    end
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
return {applied, late}

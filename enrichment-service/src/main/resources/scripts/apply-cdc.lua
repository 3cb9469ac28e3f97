-- Applies a batch of CDC row changes to the snapshot atomically (docs/redis-keys.md,
-- "Snapshot"). Every key carries the hash tag {snapshot} (one cluster slot); KEYS
-- declares the two fixed keys, the others are named from ARGV[1].
-- KEYS: 1 = generation string, 2 = offsets hash.
-- ARGV: 1 = key prefix, 2 = the device table's join column, 3 = the caller's generation,
--       4 = '1' if the caller may start a generation (its snapshot was built from the
--       beginning of the topics), else '0', 5 = n, then n pairs (topic:partition, next
--       offset), then per record 6 values: table ('c' car, 'd' device), operation
--       ('u' upsert, 'x' delete), primary key, version ('micros:transaction:offset'),
--       row (JSON of column -> typed text, '' for a delete), car id of a device ('' none).
-- A record older than the version held for its row (a tombstone too: a deleted row keeps
-- its version) is ignored; an equal one is a replay and applies again, idempotently.
-- Each car whose rows changed gets its attribute hash rebuilt from its car row and the
-- rows of its devices, with the naming rule of ReferenceMerge; a car without a car row
-- has no attribute hash. Offsets move forward only under the caller's generation.
-- Returns {generation accepted (1/0), then 1 (applied) or 0 (stale) per record}.
local prefix, join = ARGV[1], ARGV[2]
local generation, mayStart = ARGV[3], ARGV[4] == '1'
local pairsCount = tonumber(ARGV[5])
local HEADER = 5 + 2 * pairsCount
local PER_RECORD = 6
local rowsKey = { c = prefix .. 'rows:carinfo', d = prefix .. 'rows:deviceinfo' }
local versionsKey = { c = prefix .. 'versions:carinfo', d = prefix .. 'versions:deviceinfo' }
local indexKey = prefix .. 'device-car'

local function version(text)
  local t, x, o = string.match(text, '^(%d+):(%d+):(%d+)$')
  return tonumber(t), tonumber(x), tonumber(o)
end

local function older(a, b)
  local at, ax, ao = version(a)
  local bt, bx, bo = version(b)
  if at ~= bt then
    return at < bt
  end
  if ax ~= bx then
    return ax < bx
  end
  return ao < bo
end

-- byte order, as Java compares the UTF-8 bytes (Lua's '<' follows the server's locale)
local function bytesLess(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local function isNull(typed)
  return string.sub(typed, 1, 1) == 'z'
end

local function rebuild(car)
  local carKey = prefix .. 'car:' .. car
  redis.call('DEL', carKey)
  local carRow = redis.call('HGET', rowsKey.c, car)
  if not carRow then
    return
  end
  local carColumns = cjson.decode(carRow)
  local ids = redis.call('SMEMBERS', prefix .. 'devices:' .. car)
  table.sort(ids, bytesLess)
  local devices, deviceColumns = {}, {}
  if #ids > 0 then
    local rows = redis.call('HMGET', rowsKey.d, unpack(ids))
    for i = 1, #ids do
      if rows[i] then
        local columns = cjson.decode(rows[i])
        columns[join] = nil
        devices[#devices + 1] = columns
        for name in pairs(columns) do
          deviceColumns[name] = true
        end
      end
    end
  end
  local fields = {}
  for name, typed in pairs(carColumns) do
    if not isNull(typed) then
      fields[deviceColumns[name] and ('carinfo.' .. name) or name] = string.sub(typed, 2)
    end
  end
  -- several devices: the lowest device id with a non-null value wins
  for _, columns in ipairs(devices) do
    for name, typed in pairs(columns) do
      if not isNull(typed) then
        local field = (carColumns[name] ~= nil) and ('deviceinfo.' .. name) or name
        if fields[field] == nil then
          fields[field] = string.sub(typed, 2)
        end
      end
    end
  end
  local args = {}
  for field, text in pairs(fields) do
    args[#args + 1] = field
    args[#args + 1] = text
  end
  if #args > 0 then
    redis.call('HSET', carKey, unpack(args))
  end
end

local results = {}
local dirty = {}
local records = (#ARGV - HEADER) / PER_RECORD
for i = 0, records - 1 do
  local a = HEADER + PER_RECORD * i
  local tbl, op, key, ver, row, car = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]
  local held = redis.call('HGET', versionsKey[tbl], key)
  if held and older(ver, held) then
    results[#results + 1] = 0
  else
    redis.call('HSET', versionsKey[tbl], key, ver)
    if op == 'x' then
      redis.call('HDEL', rowsKey[tbl], key)
    else
      redis.call('HSET', rowsKey[tbl], key, row)
    end
    if tbl == 'c' then
      dirty[key] = true
    else
      local old = redis.call('HGET', indexKey, key)
      local new = (op ~= 'x' and car ~= '') and car or false
      if old and old ~= new then
        redis.call('SREM', prefix .. 'devices:' .. old, key)
        dirty[old] = true
      end
      if new then
        if old ~= new then
          redis.call('SADD', prefix .. 'devices:' .. new, key)
          redis.call('HSET', indexKey, key, new)
        end
        dirty[new] = true
      elseif old then
        redis.call('HDEL', indexKey, key)
      end
    end
    results[#results + 1] = 1
  end
end
for car in pairs(dirty) do
  rebuild(car)
end

local accepted = 0
local stored = redis.call('GET', KEYS[1])
if stored == generation then
  accepted = 1
elseif not stored and mayStart then
  redis.call('SET', KEYS[1], generation)
  accepted = 1
end
if accepted == 1 then
  for j = 0, pairsCount - 1 do
    local field, nextOffset = ARGV[6 + 2 * j], tonumber(ARGV[7 + 2 * j])
    local current = tonumber(redis.call('HGET', KEYS[2], field) or '-1')
    if nextOffset > current then
      redis.call('HSET', KEYS[2], field, nextOffset)
    end
  end
end
table.insert(results, 1, accepted)
return results

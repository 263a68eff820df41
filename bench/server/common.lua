-- Shared by the DynamoDB-protocol wrk scripts of bench/server/run.sh: the
-- seed's `purchase` table (toys-store-orders.md), requests built per call.
--
-- Each workload script sets `workload` and then runs this file:
--   workload = "get"; dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
--
-- Environment (set by run.sh):
--   BENCH_ORDERS   orders preloaded by loader.py (ids 0 .. N-1)
--   BENCH_USERS    users of the preload
--   BENCH_LABEL    a label echoed in the RESULT line
--   BENCH_CHECK=1  also count answers by status and DynamoDB error type
--                  (slower: wrk then parses every answer; used for the short
--                  correctness pass, never for the timed runs)
-- The id scheme must match loader.py.

local ORDERS = tonumber(os.getenv("BENCH_ORDERS") or "100000")
local USERS = tonumber(os.getenv("BENCH_USERS") or "2000")
local PRODUCTS = tonumber(os.getenv("BENCH_PRODUCTS") or "500")
local CREATED0 = 1428791681
local STATUSES = {101, 201, 301}
local CHECK = os.getenv("BENCH_CHECK") == "1"

local function order_id(n) return string.format("00000000-0000-4000-8000-%012d", n) end
local function user_id(u) return string.format("10000000-0000-4000-8000-%012d", u) end
local function product_id(p) return string.format("20000000-0000-4000-8000-%012d", p) end

-- Neither server checks signatures here (ordertrack without --credentials,
-- dynalite never), but dynalite refuses a request with no Authorization
-- header at all, so both get the same unsigned placeholder.
local function headers(op)
  return {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
    ["X-Amz-Date"] = "20150412T124500Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20150412/us-east-1/dynamodb/aws4_request, "
      .. "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0",
  }
end
local H = {
  PutItem = headers("PutItem"),
  GetItem = headers("GetItem"),
  UpdateItem = headers("UpdateItem"),
  Query = headers("Query"),
}

-- wrk.format builds a request from its header table on every call (a
-- string.format per header, a table and a concat): about half of wrk's own
-- CPU per request here. The header lines of each table are the same every
-- time, so they are built once per thread and the request is one concat.
-- As with wrk.format, no table means wrk's own headers (Host among them).
local header_lines = {}
local function format(method, path, hdrs, body)
  hdrs = hdrs or wrk.headers
  local lines = header_lines[hdrs]
  if not lines then
    local parts = {}
    if not hdrs["Host"] then parts[1] = "Host: " .. wrk.headers["Host"] end
    for name, value in pairs(hdrs) do parts[#parts + 1] = name .. ": " .. value end
    lines = table.concat(parts, "\r\n") .. "\r\n"
    header_lines[hdrs] = lines
  end
  if body then
    return method .. " " .. path .. " HTTP/1.1\r\n" .. lines .. "Content-Length: " .. #body
      .. "\r\n\r\n" .. body
  end
  return method .. " " .. path .. " HTTP/1.1\r\n" .. lines .. "\r\n"
end

local thread_id = 0
local put_counter = 0
local run_nonce = 0

-- The seed's create_order: a new order, in progress.
local function put_request()
  put_counter = put_counter + 1
  local id = string.format("30000000-%04x-4%03x-8000-%012d", run_nonce % 65536, thread_id % 4096, put_counter)
  local created = CREATED0 + ORDERS + put_counter
  local body = string.format(
    '{"TableName":"purchase","Item":{"order_id":{"S":"%s"},"user_id":{"S":"%s"},'
      .. '"product_id":{"S":"%s"},"created":{"N":"%d"},"order_status":{"N":"101"},'
      .. '"order_status_created":{"S":"101_%d"}}}',
    id, user_id(math.random(0, USERS - 1)), product_id(math.random(0, PRODUCTS - 1)), created, created)
  return format("POST", "/", H.PutItem, body)
end

-- GetItem of a random preloaded order.
local function get_request()
  local body = string.format('{"TableName":"purchase","Key":{"order_id":{"S":"%s"}}}',
    order_id(math.random(0, ORDERS - 1)))
  return format("POST", "/", H.GetItem, body)
end

-- The seed's update_order_status, made safe against races: change the status
-- of a random preloaded order only if it still has the status we believe it
-- has. The belief is a random one of the three, so about two answers in three
-- are ConditionalCheckFailedException (HTTP 400): answers, not errors.
local function update_request()
  local n = math.random(0, ORDERS - 1)
  local old = STATUSES[math.random(1, 3)]
  local new = STATUSES[math.random(1, 3)]
  local body = string.format(
    '{"TableName":"purchase","Key":{"order_id":{"S":"%s"}},'
      .. '"UpdateExpression":"SET order_status = :s, order_status_created = :sc",'
      .. '"ConditionExpression":"order_status = :old",'
      .. '"ExpressionAttributeValues":{":s":{"N":"%d"},":sc":{"S":"%d_%d"},":old":{"N":"%d"}},'
      .. '"ReturnValues":"ALL_NEW"}',
    order_id(n), new, new, CREATED0 + n, old)
  return format("POST", "/", H.UpdateItem, body)
end

-- The seed's get_user_orders: in-progress and completed orders of a user, on
-- the for_user_id GSI, legacy KeyConditions with BETWEEN, Limit 10.
local function query_request()
  local body = string.format(
    '{"TableName":"purchase","IndexName":"for_user_id","KeyConditions":{'
      .. '"user_id":{"AttributeValueList":[{"S":"%s"}],"ComparisonOperator":"EQ"},'
      .. '"order_status_created":{"AttributeValueList":[{"S":"100_0"},{"S":"202_0"}],'
      .. '"ComparisonOperator":"BETWEEN"}},"Limit":10}',
    user_id(math.random(0, USERS - 1)))
  return format("POST", "/", H.Query, body)
end

-- The seed's mix: 20% create, 20% status change, 30% get, 30% user query.
local function mixed_request()
  local r = math.random(1, 100)
  if r <= 20 then return put_request() end
  if r <= 40 then return update_request() end
  if r <= 70 then return get_request() end
  return query_request()
end

-- The orders REST API (issue 5) on the same preloaded orders.
local JSON = {["Content-Type"] = "application/json"}

local function rest_create_request()
  local body = string.format('{"user_id":"%s","product_id":"%s"}',
    user_id(math.random(0, USERS - 1)), product_id(math.random(0, PRODUCTS - 1)))
  return format("POST", "/v1/orders", JSON, body)
end

-- A random preloaded order to completed or canceled: 409 once it is final.
local function rest_status_request()
  local status = math.random(1, 2) == 1 and "completed" or "canceled"
  return format("PATCH", "/v1/orders/" .. order_id(math.random(0, ORDERS - 1)), JSON,
    '{"status":"' .. status .. '"}')
end

local function rest_user_request()
  return format("GET", "/v1/users/" .. user_id(math.random(0, USERS - 1)) .. "/orders?limit=10")
end

local builders = {
  rest_create = rest_create_request,
  rest_status = rest_status_request,
  rest_user = rest_user_request,
  put = put_request,
  get = get_request,
  update = update_request,
  query = query_request,
  mixed = mixed_request,
}
local build = builders[workload]
if not build then error("common.lua: unknown workload " .. tostring(workload)) end

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("bench_thread_id", next_id)
  thread:set("bench_nonce", (os.time() * 7 + next_id) % 65536)
  table.insert(threads, thread)
end

function init(args)
  thread_id = bench_thread_id or 0
  run_nonce = bench_nonce or 0
  math.randomseed(os.time() * 1000 + thread_id * 7919)
  for _ = 1, 10 do math.random() end
  check_counts = ""
end

function request()
  return build()
end

if CHECK then
  local counts = {}
  function response(status, hdrs, body)
    local key = tostring(status)
    if status ~= 200 then
      local t = body and body:match('"__type"%s*:%s*"[^"]*#([^"]+)"')
      key = key .. ":" .. (t or "?")
      if counts[key] == nil and body then
        io.stderr:write("CHECK " .. (os.getenv("BENCH_LABEL") or "") .. " first " .. key .. ": "
          .. body:sub(1, 300) .. "\n")
      end
    end
    counts[key] = (counts[key] or 0) + 1
    local parts = {}
    for k, v in pairs(counts) do parts[#parts + 1] = k .. "=" .. v end
    table.sort(parts)
    check_counts = table.concat(parts, ",")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local line = string.format(
    "RESULT label=%s workload=%s requests=%d duration_s=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d "
      .. "max_us=%d non2xx=%d sock_errors=%d timeouts=%d wrk_cpu_s=%.3f",
    os.getenv("BENCH_LABEL") or "-", workload, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write, e.timeout, os.clock())
  if CHECK then
    local all = {}
    for _, t in ipairs(threads) do
      local c = t:get("check_counts")
      if c and c ~= "" then all[#all + 1] = c end
    end
    line = line .. " check=" .. (#all > 0 and table.concat(all, ";") or "none")
  end
  io.write(line .. "\n")
end

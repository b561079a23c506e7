-- wrk script for `bench/explorer.py pages`: GET <prefix><id> with an id drawn at random from a file.
--
--   wrk -t 1 -c 1 -d 45s --timeout 30s -s bench/pages.lua http://127.0.0.1:8765 -- /procurement/project/ ids.txt
--
-- One wrk runs per client connection (wrk keeps one latency histogram per run, and opens all its
-- connections at once). Ids are already URL-quoted, one per line. `done` prints one JSON line with
-- the percentiles (microseconds) and the error counts, and one with the whole histogram; keep-alive
-- stays on as in a browser.

local seeds = 0

function setup(thread)
   seeds = seeds + 1
   thread:set("seed", seeds)
end

function init(args)
   prefix = args[1]
   ids = {}
   for line in io.lines(args[2]) do
      if #line > 0 then
         ids[#ids + 1] = line
      end
   end
   math.randomseed(5 + 7919 * (seed or 0))
end

function request()
   return wrk.format("GET", prefix .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, ' ..
      '"write": %d, "status": %d, "timeout": %d}, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
      summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
   -- every latency recorded and how often, so runs of several wrk processes can be merged
   local pairs = {}
   for i = 1, #latency do
      local value, count = latency(i)
      pairs[#pairs + 1] = string.format("[%d, %d]", value, count)
   end
   io.write('{"histogram": [' .. table.concat(pairs, ", ") .. ']}\n')
end

-- wrk script: the query workload (see common.lua).
workload = "query"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")

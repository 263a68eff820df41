-- wrk script: the rest_create workload (see common.lua).
workload = "rest_create"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")

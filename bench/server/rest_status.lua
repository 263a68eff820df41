-- wrk script: the rest_status workload (see common.lua).
workload = "rest_status"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")

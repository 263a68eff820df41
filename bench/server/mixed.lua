-- wrk script: the mixed workload (see common.lua).
workload = "mixed"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")

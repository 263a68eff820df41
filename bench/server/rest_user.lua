-- wrk script: the rest_user workload (see common.lua).
workload = "rest_user"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")

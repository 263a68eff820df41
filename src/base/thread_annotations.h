// File: base/thread_annotations.h
// Clang's thread-safety annotations: which mutex guards a member, which a
// function needs or takes. Checked by -Wthread-safety in the clang build
// (`make fuzz-build`, part of `make test`); no-ops for other compilers. Use
// them with base::Mutex and base::SharedMutex (base/mutex.h): the standard
// library's mutexes carry no annotations for the analysis to follow.
#pragma once

#if defined(__clang__)
#define OT_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define OT_THREAD_ANNOTATION(x)
#endif

#define OT_CAPABILITY(name) OT_THREAD_ANNOTATION(capability(name))
#define OT_SCOPED_CAPABILITY OT_THREAD_ANNOTATION(scoped_lockable)
#define OT_GUARDED_BY(mu) OT_THREAD_ANNOTATION(guarded_by(mu))
#define OT_REQUIRES(...) OT_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define OT_EXCLUDES(...) OT_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define OT_ACQUIRE(...) OT_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define OT_ACQUIRE_SHARED(...) OT_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define OT_RELEASE(...) OT_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define OT_RELEASE_SHARED(...) OT_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define OT_RELEASE_GENERIC(...) OT_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define OT_TRY_ACQUIRE(...) OT_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define OT_ASSERT_CAPABILITY(x) OT_THREAD_ANNOTATION(assert_capability(x))
#define OT_NO_THREAD_SAFETY_ANALYSIS OT_THREAD_ANNOTATION(no_thread_safety_analysis)

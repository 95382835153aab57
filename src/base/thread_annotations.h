// Clang thread-safety annotations (-Wthread-safety), as leveldb uses them:
// the compiler checks that a member marked GUARDED_BY(mu_) is only touched
// with mu_ held. Under GCC the macros expand to nothing.
//
// Use with bh::Mutex (base/mutex.h), whose lock operations are annotated;
// std::mutex from libstdc++ is not, so clang could not check it.
#ifndef BLUEHELMET_BASE_THREAD_ANNOTATIONS_H_
#define BLUEHELMET_BASE_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define BH_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define BH_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) BH_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY BH_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) BH_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) BH_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRE(...) BH_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) BH_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define REQUIRES(...) BH_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) BH_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS BH_THREAD_ANNOTATION(no_thread_safety_analysis)

#endif  // BLUEHELMET_BASE_THREAD_ANNOTATIONS_H_

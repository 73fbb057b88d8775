#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: the one setting the project uses, as a function. */
/* Leaves the write-ahead log as it is when this connection closes, instead of checkpointing it into the
   database (and syncing and deleting both files) at every close; SQLite checkpoints it on its own once it
   holds 1,000 pages. */
static inline int quote_sqlite3_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

/* One malloc arena for every thread (glibc's M_ARENA_MAX), set before a program's threads start: a build whose
   two threads let go of and allocate millions of small blocks then reuses one heap instead of growing two.
   Elsewhere (another C library) nothing. */
#if defined(__linux__)
#include <features.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
static inline void quote_one_malloc_arena(void) { (void)mallopt(M_ARENA_MAX, 1); }
#else
static inline void quote_one_malloc_arena(void) {}
#endif

#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: the one setting the project uses, as a function. */
/* Leaves the write-ahead log as it is when this connection closes, instead of checkpointing it into the
   database (and syncing and deleting both files) at every close; SQLite checkpoints it on its own once it
   holds 1,000 pages. */
static inline int quote_sqlite3_no_checkpoint_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

// minizip (Debian's libminizip-dev) reads a ZIP archive through a table of file functions; these serve it
// from a buffer in memory, so a workbook is read from the bytes the catalog code already holds. This is
// I/O plumbing only: the archive's structure is minizip's to read.
#include <unzip.h>
#include <string.h>

typedef struct {
    const unsigned char *bytes;
    ZPOS64_T size;
    ZPOS64_T position;
} quote_memory_stream;

static voidpf quote_memory_open(voidpf opaque, const void *filename, int mode) {
    (void)filename;
    if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return NULL;
    ((quote_memory_stream *)opaque)->position = 0;
    return opaque;
}

static uLong quote_memory_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
    (void)opaque;
    quote_memory_stream *s = (quote_memory_stream *)stream;
    ZPOS64_T left = s->position < s->size ? s->size - s->position : 0;
    uLong n = size < left ? size : (uLong)left;
    if (n > 0) memcpy(buf, s->bytes + s->position, n);
    s->position += n;
    return n;
}

static uLong quote_memory_write(voidpf opaque, voidpf stream, const void *buf, uLong size) {
    (void)opaque; (void)stream; (void)buf; (void)size;
    return 0;
}

static ZPOS64_T quote_memory_tell(voidpf opaque, voidpf stream) {
    (void)opaque;
    return ((quote_memory_stream *)stream)->position;
}

static long quote_memory_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
    (void)opaque;
    quote_memory_stream *s = (quote_memory_stream *)stream;
    ZPOS64_T base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = s->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = s->size; break;
    default: return -1;
    }
    if (offset > s->size || base > s->size - offset) return -1;
    s->position = base + offset;
    return 0;
}

static int quote_memory_close(voidpf opaque, voidpf stream) {
    (void)opaque; (void)stream;
    return 0;
}

static int quote_memory_error(voidpf opaque, voidpf stream) {
    (void)opaque; (void)stream;
    return 0;
}

/// Opens the archive in `stream` (which must outlive the handle); NULL when it is not a ZIP archive.
static unzFile quote_unzip_open_memory(quote_memory_stream *stream) {
    zlib_filefunc64_def functions;
    functions.zopen64_file = quote_memory_open;
    functions.zread_file = quote_memory_read;
    functions.zwrite_file = quote_memory_write;
    functions.ztell64_file = quote_memory_tell;
    functions.zseek64_file = quote_memory_seek;
    functions.zclose_file = quote_memory_close;
    functions.zerror_file = quote_memory_error;
    functions.opaque = stream;
    return unzOpen2_64("", &functions);
}

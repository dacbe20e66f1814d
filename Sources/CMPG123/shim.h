#ifndef S3PLAY_CMPG123_SHIM_H
#define S3PLAY_CMPG123_SHIM_H
// mpg123.h renames mpg123_info/param/getparam/frameinfo/getstate to their ...2 forms with
// #define; Swift sees only the ...2 names, which is what the wrapper calls.
#include <sys/types.h>
#include <mpg123.h>
#endif

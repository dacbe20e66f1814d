#ifndef S3PLAY_CALSA_SHIM_H
#define S3PLAY_CALSA_SHIM_H
#include <alsa/asoundlib.h>

// alsa-lib's error handler is variadic, so it cannot be written in Swift. Without a silent
// handler libasound prints over the terminal UI.
static void s3play_alsa_silent_error_handler(const char *file, int line, const char *function, int err,
                                             const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}
static inline void s3play_alsa_silence_errors(void) { snd_lib_error_set_handler(s3play_alsa_silent_error_handler); }
#endif

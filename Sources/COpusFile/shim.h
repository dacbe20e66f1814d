#ifndef S3PLAY_COPUSFILE_SHIM_H
#define S3PLAY_COPUSFILE_SHIM_H
// opusfile.pc adds -I/usr/include/opus, where opusfile.h lives beside libopus' headers.
#include <opusfile.h>
#endif

#ifndef S3PLAY_CFLAC_SHIM_H
#define S3PLAY_CFLAC_SHIM_H
// libFLAC's stream decoder (Debian libflac-dev, pkg-config "flac"). Its functions and enums
// import as they are; nothing here needs a shim yet.
#include <FLAC/stream_decoder.h>
#endif

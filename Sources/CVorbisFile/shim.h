#ifndef S3PLAY_CVORBISFILE_SHIM_H
#define S3PLAY_CVORBISFILE_SHIM_H
// vorbisfile.h defines five static ov_callbacks (OV_CALLBACKS_DEFAULT, ...) over stdio; only
// OV_EXCLUDE_STATIC_CALLBACKS keeps them (and their unused-variable warnings) out: s3play
// passes its own callbacks over a byte source.
#define OV_EXCLUDE_STATIC_CALLBACKS
#include <vorbis/vorbisfile.h>
#endif

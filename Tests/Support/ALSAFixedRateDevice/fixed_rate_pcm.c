/*
 * A test sound device that takes one sample rate only: an ALSA external I/O plugin (ioplug,
 * alsa-lib's "External Plugin: I/O Plugin" SDK, pcm_ioplug.h) that writes every frame it is
 * given, as it is, to a file. ALSA's own `file` and `null` plugins accept any rate (alsa-lib
 * 1.2.8's null rejects a `rate` field), so they cannot show what s3play does on a device that
 * refuses the stream's rate; this one can. Not part of s3play: Tests/Support/TestSupport/
 * ALSAFixedRateDevice.swift compiles it during the test run and loads it through
 * ALSA_CONFIG_PATH:
 *
 *   pcm_type.s3play_fixed_rate { lib "/tmp/.../libasound_module_pcm_s3play_fixed_rate.so" }
 *   pcm.NAME { type s3play_fixed_rate  file "/path/out.raw"  rate 48000 }
 *
 * Formats: S16_LE, S24_3LE, S32_LE and FLOAT_LE, 1 or 2 channels, interleaved; the rate only the
 * configured one. Frames are "played" the moment they are written (like `null`, no clock), so a
 * write never waits. The file is opened for appending at open time.
 */
/* Without PIC, SND_PCM_PLUGIN_SYMBOL refers to snd_dlsym_start, which only a statically linked
 * alsa-lib defines (alsa/global.h): a module loaded with dlopen must be built as PIC. */
#ifndef PIC
#define PIC 1
#endif
#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

typedef struct {
    snd_pcm_ioplug_t io;
    int output;
} fixed_rate_device;

static int write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        bytes += written;
        count -= (size_t)written;
    }
    return 0;
}

static int fixed_rate_start(snd_pcm_ioplug_t *io) { (void)io; return 0; }
static int fixed_rate_stop(snd_pcm_ioplug_t *io) { (void)io; return 0; }

/* Everything written has been played: the hardware position is the application's. With
 * SND_PCM_IOPLUG_FLAG_BOUNDARY_WA the position may run up to the boundary instead of wrapping
 * at buffer_size, so a whole buffer written between two calls is not mistaken for none
 * (snd_pcm_ioplug_hw_ptr_update). */
static snd_pcm_sframes_t fixed_rate_pointer(snd_pcm_ioplug_t *io) {
    return (snd_pcm_sframes_t)io->appl_ptr;
}

/* Interleaved access only (see the access list), so channel 0's area is the frame. */
static snd_pcm_sframes_t fixed_rate_transfer(snd_pcm_ioplug_t *io, const snd_pcm_channel_area_t *areas,
                                             snd_pcm_uframes_t offset, snd_pcm_uframes_t size) {
    fixed_rate_device *device = io->private_data;
    const char *first = (const char *)areas[0].addr + (areas[0].first + offset * areas[0].step) / 8;
    size_t bytes = size * (size_t)(snd_pcm_format_physical_width(io->format) / 8) * io->channels;
    int result = write_all(device->output, first, bytes);
    return result < 0 ? result : (snd_pcm_sframes_t)size;
}

static int fixed_rate_close(snd_pcm_ioplug_t *io) {
    fixed_rate_device *device = io->private_data;
    close(device->output);
    close(io->poll_fd);
    free(device);
    return 0;
}

static const snd_pcm_ioplug_callback_t fixed_rate_callbacks = {
    .start = fixed_rate_start,
    .stop = fixed_rate_stop,
    .pointer = fixed_rate_pointer,
    .transfer = fixed_rate_transfer,
    .close = fixed_rate_close,
};

static int fixed_rate_constrain(snd_pcm_ioplug_t *io, unsigned int rate) {
    /* MMAP_INTERLEAVED too: `plug`'s converters write to their slave through mmap_commit, which
     * reaches `transfer` only for an mmap access (snd_pcm_ioplug_mmap_commit). */
    static const unsigned int access[] = { SND_PCM_ACCESS_RW_INTERLEAVED, SND_PCM_ACCESS_MMAP_INTERLEAVED };
    static const unsigned int formats[] = {
        SND_PCM_FORMAT_S16_LE, SND_PCM_FORMAT_S24_3LE, SND_PCM_FORMAT_S32_LE, SND_PCM_FORMAT_FLOAT_LE
    };
    int err;
    if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_ACCESS, 2, access)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_FORMAT, 4, formats)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_CHANNELS, 1, 2)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_list(io, SND_PCM_IOPLUG_HW_RATE, 1, &rate)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIOD_BYTES, 64, 1 << 20)) < 0) return err;
    if ((err = snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_PERIODS, 2, 1024)) < 0) return err;
    return snd_pcm_ioplug_set_param_minmax(io, SND_PCM_IOPLUG_HW_BUFFER_BYTES, 128, 4 << 20);
}

SND_PCM_PLUGIN_DEFINE_FUNC(s3play_fixed_rate) {
    (void)root;
    const char *path = NULL;
    long rate = 48000;
    snd_config_iterator_t i, next;
    snd_config_for_each(i, next, conf) {
        snd_config_t *entry = snd_config_iterator_entry(i);
        const char *id;
        if (snd_config_get_id(entry, &id) < 0) continue;
        if (strcmp(id, "comment") == 0 || strcmp(id, "type") == 0 || strcmp(id, "hint") == 0) continue;
        if (strcmp(id, "file") == 0 && snd_config_get_string(entry, &path) >= 0) continue;
        if (strcmp(id, "rate") == 0 && snd_config_get_integer(entry, &rate) >= 0 && rate > 0) continue;
        SNDERR("s3play_fixed_rate: unknown or bad field %s", id);
        return -EINVAL;
    }
    if (path == NULL) {
        SNDERR("s3play_fixed_rate: no file");
        return -EINVAL;
    }
    if (stream != SND_PCM_STREAM_PLAYBACK) return -EINVAL;

    fixed_rate_device *device = calloc(1, sizeof(*device));
    if (device == NULL) return -ENOMEM;
    device->output = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (device->output < 0) {
        int err = -errno;
        free(device);
        return err;
    }
    device->io.version = SND_PCM_IOPLUG_VERSION;
    device->io.name = "s3play fixed-rate test device";
    device->io.flags = SND_PCM_IOPLUG_FLAG_BOUNDARY_WA;
    /* An eventfd is always writable: a poll for room (POLLOUT) returns at once. */
    device->io.poll_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    device->io.poll_events = POLLOUT;
    device->io.callback = &fixed_rate_callbacks;
    device->io.private_data = device;
    int err = snd_pcm_ioplug_create(&device->io, name, stream, mode);
    if (err < 0) {
        close(device->output);
        close(device->io.poll_fd);
        free(device);
        return err;
    }
    if ((err = fixed_rate_constrain(&device->io, (unsigned int)rate)) < 0) {
        snd_pcm_ioplug_delete(&device->io);
        return err;
    }
    *pcmp = device->io.pcm;
    return 0;
}

SND_PCM_PLUGIN_SYMBOL(s3play_fixed_rate);

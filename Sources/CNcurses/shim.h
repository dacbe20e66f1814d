#ifndef S3PLAY_CNCURSES_SHIM_H
#define S3PLAY_CNCURSES_SHIM_H
// SwiftPM drops ncursesw.pc's -D_XOPEN_SOURCE=600 ("prohibited flag"), which hides the wide-char
// API (get_wch, mvwaddnwstr, cchar_t); NCURSES_WIDECHAR brings it back.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// wcwidth is X/Open; glibc declares it only under _XOPEN_SOURCE, which SwiftPM dropped (above).
extern int wcwidth(wchar_t c);

// Attribute and colour macros are expressions Swift does not import.
static inline int s3play_attr_bold(void) { return A_BOLD; }
static inline int s3play_attr_reverse(void) { return A_REVERSE; }
static inline int s3play_attr_dim(void) { return A_DIM; }
static inline int s3play_attr_underline(void) { return A_UNDERLINE; }
static inline int s3play_color_pair(int n) { return COLOR_PAIR(n); }
static inline int s3play_key_resize(void) { return KEY_RESIZE; }
#endif

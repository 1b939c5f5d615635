#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs "$@" with a throwaway, unlocked GNOME Keyring on the current session bus (see shared/notes/qt64.md §4).
# Use as: dbus-run-session -- tests/sync/with-keyring.sh COMMAND...
# Exits 77 (ctest SKIP_RETURN_CODE) when gnome-keyring-daemon or a session bus is missing; with
# UNDERSTUDY_REQUIRE_KEYRING=1 (packaging/bootstrap.sh test installs both) it fails instead.
set -euo pipefail
missing() {
    if [[ -n ${UNDERSTUDY_REQUIRE_KEYRING:-} ]]; then
        echo "$1: failed (UNDERSTUDY_REQUIRE_KEYRING is set)" >&2
        exit 1
    fi
    echo "$1: skipped"
    exit 77
}
command -v gnome-keyring-daemon >/dev/null || missing "gnome-keyring-daemon not installed"
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || missing "no session bus (run under dbus-run-session)"
export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME=$(mktemp -d)   # throwaway keyrings folder
# A non-empty unlock password: an empty one makes the daemon ask gcr-prompter, which fails without X.
printf 'ci-pass' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
KR=$!
trap 'kill $KR 2>/dev/null || true; rm -rf "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"' EXIT
for _ in $(seq 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
        break
    fi
    sleep 0.1
done
"$@"

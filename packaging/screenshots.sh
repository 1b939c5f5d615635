#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's screenshots, taken in real windows under Xvfb with a window manager (openbox): the agent's main
# window, the lead's trends and knowledge gaps, and the main window in German with the dark theme. A demo
# understudy-server on loopback (its demo history gives the lead's tabs their weeks), the clients signed in to it
# as the demo agent and as the lead (tokens in a throwaway GNOME Keyring). Writes into resources/screenshots/.
#
#   packaging/screenshots.sh [BUILD_DIR] [OUT_DIR]
#
# Needs Xvfb, openbox, dbus-run-session and gnome-keyring-daemon (Debian: xvfb openbox dbus gnome-keyring) and the
# DejaVu fonts the README's images use (fonts-dejavu-core); imagemagick, when installed, makes the PNGs smaller.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=${2:-resources/screenshots}
if [[ -z ${UNDERSTUDY_SHOTS_IN_KEYRING:-} ]]; then
    export UNDERSTUDY_SHOTS_IN_KEYRING=1
    exec dbus-run-session -- tests/sync/with-keyring.sh "$0" "$@"
fi
APP=$BUILD/src/app/understudy
SERVER=$BUILD/src/server/understudy-server
CTL=$BUILD/src/cli/understudyctl
for x in "$APP" "$SERVER" "$CTL"; do [[ -x $x ]] || { echo "build $x first" >&2; exit 1; }; done
command -v Xvfb openbox >/dev/null || { echo "needs Xvfb and openbox" >&2; exit 1; }
mkdir -p "$OUT"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/understudy-shots.XXXXXX")
export XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export DISPLAY=:$((80 + RANDOM % 9))
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
PIDS+=($!)
sleep 1
openbox >/dev/null 2>&1 &
PIDS+=($!)
sleep 1

PORT=$((20000 + RANDOM % 20000))
URL=http://127.0.0.1:$PORT
"$SERVER" --database "sqlite://$WORK/server.db" --demo --demo-accounts --listen "127.0.0.1:$PORT" \
    >"$WORK/server.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do
    grep -q "listening on" "$WORK/server.out" 2>/dev/null && break
    sleep 0.05
done
grep -q "listening on" "$WORK/server.out" || { cat "$WORK/server.out" >&2; exit 1; }

store() { # store NAME ACCOUNT: the demo data, signed in to the server as ACCOUNT (password = name), synced
    local db=$WORK/$1.db
    "$CTL" --db "$db" --log-dir "$WORK/logs" demo >/dev/null
    printf '%s\n' "$2" | "$CTL" --db "$db" --log-dir "$WORK/logs" --server "$URL" login --name "$2" >/dev/null
    "$CTL" --db "$db" --log-dir "$WORK/logs" --server "$URL" sync >/dev/null
}
store agent demo
store lead lead

shot() { # shot NAME DB ARGS...: one PNG
    local name=$1 db=$2
    shift 2
    "$APP" --db "$WORK/$db.db" --screenshot "$OUT/$name.png" "$@"
    # A third of the size as a 256-colour palette without dithering (ImageMagick, when installed): UI pixels keep.
    if convert -version 2>/dev/null | grep -q ImageMagick; then
        convert "$OUT/$name.png" +dither -colors 256 -define png:compression-level=9 "$WORK/small.png"
        mv "$WORK/small.png" "$OUT/$name.png"
    fi
    echo "$OUT/$name.png: $(stat -c %s "$OUT/$name.png") bytes"
}
shot main-window agent --theme light --language en
shot lead-trends lead --theme light --language en --screenshot-view trends
shot lead-gaps lead --theme light --language en --screenshot-view gaps
shot main-window-de-dark agent --theme dark --language de

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop client as a person runs it (issue 18, point 12): how long File ▸ Quit (Ctrl+Q) takes with the server
# up and with it down, and how long after the server comes back the client is online again. A real window under
# Xvfb with a window manager (openbox when installed), the real understudy-server on loopback, the sign-in token in a
# throwaway GNOME Keyring. Prints figures; asserts nothing.
#
#   bench/client_session.sh [BUILD_DIR] [ROUNDS] [OUTAGE_S]     default build, 3 rounds, a 30 s outage
#
# Needs Xvfb, xdotool, dbus-run-session and gnome-keyring-daemon (Debian: xvfb xdotool dbus gnome-keyring;
# openbox optional). quit_ms is from the key press to the process's exit; reconnect_ms is from the server's
# "listening on" to the client's "mode Online" log line (both clocks are this machine's).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
ROUNDS=${2:-3}
OUTAGE=${3:-30}
SETTLE=${UNDERSTUDY_BENCH_SETTLE:-8} # seconds from the window showing to Ctrl+Q
if [[ -z ${UNDERSTUDY_BENCH_IN_KEYRING:-} ]]; then
    export UNDERSTUDY_BENCH_IN_KEYRING=1
    exec dbus-run-session -- tests/sync/with-keyring.sh "$0" "$@"
fi
APP=$BUILD/src/app/understudy
SERVER=$BUILD/src/server/understudy-server
CTL=$BUILD/src/cli/understudyctl
for x in "$APP" "$SERVER" "$CTL"; do [[ -x $x ]] || { echo "build $x first" >&2; exit 1; }; done
command -v Xvfb xdotool >/dev/null || { echo "needs Xvfb and xdotool" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/understudy-session.XXXXXX")
export XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
PIDS=()
SERVER_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -n ${UNDERSTUDY_BENCH_KEEP:-} ]]; then
        cp "$(client_log)" "$WORK/" 2>/dev/null || true
        echo "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
now_ms() { date +%s%3N; }

export DISPLAY=:$((90 + RANDOM % 9))
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
PIDS+=($!)
sleep 1
if command -v openbox >/dev/null; then
    openbox >/dev/null 2>&1 &
    PIDS+=($!)
    sleep 0.5
fi

PORT=$((20000 + RANDOM % 20000))
URL=http://127.0.0.1:$PORT
BACK_MS=
start_server() { # sets BACK_MS: when the server said it is listening (not in a subshell: SERVER_PID must stay set)
    "$SERVER" --database "sqlite://$WORK/server.db" --demo --demo-accounts --listen "127.0.0.1:$PORT" \
        >>"$WORK/server.out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do
        if [[ $(grep -c "listening on" "$WORK/server.out" 2>/dev/null) -ge $1 ]]; then
            BACK_MS=$(now_ms)
            return
        fi
        sleep 0.02
    done
    echo "the server did not start: $(cat "$WORK/server.out")" >&2
    exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

DB=$WORK/client.db
STARTS=1
start_server $STARTS
"$CTL" --db "$DB" --log-dir "$WORK/ctl" demo >/dev/null
printf 'demo\n' | "$CTL" --db "$DB" --log-dir "$WORK/ctl" --server "$URL" login --name demo >/dev/null
"$CTL" --db "$DB" --log-dir "$WORK/ctl" --server "$URL" sync >/dev/null

CLIENT_PID=
start_client() {
    "$APP" --db "$DB" >>"$WORK/client.out" 2>&1 &
    CLIENT_PID=$!
    xdotool search --sync --onlyvisible --pid "$CLIENT_PID" --name Understudy >/dev/null
}
QUIT_MS=
quit_client() { # sets QUIT_MS: the milliseconds from Ctrl+Q to the exit (not in a subshell: it waits for its child)
    local win t0
    win=$(xdotool search --onlyvisible --pid "$CLIENT_PID" --name Understudy | tail -1)
    xdotool windowactivate --sync "$win" >/dev/null 2>&1 || xdotool windowfocus --sync "$win" >/dev/null 2>&1 || true
    sleep 0.3
    t0=$(now_ms)
    xdotool key ctrl+q
    wait "$CLIENT_PID" || true
    QUIT_MS=$(($(now_ms) - t0))
}
client_log() { find "$XDG_DATA_HOME" -name understudy.log | head -1; }
online_after() { # the first "mode Online" logged at or after $1 (ms since the epoch), as ms since the epoch
    local log
    log=$(client_log)
    [[ -n $log ]] || return 0
    grep -E "\] mode .*Online" "$log" | while read -r d t _; do
        local ms
        ms=$(date -d "${d#[} ${t%]}" +%s%3N)
        if ((ms >= $1)); then
            echo "$ms"
            break
        fi
    done
}

echo "client_session: $ROUNDS rounds, outage ${OUTAGE}s, Ctrl+Q ${SETTLE}s after the window shows, display $DISPLAY, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
    # Online: the window up, a sync done, then Ctrl+Q.
    start_client
    sleep "$SETTLE"
    quit_client
    echo "round $r quit_online_ms=$QUIT_MS"

    # The server hung (SIGSTOP: connections are accepted, nothing answers), requests in flight, then Ctrl+Q.
    kill -STOP "$SERVER_PID"
    start_client
    sleep "$SETTLE"
    quit_client
    kill -CONT "$SERVER_PID"
    echo "round $r quit_server_hung_ms=$QUIT_MS"

    # The server down: started offline, probing, then Ctrl+Q.
    stop_server
    start_client
    sleep "$SETTLE"
    quit_client
    echo "round $r quit_server_down_ms=$QUIT_MS"

    # Back online: offline for OUTAGE seconds (the sync's backoff grows meanwhile), then the server returns.
    start_client
    sleep "$OUTAGE"
    STARTS=$((STARTS + 1))
    start_server $STARTS
    back=$BACK_MS
    sleep 30
    quit_client
    online=$(online_after "$back")
    if [[ -n $online ]]; then
        echo "round $r reconnect_ms=$((online - back))"
    else
        echo "round $r reconnect_ms=none within 30 s"
    fi
done

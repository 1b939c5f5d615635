#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The initial import of N tickets from a real Request Tracker 5 into understudy-server (issue 17): time until the
# server's store holds all N, and the server's peak RSS (VmHWM) then. Prints figures; asserts nothing.
#
#   bench/rt_import.sh [N] [BUILD_DIR]     default N=10000, BUILD_DIR=build
#
# Starts a throwaway RT with tests/support/rt5-fixture.sh (Request Tracker 5 must be installed:
# `tests/support/rt5-fixture.sh install` as root), seeds N tickets with history (created by the customer,
# answered, noted) into a queue of their own (the seeding time is printed too, it is not part of the import), adds
# the helpdesk to a fresh SQLite server database and runs the server with --helpdesk-poll-seconds 1 until the
# store holds N helpdesk tickets. Set RT_BENCH_STATE to an RT state folder that is already seeded (queue Bulk) to
# skip starting and seeding.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
BUILD=${2:-build}
SERVER=$BUILD/src/server/understudy-server
FIXTURE=tests/support/rt5-fixture.sh
[[ -x $SERVER ]] || { echo "build understudy-server first ($SERVER)" >&2; exit 1; }
now_ms() { date +%s%3N; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/understudy-rt-import.XXXXXX")
STATE=${RT_BENCH_STATE:-$WORK/rt}
SERVER_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [[ -z ${RT_BENCH_STATE:-} ]] && bash "$FIXTURE" stop "$STATE" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -z ${RT_BENCH_STATE:-} ]]; then
    bash "$FIXTURE" start "$STATE" >/dev/null
    [[ -s $STATE/url ]] || { cat "$STATE/unavailable" >&2; exit 1; }
    bash "$FIXTURE" seed "$STATE" "$N" Bulk
fi
URL=$(cat "$STATE/url")
DB="$WORK/server.db"
"$SERVER" --database "sqlite://$DB" helpdesk add --kind rt --url "$URL" --queue Bulk --name bench \
    --secret-stdin <"$STATE/token" >/dev/null

t0=$(now_ms)
"$SERVER" --database "sqlite://$DB" --listen 127.0.0.1:0 --helpdesk-poll-seconds 1 --log-dir "$WORK/logs" \
    >"$WORK/server.out" 2>&1 &
SERVER_PID=$!
count=0
while ((count < N)); do
    sleep 2
    kill -0 "$SERVER_PID" || { tail -20 "$WORK/server.out" >&2; exit 1; }
    count=$(sqlite3 "file:$DB?mode=ro" "SELECT count(*) FROM helpdesk_tickets" 2>/dev/null || echo 0)
done
elapsed=$(($(now_ms) - t0))
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo "rt_import: $count RT tickets with history imported by understudy-server in $((elapsed / 1000)).$(((elapsed % 1000) / 100)) s" \
    "($((count * 1000 / (elapsed > 0 ? elapsed : 1))) tickets/s; counted every 2 s)"
echo "rt_import: server peak RSS (VmHWM) $((hwm / 1024)) MB, RSS at the end $((rss / 1024)) MB"

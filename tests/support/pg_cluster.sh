#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL cluster for the server's integration tests (see ../shared/notes/qt64.md §3).
#
#   pg_cluster.sh start STATE_DIR   initdb + pg_ctl start on 127.0.0.1 and a free port; creates the role and
#                                   database "understudy" (CREATEDB, so tests make one database each); prints
#                                   the postgresql:// URL and writes it to STATE_DIR/url
#   pg_cluster.sh stop STATE_DIR    stops the cluster and removes it
#   pg_cluster.sh crash STATE_DIR   stops it as a crash would (immediate: no shutdown checkpoint, so the next start
#                                   replays the WAL) and starts it again on the same port
#
# Tests run it with fsync, synchronous_commit and full_page_writes off, for speed; UNDERSTUDY_PG_DURABLE=1 at start
# keeps PostgreSQL's durable defaults (the crash test's cluster).
#
# As root, the server runs as the "postgres" user through runuser (initdb refuses root). The cluster lives in
# a mktemp folder under ${TMPDIR:-/tmp}; STATE_DIR only keeps the URL and where the cluster is. Exits non-zero
# with a message on stderr when PostgreSQL cannot start, so the tests that need it fail rather than skip.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [[ -z $cmd || -z $state ]]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
fi

find_bin() {
    if [[ -n ${PGBIN:-} && -x $PGBIN/initdb ]]; then echo "$PGBIN"; return; fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x $d/initdb ]]; then echo "$d"; return; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    echo "pg_cluster.sh: no PostgreSQL server binaries (initdb) found; install postgresql" >&2
    exit 1
}

as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local p i
    for i in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "pg_cluster.sh: no free port found" >&2
    exit 1
}

# Starts the postmaster of cluster $1 (binaries $2) on port $3.
start_server() {
    local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ -f $1/durable ]] && speed=""
    as_pg "$2/pg_ctl" -D "$1/data" -l "$1/pg.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $3 -k $1 $speed -c max_connections=200" \
        start >/dev/null 9>&-   # 9>&-: the postmaster must not inherit (and hold) the state folder's lock
}

stop_cluster() {
    [[ -f $state/cluster ]] || return 0
    local root bin
    root=$(cat "$state/cluster")
    bin=$(cat "$state/bin" 2>/dev/null || find_bin)
    if [[ -d $root/data ]]; then
        as_pg "$bin/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$root"
    rm -f "$state/cluster" "$state/url" "$state/bin"
}

mkdir -p "$state"
# One start or stop at a time per state folder: two test runs in one build folder must not each start a
# cluster and leave one behind.
exec 9>"$state/.lock"
flock 9

case $cmd in
start)
    if [[ -f $state/url && -f $state/cluster ]]; then
        # Another run in this build folder started it and it still answers: share it.
        port=$(sed -E 's/.*:([0-9]+)\/.*/\1/' "$state/url")
        if "$(cat "$state/bin")/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
            cat "$state/url"
            exit 0
        fi
    fi
    stop_cluster # a leftover from an interrupted run
    bin=$(find_bin)
    root=$(mktemp -d "${TMPDIR:-/tmp}/understudy-pg.XXXXXX")
    echo "$root" >"$state/cluster"
    echo "$bin" >"$state/bin"
    chmod 755 "$root"
    if [[ $(id -u) -eq 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pg_cluster.sh: running as root but there is no 'postgres' user to run the server as" >&2
            exit 1
        fi
        chown postgres:postgres "$root"
    fi
    port=$(free_port)
    if ! as_pg "$bin/initdb" -D "$root/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 >"$root/initdb.log" 2>&1; then
        echo "pg_cluster.sh: initdb failed:" >&2
        cat "$root/initdb.log" >&2
        exit 1
    fi
    [[ ${UNDERSTUDY_PG_DURABLE:-0} == 1 ]] && touch "$root/durable"
    if ! start_server "$root" "$bin" "$port"; then
        echo "pg_cluster.sh: PostgreSQL did not start on port $port:" >&2
        cat "$root/pg.log" >&2 || true
        exit 1
    fi
    password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    as_pg "$bin/psql" -h "$root" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE understudy LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE understudy OWNER understudy" >/dev/null
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"
    url="postgresql://understudy:$password@127.0.0.1:$port/understudy"
    echo "$url" >"$state/url"
    echo "$url"
    ;;
stop)
    stop_cluster
    ;;
crash)
    root=$(cat "$state/cluster")
    bin=$(cat "$state/bin")
    port=$(sed -E 's/.*:([0-9]+)\/.*/\1/' "$state/url")
    as_pg "$bin/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null
    if ! start_server "$root" "$bin" "$port"; then
        echo "pg_cluster.sh: PostgreSQL did not come back on port $port:" >&2
        tail -20 "$root/pg.log" >&2 || true
        exit 1
    fi
    ;;
*)
    echo "usage: $0 start|stop|crash STATE_DIR" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for a fresh Debian 12 machine (run as root, or as a user with sudo):
#   bash packaging/bootstrap.sh demo   install what is needed, build, run the demo on the embedded default
#   bash packaging/bootstrap.sh test   install what is needed, build, run the whole test suite (+ fuzzers)
#   bash packaging/bootstrap.sh build  install and build only
#   bash packaging/bootstrap.sh package  build the client without tests and make its .deb in the build folder
# Environment: UNDERSTUDY_BUILD_DIR (default ./build), UNDERSTUDY_SANITIZE=asan|ubsan (test with sanitizers,
# in a separate build folder), FUZZ_SECONDS (per fuzzer, default 10), UNDERSTUDY_SKIP_FUZZ=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=${1:-demo}
BUILD=${UNDERSTUDY_BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

# What building and running needs.
# Qt6HttpServer's CMake config needs qt6-websockets-dev (Debian does not declare it); qtkeychain dlopens libsecret.
# The reply editor's spell-check: Hunspell, and the dictionaries it finds under /usr/share/hunspell at run time
# (a language without one is not checked; the client says which package to install).
BUILD_PACKAGES=(cmake ninja-build g++ pkg-config ca-certificates
                qt6-base-dev qt6-tools-dev qt6-l10n-tools libspdlog-dev libsqlite3-dev
                qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
                qt6-charts-dev libqt6opengl6-dev qtkeychain-qt6-dev libsecret-1-0 libsodium-dev libpq-dev
                libhunspell-dev hunspell-en-us hunspell-de-de hunspell-fr hunspell-es
                libssl-dev openssl postgresql-client
                libstemmer-dev
                libxxhash-dev)
# What the test suite needs on top: clang and its libFuzzer runtime for the parser fuzzers, a PostgreSQL the
# integration tests start as a throwaway cluster, and a session bus + keyring for the keychain test.
TEST_PACKAGES=(clang libclang-rt-14-dev postgresql dbus gnome-keyring)
# And a real Request Tracker 5 for the RT connector's tests (label rt5): tests/support/rt5-fixture.sh install
# preseeds debconf and installs request-tracker5 rt5-standalone rt5-db-sqlite dbconfig-no-thanks (no recommends).
# What `cpack -G DEB` needs on top: dpkg-shlibdeps for the Depends line (CPack writes the archive itself, no fakeroot).
PACKAGE_PACKAGES=(dpkg-dev)

install_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> installing ${missing[*]}"
        $SUDO apt-get update -q
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {
    local dir=$1; shift
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$dir" -j "$JOBS"
}

case "$MODE" in
demo)
    install_packages "${BUILD_PACKAGES[@]}"
    configure_and_build "$BUILD" -DWITH_TESTS=OFF -DWITH_BENCH=OFF
    mkdir -p "$BUILD/demo"
    DB="$BUILD/demo/understudy.db"
    CTL=("$BUILD/src/cli/understudyctl" --db "$DB" --log-dir "$BUILD/demo/logs")
    # The embedded default: the demo data in a local SQLite store, drafts printed (no server needed).
    "${CTL[@]}" demo
    # A local server on loopback with the same demo data and two accounts: agent demo/demo, lead lead/lead.
    PORT=${UNDERSTUDY_DEMO_PORT:-8470}
    URL="http://127.0.0.1:$PORT"
    "$BUILD/src/server/understudy-server" --database "sqlite://$BUILD/demo/server.db" --demo --demo-accounts \
        --listen "127.0.0.1:$PORT" >"$BUILD/demo/server.log" 2>&1 &
    SERVER_PID=$!
    trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null' EXIT
    for _ in $(seq 100); do
        grep -q "listening on" "$BUILD/demo/server.log" 2>/dev/null && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q "listening on" "$BUILD/demo/server.log"; then
        echo "==> understudy-server on $URL (agent demo/demo, lead lead/lead; log: $BUILD/demo/server.log)"
        # Sign the client's store in as the demo agent (token to the desktop keyring) and sync once.
        if printf 'demo\n' | "${CTL[@]}" --server "$URL" login --name demo; then
            "${CTL[@]}" --server "$URL" sync
        else
            echo "==> no desktop keyring here: syncing once without saving a token (sign in from File > Sign in...)"
            printf 'demo\n' | "${CTL[@]}" --server "$URL" sync --name demo --password-stdin
        fi
    else
        echo "==> the demo server did not start (see $BUILD/demo/server.log); the client runs standalone" >&2
    fi
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        "$BUILD/src/app/understudy" --db "$DB" --demo
    else
        echo "==> no display here; on a desktop, open the client with: $BUILD/src/app/understudy --db $DB --demo"
    fi
    ;;
build)
    install_packages "${BUILD_PACKAGES[@]}"
    configure_and_build "$BUILD"
    ;;
package)
    install_packages "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
    configure_and_build "$BUILD" -DWITH_TESTS=OFF -DWITH_BENCH=OFF
    (cd "$BUILD" && cpack -G DEB)
    ;;
test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    $SUDO bash "$ROOT/tests/support/rt5-fixture.sh" install
    export UNDERSTUDY_REQUIRE_RT=1 # installed above: an RT that is missing now fails the rt5 tests instead of skipping
    export UNDERSTUDY_REQUIRE_KEYRING=1 # dbus and gnome-keyring too: tst_keychain fails without them
    export UNDERSTUDY_REQUIRE_DICTIONARIES=1 # the Hunspell dictionaries (BUILD_PACKAGES): tst_spellcheck fails without them
    extra=()
    case "${UNDERSTUDY_SANITIZE:-}" in
    asan) BUILD="$BUILD-asan"; extra=(-DWITH_ASAN=ON) ;;
    ubsan) BUILD="$BUILD-ubsan"; extra=(-DWITH_UBSAN=ON) ;;
    "") ;;
    *) echo "UNDERSTUDY_SANITIZE must be asan or ubsan" >&2; exit 2 ;;
    esac
    configure_and_build "$BUILD" -DWITH_WERROR=ON "${extra[@]}"
    status=0
    (cd "$BUILD" && ctest --output-on-failure -j "$JOBS" -LE fuzz) || status=$?
    if [ -z "${UNDERSTUDY_SKIP_FUZZ:-}" ]; then
        # The parsers again, under libFuzzer with ASan and UBSan, each for a bounded time.
        configure_and_build "$BUILD-fuzz" -DCMAKE_CXX_COMPILER=clang++ -DONLY_PARSERS=ON -DWITH_FUZZERS=ON \
            -DWITH_TESTS=OFF -DWITH_BENCH=OFF -DFUZZ_SECONDS="${FUZZ_SECONDS:-10}"
        (cd "$BUILD-fuzz" && ctest --output-on-failure -L fuzz) || status=$?
    fi
    exit $status
    ;;
*)
    echo "usage: $0 demo|test|build|package" >&2
    exit 2
    ;;
esac

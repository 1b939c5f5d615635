#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway Request Tracker 5 (Debian 12's request-tracker5) on 127.0.0.1 for the RT connector's integration
# tests (issue 17; facts in ../shared/notes/rt5.md). All of its state lives in one folder; /etc is not used.
#
#   rt5-fixture.sh install           as root: preseed debconf and apt-get install the packages if missing
#   rt5-fixture.sh start STATE_DIR   fresh instance on a free port: SQLite database, the custom fields the
#                                    connector uses, an auth token; writes STATE_DIR/{url,password,token}
#   rt5-fixture.sh seed STATE_DIR N QUEUE
#                                    N tickets with history in a new queue QUEUE, straight through RT's Perl API
#                                    (scrips off meanwhile): each created by a customer, answered and noted (3
#                                    transactions with bodies); prints the time taken
#   rt5-fixture.sh stop STATE_DIR    SIGTERM (never SIGINT: as root its INT handler chowns a system folder),
#                                    SIGKILL after 15 s; removes the instance
#
# When RT is not installed, `start` writes the reason to STATE_DIR/unavailable and exits 0, so the tests skip with
# that message; with UNDERSTUDY_REQUIRE_RT=1 (packaging/bootstrap.sh test installs RT) it fails instead. Any other
# failure (installed but not starting) fails.
set -euo pipefail
set +m # no job control: "setsid … &" keeps $! as the server's PID

RT_LIB=/usr/share/request-tracker5/lib
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
RT_PACKAGES=(request-tracker5 rt5-standalone rt5-db-sqlite dbconfig-no-thanks)

say() { echo "rt5-fixture: $*" >&2; }
die() {
    say "ERROR: $*"
    exit 1
}
now_ms() { date +%s%3N; }

preseed() {
    debconf-set-selections <<'EOF'
request-tracker5 request-tracker5/rtname string understudy.test
request-tracker5 request-tracker5/organization string understudy.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/correspondaddress string rt@understudy.test
request-tracker5 request-tracker5/commentaddress string rt-comment@understudy.test
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
EOF
}

installed() {
    local p
    for p in "${RT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || return 1
    done
}

cmd_install() {
    if installed; then
        say "already installed"
        return
    fi
    [[ $(id -u) -eq 0 ]] || die "installing RT needs root (apt-get)"
    preseed
    local t0
    t0=$(now_ms)
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${RT_PACKAGES[@]}" >&2
    say "installed in $(($(now_ms) - t0)) ms"
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
    die "no free port found"
}

stop_instance() {
    local state=$1
    [[ -f $state/instance ]] || return 0
    local root pid
    root=$(cat "$state/instance")
    if [[ -s $root/server.pid ]]; then
        pid=$(cat "$root/server.pid")
        # Only a process that is still our rt-server: a recycled PID is left alone.
        if kill -0 "$pid" 2>/dev/null && grep -qa rt-server "/proc/$pid/cmdline" 2>/dev/null; then
            local kids
            kids=$(pgrep -P "$pid" || true)
            kill -TERM "$pid"
            for _ in $(seq 1 75); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.2
            done
            if kill -0 "$pid" 2>/dev/null; then
                say "rt-server $pid ignored SIGTERM for 15 s; SIGKILL"
                # shellcheck disable=SC2086
                kill -KILL "$pid" $kids 2>/dev/null || true
            fi
        fi
    fi
    [[ -n ${UNDERSTUDY_KEEP_RT:-} ]] || rm -rf "$root"
    rm -f "$state/instance" "$state/url" "$state/password" "$state/token"
}

# Runs Perl against the instance's RT (config from RT_SITE_CONFIG*, never /etc).
rt_perl() {
    perl -I"$RT_LIB" -e "$1" -- "${@:2}"
}

cmd_start() {
    local state=$1
    mkdir -p "$state"
    state=$(cd "$state" && pwd)
    rm -f "$state/unavailable"
    if [[ ! -x $RT_SERVER ]] || ! installed; then
        local why="Request Tracker 5 is not installed (packages ${RT_PACKAGES[*]}; run: $0 install, or bash packaging/bootstrap.sh test)"
        if [[ -n ${UNDERSTUDY_REQUIRE_RT:-} ]]; then
            die "$why"
        fi
        echo "$why" >"$state/unavailable"
        say "$why; the RT tests will skip"
        return 0
    fi
    stop_instance "$state" # a leftover of an interrupted run

    local root port url password t0
    root=$(mktemp -d "${TMPDIR:-/tmp}/understudy-rt.XXXXXX")
    chmod 755 "$root"
    echo "$root" >"$state/instance"
    port=$(free_port)
    url="http://127.0.0.1:$port"
    password=$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')
    mkdir -p "$root"/{var,mason,sessions,site.d}
    cat >"$root/RT_SiteConfig.pm" <<EOF
# Written by rt5-fixture.sh for one test run.
Set(\$rtname, 'understudy.test');
Set(\$Organization, 'understudy.test');
Set(\$CorrespondAddress, 'rt@understudy.test');
Set(\$CommentAddress, 'rt-comment@understudy.test');
Set(\$Timezone, 'UTC');
Set(\$BcryptCost, 4);
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$root/rt.db');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$WebPath, '');
Set(\$WebBaseURL, '$url');
Set(\$LogToSTDERR, 'warning');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$MailCommand, 'mbox');
Set(\$VarPath, '$root/var');
Set(\$MasonDataDir, '$root/mason');
Set(\$MasonSessionDir, '$root/sessions');
1;
EOF
    export RT_SITE_CONFIG="$root/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$root/site.d"

    t0=$(now_ms)
    (
        umask 077
        printf '%s' "$password" >"$root/.pw"
    )
    rt-setup-database-5 --action init --skip-create --root-password-file "$root/.pw" >"$root/init.log" 2>&1 </dev/null ||
        {
            cat "$root/init.log" >&2
            die "rt-setup-database-5 failed"
        }
    rm -f "$root/.pw"
    say "database initialised in $(($(now_ms) - t0)) ms"

    # What the connector relies on: a multi-value ticket field for tags and a transaction field that keeps a
    # reply's idempotency key, both applied to every queue; and a REST2 token for root.
    local token
    token=$(rt_perl '
        use strict; use RT; RT::LoadConfig(); RT::Init();
        my $root = RT::CurrentUser->new(RT->SystemUser); $root->Load("root") or die "no root\n";
        for my $spec (["Understudy Tags", "FreeformMultiple", "RT::Queue-RT::Ticket"],
                      ["Understudy Key", "FreeformSingle", "RT::Queue-RT::Ticket-RT::Transaction"]) {
            my $cf = RT::CustomField->new(RT->SystemUser);
            my ($id, $msg) = $cf->Create(Name => $spec->[0], Type => $spec->[1], LookupType => $spec->[2]);
            die "custom field $spec->[0]: $msg\n" unless $id;
            my ($ok, $m2) = $cf->AddToObject(RT::Queue->new(RT->SystemUser));   # global: every queue
            die "apply $spec->[0]: $m2\n" unless $ok;
        }
        my ($id, $msg, $auth) = RT::AuthToken->new($root)->Create(Owner => $root->Id, Description => "understudy tests");
        die "token: $msg\n" unless $id;
        print "$auth\n";' 2>"$root/setup.log") || {
        cat "$root/setup.log" >&2
        die "custom fields / token setup failed"
    }

    t0=$(now_ms)
    setsid "$RT_SERVER" --server Starlet --host 127.0.0.1 --port "$port" --max-workers "${RT_WORKERS:-2}" \
        >"$root/server.log" 2>&1 </dev/null 9>&- &
    local pid=$!
    echo "$pid" >"$root/server.pid"
    # Ready = an authenticated REST2 answer (a broken database still serves the setup wizard and 500s).
    local deadline=$(($(date +%s) + ${RT_START_TIMEOUT:-90})) code=000
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$root/server.log" >&2
            stop_instance "$state"
            die "rt-server exited during start"
        fi
        code=$(perl -MHTTP::Tiny -MMIME::Base64 -e '
            my $r = HTTP::Tiny->new(timeout => 5)->get($ARGV[0],
                {headers => {Authorization => "Basic " . encode_base64("root:$ARGV[1]", "")}});
            print $r->{status};' "$url/REST/2.0/rt" "$password" 2>/dev/null || echo 000)
        [[ $code == 200 ]] && break
        if [[ $(date +%s) -ge $deadline ]]; then
            tail -20 "$root/server.log" >&2
            stop_instance "$state"
            die "no authenticated HTTP 200 from $url within ${RT_START_TIMEOUT:-90} s (last: $code)"
        fi
        sleep 0.2
    done
    say "rt-server (PID $pid) answered after $(($(now_ms) - t0)) ms at $url; log: $root/server.log"
    echo "$url" >"$state/url"
    (
        umask 077
        echo "$password" >"$state/password"
        echo "$token" >"$state/token"
    )
    echo "$url"
}

cmd_seed() {
    local state=$1 count=$2 queue=$3 root t0
    [[ -f $state/instance ]] || die "no running instance in $state"
    root=$(cat "$state/instance")
    export RT_SITE_CONFIG="$root/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$root/site.d"
    t0=$(now_ms)
    rt_perl '
        use strict; use RT; RT::LoadConfig(); RT::Init();
        my ($count, $queueName) = @ARGV;
        my $q = RT::Queue->new(RT->SystemUser);
        my ($qid, $qmsg) = $q->Create(Name => $queueName);
        die "queue $queueName: $qmsg\n" unless $qid;
        my $mime = sub { MIME::Entity->build(Type => "text/plain", Charset => "UTF-8", Data => [$_[0]]) };
        # Scrips (notification mail, auto-replies) cost ~0.4 s a ticket and nobody reads that mail: off while seeding.
        my $scrips = RT::Scrips->new(RT->SystemUser); $scrips->UnLimit;
        my @on = grep { !$_->Disabled } @{$scrips->ItemsArrayRef};
        $_->SetDisabled(1) for @on;
        $RT::Handle->BeginTransaction;
        for my $i (1 .. $count) {
            my $t = RT::Ticket->new(RT->SystemUser);
            my ($id, undef, $msg) = $t->Create(Queue => $qid, Subject => "Bulk ticket $i: invoice $i is missing",
                Requestor => ["customer$i\@bulk.example.com"], MIMEObj => $mime->("Where is invoice $i?"));
            die "ticket $i: $msg\n" unless $id;
            $t->Correspond(MIMEObj => $mime->("Invoice $i is on its way."));
            $t->Comment(MIMEObj => $mime->("Checked billing for $i."));
            if ($i % 500 == 0) { $RT::Handle->Commit; $RT::Handle->BeginTransaction; }
        }
        $RT::Handle->Commit;
        $_->SetDisabled(0) for @on;' "$count" "$queue" >"$root/seed.log" 2>&1 || {
        tail -20 "$root/seed.log" >&2
        die "seeding $count tickets failed"
    }
    say "seeded $count tickets with history in queue $queue in $(($(now_ms) - t0)) ms"
}

case ${1:-} in
install) cmd_install ;;
seed)
    [[ $# -eq 4 ]] || die "usage: $0 seed STATE_DIR N QUEUE"
    cmd_seed "$2" "$3" "$4"
    ;;
start)
    [[ -n ${2:-} ]] || die "usage: $0 start STATE_DIR"
    mkdir -p "$2"
    exec 9>"$2/.lock"
    flock 9
    cmd_start "$2"
    ;;
stop)
    [[ -n ${2:-} ]] || die "usage: $0 stop STATE_DIR"
    mkdir -p "$2"
    exec 9>"$2/.lock"
    flock 9
    stop_instance "$2"
    ;;
*)
    sed -n '2,19p' "$0" >&2
    exit 2
    ;;
esac

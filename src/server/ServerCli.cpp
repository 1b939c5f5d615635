// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCli.h"

#include "Api.h"
#include "Credentials.h"
#include "DemoData.h"
#include "DemoHistory.h"
#include "Helpdesk.h"
#include "HelpdeskExecutor.h"
#include "HelpdeskWorker.h"
#include "HttpServer.h"
#include "Importers.h"
#include "Logging.h"
#include "ServerDb.h"
#include "ServerStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimeZone>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace understudy::server {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "understudy-server: " << message << Qt::endl;
    return 1;
}

QString defaultDatabaseUrl()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return u"sqlite://"_s + dir + u"/server.db"_s;
}

// SIGINT/SIGTERM end the event loop through a socket pair, so shutdown runs the destructors (pool, connections).
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1);
}

void installSignalHandlers(QObject *parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, parent);
    QObject::connect(notifier, &QSocketNotifier::activated, parent, [] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &c, 1);
        QCoreApplication::quit();
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

Result<QPair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return Error::make(Error::Code::Invalid, u"--listen: expected HOST:PORT, e.g. 127.0.0.1:8470"_s);
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool okPort = false;
    const uint port = text.mid(colon + 1).toUInt(&okPort);
    if (!okPort || port > 65535)
        return Error::make(Error::Code::Invalid, u"--listen: \"%1\" is not a port number"_s.arg(text.mid(colon + 1)));
    QHostAddress address;
    if (host == u"localhost"_s)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return Error::make(Error::Code::Invalid, u"--listen: \"%1\" is not an IP address"_s.arg(host));
    return QPair<QHostAddress, quint16>(address, quint16(port));
}

QString readPasswordFromStdin()
{
    QTextStream in(stdin);
    QString line = in.readLine();
    while (line.endsWith(u'\r') || line.endsWith(u'\n'))
        line.chop(1);
    return line;
}

/// The database URL: --database, else the first line of --database-url-file, else $UNDERSTUDY_DATABASE_URL,
/// else the default SQLite file. A password on the command line still works, with a warning: `ps` shows it.
Result<QString> databaseUrl(const QCommandLineParser &parser)
{
    const bool fromFile = parser.isSet(u"database-url-file"_s);
    if (fromFile && parser.isSet(u"database"_s))
        return Error::make(Error::Code::Invalid, u"--database and --database-url-file: pass one of them"_s);
    if (fromFile) {
        QFile f(parser.value(u"database-url-file"_s));
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(Error::Code::Io,
                               u"--database-url-file: cannot read %1: %2"_s.arg(f.fileName(), f.errorString()));
        const QString url = QString::fromUtf8(f.readLine()).trimmed();
        if (url.isEmpty())
            return Error::make(Error::Code::Invalid, u"--database-url-file: %1 is empty"_s.arg(f.fileName()));
        if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
            err() << "understudy-server: warning: " << f.fileName()
                  << " is readable by other users; chmod 600 it (it holds the database password)" << Qt::endl;
        return url;
    }
    if (parser.isSet(u"database"_s)) {
        const QString url = parser.value(u"database"_s);
        auto config = DatabaseConfig::fromUrl(url);
        if (config && !config->password.isEmpty())
            err() << "understudy-server: warning: the password in --database shows in the process list; put the URL "
                     "in a file (--database-url-file FILE) or in UNDERSTUDY_DATABASE_URL"
                  << Qt::endl;
        return url;
    }
    const QString env = qEnvironmentVariable("UNDERSTUDY_DATABASE_URL");
    if (!env.isEmpty())
        return env;
    const QString url = defaultDatabaseUrl();
    QDir().mkpath(QFileInfo(url.mid(9)).absolutePath());
    return url;
}

int backupCommand(ServerDb &db, const QCommandLineParser &parser)
{
    const QString to = parser.value(u"to"_s);
    if (to.isEmpty())
        return fail(u"backup: --to FILE is required"_s);
    QElapsedTimer timer;
    timer.start();
    if (auto st = db.backupTo(to); !st)
        return fail(u"backup: "_s + st.error().message);
    out() << "backed up " << db.config().describe() << " to " << to << " (" << QFileInfo(to).size() << " bytes, "
          << timer.elapsed() << " ms)" << Qt::endl;
    return 0;
}

/// A new password from stdin (at least 8 characters), hashed.
Result<QString> passwordFromStdin(const QString &command)
{
    const QString password = readPasswordFromStdin();
    if (password.size() < 8)
        return Error::make(Error::Code::Invalid,
                           command + u": the password (read from stdin) must be at least 8 characters"_s);
    return credentials::hashPassword(password);
}

Status ensureDemoAccount(ServerStore &store, const QString &name, Role role)
{
    auto existing = store.user(name);
    if (!existing)
        return existing.error();
    if (*existing)
        return ok();
    auto hash = credentials::hashPassword(name); // the README's demo: name = password
    if (!hash)
        return hash.error();
    return store.addUser(name, role, *hash);
}

Status seedDemo(ServerStore &store, bool accounts)
{
    auto empty = store.contentEmpty();
    if (!empty)
        return empty.error();
    if (*empty) {
        const QString root = demo::demoResourceRoot();
        auto articles = connectors::readKnowledge({root + u"/kb"_s});
        if (!articles)
            return articles.error();
        auto a = store.importArticles(*articles, u"demo"_s);
        if (!a)
            return a.error();
        auto tickets = connectors::readTickets(root + u"/tickets.jsonl"_s, {});
        if (!tickets)
            return tickets.error();
        auto t = store.importTickets(*tickets);
        if (!t)
            return t.error();
        demo::HistoryOptions recent = demo::recentHistory();
        recent.resolutionId = &Statistics::resolutionId;
        auto history = store.ingestEvents(demo::makeHistory(*tickets, *articles, recent));
        if (!history)
            return history.error();
        out() << "demo data: " << a->added << " articles, " << t->added << " tickets, " << history->size()
              << " history events" << Qt::endl;
    }
    if (accounts) {
        US_TRY(ensureDemoAccount(store, u"demo"_s, Role::Agent));
        US_TRY(ensureDemoAccount(store, u"lead"_s, Role::Lead));
        out() << "demo accounts: agent demo/demo, lead lead/lead" << Qt::endl;
    }
    return ok();
}

int userAdd(ServerStore &store, const QCommandLineParser &parser)
{
    const QString name = parser.value(u"name"_s);
    const auto role = roleFromName(parser.value(u"role"_s));
    if (!QRegularExpression(u"^[A-Za-z0-9._@-]{1,64}$"_s).match(name).hasMatch())
        return fail(u"user add: a name may hold only letters, digits and . _ @ - (at most 64)"_s);
    if (!role)
        return fail(u"user add: --role must be agent, lead or admin"_s);
    auto hash = passwordFromStdin(u"user add"_s);
    if (!hash)
        return fail(hash.error().message);
    const QString team = parser.value(u"team"_s).trimmed();
    if (team.size() > 64)
        return fail(u"user add: a team name may have at most 64 characters"_s);
    if (auto st = store.addUser(name, *role, *hash, team); !st)
        return fail(st.error().message);
    out() << "added " << roleName(*role) << " " << name << (team.isEmpty() ? u""_s : u" to team "_s + team) << Qt::endl;
    return 0;
}

int userList(ServerStore &store, const QCommandLineParser &)
{
    auto users = store.users();
    if (!users)
        return fail(users.error().message);
    for (const User &u : *users)
        out() << u.name << '\t' << roleName(u.role) << '\t' << (u.disabled ? "disabled" : "enabled") << '\t'
              << u.createdAt << '\t' << (u.team.isEmpty() ? u"-"_s : u.team) << Qt::endl;
    return 0;
}

/// The exit code of a change to account @p name: 1 with the store's error or "no user", else 0 after saying @p done.
template <typename T> int accountChange(const Result<T> &result, const QString &name, const QString &done)
{
    if (!result)
        return fail(result.error().message);
    if (!*result)
        return fail(u"no user \"%1\""_s.arg(name));
    out() << done << Qt::endl;
    return 0;
}

int userSwitch(ServerStore &store, const QString &name, bool enable)
{
    return enable ? accountChange(store.enableUser(name), name, u"enabled "_s + name)
                  : accountChange(store.disableUser(name), name, u"disabled "_s + name);
}

int userPassword(ServerStore &store, const QString &name)
{
    auto hash = passwordFromStdin(u"user password"_s);
    if (!hash)
        return fail(hash.error().message);
    return accountChange(store.setPassword(name, *hash, u"password_reset"_s), name,
                         u"password of %1 reset; their sessions are revoked"_s.arg(name));
}

int userRole(ServerStore &store, const QString &name, const QCommandLineParser &parser)
{
    const auto role = roleFromName(parser.value(u"role"_s));
    if (!role)
        return fail(u"user role: --role must be agent, lead or admin"_s);
    auto before = store.user(name);
    if (!before)
        return fail(before.error().message);
    if (!*before)
        return fail(u"no user \"%1\""_s.arg(name));
    // Without --team the team stays.
    const QString team = parser.isSet(u"team"_s) ? parser.value(u"team"_s).trimmed() : (*before)->team;
    if (team.size() > 64)
        return fail(u"user role: a team name may have at most 64 characters"_s);
    return accountChange(
        store.setRole(name, *role, team), name,
        u"%1 is now %2%3"_s.arg(name, roleName(*role), team.isEmpty() ? u""_s : u" in team "_s + team));
}

int userSessions(ServerStore &store, const QString &name)
{
    auto sessions = store.sessions(name);
    if (!sessions)
        return fail(sessions.error().message);
    for (const SessionInfo &s : *sessions)
        out() << s.id << '\t' << s.createdAt.toString(Qt::ISODate) << '\t' << s.expiresAt.toString(Qt::ISODate)
              << Qt::endl;
    return 0;
}

int userRevoke(ServerStore &store, const QString &name, const QCommandLineParser &parser)
{
    auto revoked = store.revokeSessions(name, parser.value(u"session"_s));
    if (!revoked)
        return fail(revoked.error().message);
    if (parser.isSet(u"session"_s) && *revoked == 0)
        return fail(u"user revoke: %1 has no session %2"_s.arg(name, parser.value(u"session"_s)));
    out() << "revoked " << *revoked << " session(s) of " << name << Qt::endl;
    return 0;
}

int userCommand(ServerStore &store, const QStringList &args, const QCommandLineParser &parser)
{
    const QString sub = args.value(1);
    if (sub == u"list"_s)
        return userList(store, parser);
    const QString name = parser.value(u"name"_s);
    if (name.isEmpty())
        return fail(u"user %1: --name is required"_s.arg(sub.isEmpty() ? u"<command>"_s : sub));
    if (sub == u"add"_s)
        return userAdd(store, parser);
    if (sub == u"disable"_s || sub == u"enable"_s)
        return userSwitch(store, name, sub == u"enable"_s);
    if (sub == u"delete"_s)
        return accountChange(store.deleteUser(name), name, u"deleted %1 (their events stay in the log)"_s.arg(name));
    if (sub == u"password"_s)
        return userPassword(store, name);
    if (sub == u"role"_s)
        return userRole(store, name, parser);
    if (sub == u"sessions"_s)
        return userSessions(store, name);
    if (sub == u"revoke"_s)
        return userRevoke(store, name, parser);
    return fail(u"user: expected add, list, disable, enable, delete, password, role, sessions or revoke"_s);
}

int auditCommand(ServerStore &store, const QCommandLineParser &parser)
{
    qint64 after = 0;
    for (;;) {
        auto entries = store.auditLog(after, 1000, parser.value(u"team"_s));
        if (!entries)
            return fail(entries.error().message);
        for (const AuditEntry &e : std::as_const(*entries))
            out() << e.seq << '\t' << e.at.toString(Qt::ISODateWithMs) << '\t' << e.actor << '\t' << e.action << '\t'
                  << e.target << '\t' << (e.team.isEmpty() ? u"-"_s : e.team) << '\t'
                  << QJsonDocument(e.detail).toJson(QJsonDocument::Compact) << Qt::endl;
        if (entries->size() < 1000)
            return 0;
        after = entries->last().seq;
    }
}

int importCommand(ServerStore &store, const QStringList &args)
{
    const QString what = args.value(1);
    const QStringList paths = args.mid(2);
    if (paths.isEmpty())
        return fail(u"import: expected import kb|tickets PATH"_s);
    Result<ImportCounts> counts = ImportCounts{};
    if (what == u"kb"_s) {
        auto articles = connectors::readKnowledge(paths);
        if (!articles)
            return fail(articles.error().toString());
        counts = store.importArticles(*articles, QFileInfo(paths.first()).fileName());
    } else if (what == u"tickets"_s) {
        QList<Ticket> all;
        for (const QString &p : paths) {
            auto tickets = connectors::readTickets(p, {});
            if (!tickets)
                return fail(tickets.error().toString());
            all << *tickets;
        }
        counts = store.importTickets(all);
    } else {
        return fail(u"import: expected kb or tickets"_s);
    }
    if (!counts)
        return fail(counts.error().message);
    out() << "added " << counts->added << ", updated " << counts->updated << ", unchanged " << counts->unchanged
          << Qt::endl;
    return 0;
}

int helpdeskCommand(ServerStore &store, const QStringList &args, const QCommandLineParser &parser)
{
    const QString sub = args.value(1);
    if (sub == u"add"_s) {
        HelpdeskIntegration i;
        i.kind = parser.value(u"kind"_s);
        i.baseUrl = parser.value(u"url"_s);
        i.user = parser.value(u"user"_s);
        i.name = parser.isSet(u"name"_s) ? parser.value(u"name"_s) : i.kind;
        if (i.kind.isEmpty() || i.baseUrl.isEmpty())
            return fail(u"helpdesk add: --kind and --url are required"_s);
        if (i.kind == u"zendesk"_s && i.user.isEmpty())
            return fail(u"helpdesk add: Zendesk needs --user, the agent's email its API token belongs to"_s);
        if (!QRegularExpression(u"^[A-Za-z0-9._-]{1,64}$"_s).match(i.name).hasMatch())
            return fail(u"helpdesk add: a name may hold only letters, digits and . _ - (at most 64)"_s);
        const QUrl url(i.baseUrl);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
            return fail(u"helpdesk add: --url must be an http(s) URL"_s);
        if (!parser.isSet(u"secret-stdin"_s))
            return fail(u"helpdesk add: pass the password, token or API key on stdin with --secret-stdin (never as an "
                        "argument: it would show in the process list and the shell's history)"_s);
        i.secret = readPasswordFromStdin();
        if (i.secret.isEmpty())
            return fail(u"helpdesk add: no secret on stdin"_s);
        if (parser.isSet(u"queue"_s))
            i.settings.insert(u"queue"_s, parser.value(u"queue"_s));
        connectors::HelpdeskConfig config;
        config.kind = i.kind;
        config.baseUrl = i.baseUrl;
        config.user = i.user;
        config.secret = i.secret;
        config.queue = parser.value(u"queue"_s);
        auto connector = connectors::makeHelpdeskConnector(config);
        if (!connector)
            return fail(u"helpdesk add: "_s + connector.error().message);
        if (!parser.isSet(u"no-check"_s)) {
            // One cheap authenticated request, so a typo in the URL or the secret shows now, not in the poll log.
            sync::HelpdeskExecutorOptions http;
            http.maxAttempts = 2;
            http.requestTimeoutMs = 15000;
            sync::HelpdeskExecutor executor(url, http);
            auto checked = executor.runBlocking(connector.value()->checkAccess());
            if (!checked)
                return fail(u"helpdesk add: %1 (nothing stored; --no-check stores it anyway)"_s.arg(
                    checked.error().toString()));
        }
        // The helpdesk's webhook authenticates with a token of its own; the server keeps only its SHA-256.
        QByteArray webhookToken(32, Qt::Uninitialized);
        QRandomGenerator::system()->generate(webhookToken.begin(), webhookToken.end());
        webhookToken = webhookToken.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        i.settings.insert(
            u"webhook_sha256"_s,
            QString::fromLatin1(QCryptographicHash::hash(webhookToken, QCryptographicHash::Sha256).toHex()));
        if (auto st = store.addIntegration(i); !st)
            return fail(u"helpdesk add: "_s + st.error().message);
        out() << "added helpdesk " << i.name << " (" << connector.value()->displayName() << " at " << i.baseUrl
              << "); the server pulls it while it runs" << Qt::endl;
        out() << "webhook (shown once): POST /api/v1/helpdesk/" << i.name
              << "/webhook with the header \"Authorization: Bearer " << webhookToken
              << "\" and a JSON body {\"ticket_id\": …}" << Qt::endl;
        return 0;
    }
    if (sub == u"list"_s) {
        auto all = store.integrations();
        if (!all)
            return fail(all.error().message);
        for (const HelpdeskIntegration &i : *all) // never the secret
            out() << i.name << '\t' << i.kind << '\t' << i.baseUrl << '\t' << (i.user.isEmpty() ? u"-"_s : i.user)
                  << '\t'
                  << (i.lastPollMs
                          ? QDateTime::fromMSecsSinceEpoch(i.lastPollMs, QTimeZone::utc()).toString(Qt::ISODate)
                          : u"never polled"_s)
                  << '\t' << (i.lastError.isEmpty() ? u"ok"_s : i.lastError) << Qt::endl;
        return 0;
    }
    if (sub == u"remove"_s) {
        const QString name = parser.value(u"name"_s);
        if (name.isEmpty())
            return fail(u"helpdesk remove: --name is required"_s);
        auto removed = store.removeIntegration(name);
        if (!removed)
            return fail(removed.error().message);
        if (!*removed)
            return fail(u"helpdesk remove: no helpdesk \"%1\""_s.arg(name));
        out() << "removed helpdesk " << name << Qt::endl;
        return 0;
    }
    return fail(u"helpdesk: expected add, list or remove"_s);
}

} // namespace

int runServerCli(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The Understudy server: accounts, tickets, knowledge and the team's corrections over HTTP.\n\n"
        "Commands:\n"
        "  (none)                              serve the API\n"
        "  user add --name NAME --role ROLE    add an account; the password is read from stdin\n"
        "  user list                           list the accounts\n"
        "  user disable|enable --name NAME     disable an account (and revoke its tokens), or enable it again\n"
        "  user delete --name NAME             delete an account (its events stay)\n"
        "  user password --name NAME           reset the password (read from stdin); revokes its sessions\n"
        "  user role --name NAME --role ROLE [--team TEAM]   change an account's role (and team)\n"
        "  user sessions --name NAME           list its live sessions\n"
        "  user revoke --name NAME [--session ID]   revoke one session, or all\n"
        "  audit [--team TEAM]                 print the audit log of account and role changes\n"
        "  backup --to FILE                    a consistent copy of the database while it serves (SQLite: a\n"
        "                                      database file; PostgreSQL: a pg_dump custom-format archive)\n"
        "  import kb|tickets PATH...           import knowledge or tickets from files\n"
        "  helpdesk add --kind rt|zendesk|freshdesk --url URL [--user NAME] --secret-stdin [--name NAME]\n"
        "               [--queue Q]\n"
        "                                      connect a helpdesk: the server pulls its tickets and delivers replies\n"
        "  helpdesk list                       list the helpdesks (never their secrets)\n"
        "  helpdesk remove --name NAME         disconnect one"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"database"_s,
         u"sqlite:///path/server.db or postgresql://user:pass@host:port/db (default: server.db in the user's data folder)."_s,
         u"url"_s},
        {u"listen"_s,
         u"Address and port to listen on; port 0 picks a free one (default: 127.0.0.1:8470, loopback only)."_s,
         u"host:port"_s, u"127.0.0.1:8470"_s},
        {u"threads"_s, u"Worker threads for requests, each with its own database connection (default: 8)."_s, u"n"_s,
         u"8"_s},
        {u"tls-cert"_s, u"PEM certificate (chain) to serve HTTPS."_s, u"file"_s},
        {u"tls-key"_s, u"PEM private key for --tls-cert."_s, u"file"_s},
        {u"max-body-bytes"_s, u"Largest accepted request body (default: 8 MiB)."_s, u"bytes"_s,
         QString::number(8 * 1024 * 1024)},
        {u"token-ttl-hours"_s, u"How long a login token lives (default: 12)."_s, u"hours"_s, u"12"_s},
        {u"max-failed-logins"_s, u"Failed logins per account within the window before 429 (default: 5)."_s, u"n"_s,
         u"5"_s},
        {u"max-failed-logins-per-address"_s,
         u"Failed logins per client address within the window before 429 (default: 20)."_s, u"n"_s, u"20"_s},
        {u"failed-login-window"_s, u"The failed-login window (default: 300)."_s, u"seconds"_s, u"300"_s},
        {u"failed-login-delay"_s,
         u"Wait after the failure that reaches a limit; it doubles with each further failure, up to the window "
         u"(default: 1)."_s,
         u"seconds"_s, u"1"_s},
        {u"trusted-proxy"_s,
         u"The reverse proxy's address: only its X-Forwarded-For header is believed (default: none)."_s, u"address"_s},
        {u"demo"_s, u"Seed the bundled demo knowledge, tickets and team history into an empty database."_s},
        {u"demo-accounts"_s, u"With --demo: create the accounts demo/demo (agent) and lead/lead (lead)."_s},
        {u"log-dir"_s, u"Folder for the rotating log file."_s, u"dir"_s},
        {u"name"_s, u"user add/disable: the account name; helpdesk add/remove: the helpdesk's name (default: kind)."_s,
         u"name"_s},
        {u"kind"_s, u"helpdesk add: rt (Request Tracker 5), zendesk or freshdesk."_s, u"kind"_s},
        {u"url"_s, u"helpdesk add: the helpdesk's base URL, e.g. https://rt.example.com."_s, u"url"_s},
        {u"user"_s,
         u"helpdesk add: the helpdesk user (RT: empty to use an auth token as the secret; Zendesk: the agent's "
         "email; Freshdesk: none, the API key is the secret)."_s,
         u"name"_s},
        {u"secret-stdin"_s, u"helpdesk add: read the password, token or API key from stdin."_s},
        {u"queue"_s, u"helpdesk add: RT: pull only this queue."_s, u"queue"_s},
        {u"no-check"_s, u"helpdesk add: store it without checking the URL and the secret first."_s},
        {u"helpdesk-poll-seconds"_s, u"Seconds between helpdesk pulls and deliveries (default: 10; 0: off)."_s,
         u"seconds"_s, u"10"_s},
        {u"role"_s, u"user add: agent, lead or admin."_s, u"role"_s},
        {u"team"_s,
         u"user add/role: the team (a lead with a team sees that team's statistics only); audit: that team's entries."_s,
         u"team"_s},
        {u"session"_s, u"user revoke: the session's id (from user sessions)."_s, u"id"_s},
        {u"database-url-file"_s,
         u"Read the database URL from FILE (first line), so its password stays out of the process list."_s, u"file"_s},
        {u"sqlite-synchronous"_s,
         u"full (default): a commit is on disk before it is acknowledged; normal: faster, but the last commits "
         u"may be lost on power loss (never on a crash of the server)."_s,
         u"mode"_s, u"full"_s},
        {u"to"_s, u"backup: the file to write (never overwritten)."_s, u"file"_s},
    });
    HttpLimits::addOptions(parser);
    parser.addPositionalArgument(u"command"_s, u"user add|list|disable, import kb|tickets PATH…, or nothing to serve"_s,
                                 u"[command]"_s);
    parser.process(arguments);
    const QStringList args = parser.positionalArguments();

    installLogging(u"understudy-server"_s, parser.value(u"log-dir"_s));

    auto url = databaseUrl(parser);
    if (!url)
        return fail(url.error().message);
    auto config = DatabaseConfig::fromUrl(*url);
    if (!config)
        return fail(config.error().message);
    const QString sync = parser.value(u"sqlite-synchronous"_s);
    if (sync != u"full"_s && sync != u"normal"_s)
        return fail(u"--sqlite-synchronous: expected full or normal"_s);
    config->sqliteFullSync = sync == u"full"_s;
    ServerDb db(*config);
    ServerStore store(db);
    if (auto st = store.migrate(); !st)
        return fail(u"database %1: %2"_s.arg(config->describe(), st.error().message));

    if (!args.isEmpty()) {
        if (args.first() == u"user"_s)
            return userCommand(store, args, parser);
        if (args.first() == u"audit"_s)
            return auditCommand(store, parser);
        if (args.first() == u"backup"_s)
            return backupCommand(db, parser);
        if (args.first() == u"import"_s)
            return importCommand(store, args);
        if (args.first() == u"helpdesk"_s)
            return helpdeskCommand(store, args, parser);
        return fail(u"unknown command \"%1\" (see --help)"_s.arg(args.first()));
    }

    const auto intOption = [&](const QString &name, qint64 min, qint64 max) -> Result<qint64> {
        bool okNum = false;
        const qint64 v = parser.value(name).toLongLong(&okNum);
        if (!okNum || v < min || v > max)
            return Error::make(Error::Code::Invalid,
                               u"--%1: expected a number from %2 to %3"_s.arg(name).arg(min).arg(max));
        return v;
    };
    ApiOptions options;
    options.version = QCoreApplication::applicationVersion();
    auto threads = intOption(u"threads"_s, 1, 256);
    auto maxBody = intOption(u"max-body-bytes"_s, 1024, qint64(1) << 31);
    auto ttl = intOption(u"token-ttl-hours"_s, 1, 24 * 365);
    auto perAccount = intOption(u"max-failed-logins"_s, 1, 1000000);
    auto perAddress = intOption(u"max-failed-logins-per-address"_s, 1, 1000000);
    auto window = intOption(u"failed-login-window"_s, 1, 86400);
    auto delay = intOption(u"failed-login-delay"_s, 1, 86400);
    auto pollSeconds = intOption(u"helpdesk-poll-seconds"_s, 0, 86400);
    for (const auto *r : {&threads, &maxBody, &ttl, &perAccount, &perAddress, &window, &delay, &pollSeconds})
        if (!*r)
            return fail(r->error().message);
    options.maxBodyBytes = *maxBody;
    auto httpLimits = HttpLimits::fromOptions(parser, *maxBody);
    if (!httpLimits)
        return fail(httpLimits.error().message);
    options.tokenTtlSeconds = *ttl * 3600;
    options.loginLimits = LoginLimits{int(*perAccount), int(*perAddress), *window, *delay};
    if (parser.isSet(u"trusted-proxy"_s)) {
        options.trustedProxy = QHostAddress(parser.value(u"trusted-proxy"_s));
        if (options.trustedProxy.isNull())
            return fail(u"--trusted-proxy: expected an IP address"_s);
    }
    auto listen = parseListen(parser.value(u"listen"_s));
    if (!listen)
        return fail(listen.error().message);

    if (parser.isSet(u"demo"_s)) {
        if (auto st = seedDemo(store, parser.isSet(u"demo-accounts"_s)); !st)
            return fail(u"--demo: "_s + st.error().toString());
    } else if (parser.isSet(u"demo-accounts"_s)) {
        return fail(u"--demo-accounts needs --demo"_s);
    }

    HelpdeskWorker::Options helpdeskOptions;
    helpdeskOptions.pollSeconds = int(*pollSeconds);
    HelpdeskWorker helpdesks(store, helpdeskOptions);
    // A webhook is answered on a pool thread; the pull runs on this one, where the worker lives.
    options.helpdeskWebhook = [&helpdesks](const QString &integration, const QString &ticketId) {
        QMetaObject::invokeMethod(
            &helpdesks, [&helpdesks, integration, ticketId] { helpdesks.pullTicket(integration, ticketId); },
            Qt::QueuedConnection);
    };
    Api api(store, options);
    HttpServer http([&api](const HttpRequest &r) { return api.handle(r); }, int(*threads), *httpLimits);
    http.warmUp([&db] { (void)db.connection(); }); // each worker's connection now, not on its first request
    const bool tls = parser.isSet(u"tls-cert"_s) || parser.isSet(u"tls-key"_s);
    if (tls) {
        if (!parser.isSet(u"tls-cert"_s) || !parser.isSet(u"tls-key"_s))
            return fail(u"--tls-cert and --tls-key go together"_s);
        if (auto st = http.setupTls(parser.value(u"tls-cert"_s), parser.value(u"tls-key"_s)); !st)
            return fail(st.error().message);
        // Else it would listen, and every handshake would fail.
        if (auto st = credentials::checkTlsKeyPair(parser.value(u"tls-cert"_s), parser.value(u"tls-key"_s)); !st)
            return fail(st.error().message);
    }
    auto port = http.listen(listen->first, listen->second);
    if (!port)
        return fail(port.error().message);
    installSignalHandlers(QCoreApplication::instance());
    if (*pollSeconds > 0)
        helpdesks.start();
    const QString host = listen->first.protocol() == QAbstractSocket::IPv6Protocol
                             ? u"[%1]"_s.arg(listen->first.toString())
                             : listen->first.toString();
    qInfo().noquote() << "understudy-server listening on" << host << *port << "database" << config->describe();
    out() << "listening on " << (tls ? "https" : "http") << "://" << host << ':' << *port << Qt::endl; // tests parse it
    fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace understudy::server

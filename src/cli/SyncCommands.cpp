// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncCommands.h"

#include "Commands.h"

#include "Store.h"
#include "SyncClient.h"
#include "TokenStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace understudy::cli {

namespace {

const QString kServerSetting = u"sync.server"_s;
const QString kUserSetting = u"sync.user"_s;
const QString kCaFileSetting = u"sync.ca_file"_s; ///< also read by the desktop client (SyncController)
const QCommandLineOption kCaFileOption(u"ca-file"_s,
                                       u"Trust the CA certificate(s) in this PEM file besides the system's (a private "
                                       "CA); kept for the next runs and the desktop client. Default: the one kept, "
                                       "else $SSL_CERT_FILE."_s,
                                       u"FILE"_s);

void warn(const QString &text)
{
    const QByteArray b = (u"understudyctl: "_s + text + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

/// @brief One line from stdin without its line break; no echo when a person types it.
QString readPassword(const QString &prompt)
{
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::fputs(prompt.toUtf8().constData(), stderr);
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputs("\n", stderr);
    }
    return line;
}

/// @brief Runs the event loop until @p done() is true.
void waitFor(const std::function<bool()> &done)
{
    QEventLoop loop;
    while (!done())
        loop.processEvents(QEventLoop::WaitForMoreEvents);
}

struct Context {
    std::unique_ptr<store::Store> store;
    QUrl server;
    QString user;
};

Result<Context> openContext(const QString &db, const QString &server, const QString &name)
{
    Context c;
    auto s = store::Store::open(db);
    if (!s)
        return s.error();
    c.store = std::move(*s);
    QString url = server;
    if (url.isEmpty()) {
        auto saved = c.store->setting(kServerSetting);
        if (!saved)
            return saved.error();
        url = *saved;
    }
    if (url.isEmpty())
        return Error::make(Error::Code::Invalid, u"no server: pass --server URL (e.g. http://127.0.0.1:8470)"_s);
    c.server = QUrl(url, QUrl::StrictMode);
    if (!c.server.isValid() || (c.server.scheme() != u"http"_s && c.server.scheme() != u"https"_s) ||
        c.server.host().isEmpty())
        return Error::make(Error::Code::Invalid, u"--server %1 is not an http:// or https:// URL"_s.arg(url));
    c.user = name;
    if (c.user.isEmpty()) {
        auto saved = c.store->setting(kUserSetting);
        if (!saved)
            return saved.error();
        c.user = *saved;
    }
    return c;
}

/// The CA file for @p client: --ca-file (then kept in the store), else the one kept, else $SSL_CERT_FILE.
Status trustCaFile(sync::SyncClient &client, store::Store &store, const QCommandLineParser &p)
{
    if (!p.isSet(kCaFileOption)) {
        auto kept = store.setting(kCaFileSetting);
        if (!kept)
            return kept.error();
        return client.setCaFile(*kept);
    }
    const QString path = QFileInfo(p.value(kCaFileOption)).absoluteFilePath();
    US_TRY(client.setCaFile(path));
    return store.setSetting(kCaFileSetting, path);
}

QString serverKey(const QUrl &server)
{
    QString s = server.toString();
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}

/// @brief Signs @p client in with @p password; the token goes to @p client's token store, if any.
Status login(sync::SyncClient &client, const QString &user, const QString &password, QString *role = nullptr,
             QString *keyringError = nullptr)
{
    std::optional<Status> result;
    QObject ctx;
    QObject::connect(&client, &sync::SyncClient::tokenStoreFailed, &ctx, [&](const QString &m) {
        if (keyringError)
            *keyringError = m;
    });
    QObject::connect(&client, &sync::SyncClient::loggedIn, &ctx, [&](const QString &, const QString &r) {
        if (role)
            *role = r;
        result = ok();
    });
    QObject::connect(&client, &sync::SyncClient::loginFailed, &ctx,
                     [&](const QString &m) { result = Status(Error::make(Error::Code::Io, m)); });
    client.login(user, password);
    waitFor([&] { return result.has_value(); });
    return *result;
}

Result<QString> readToken(sync::TokenStore &tokens, const QString &account)
{
    std::optional<Result<QString>> result;
    tokens.read(account, [&](Result<QString> r) { result = std::move(r); });
    waitFor([&] { return result.has_value(); });
    return *result;
}

void logoutQuietly(sync::SyncClient &client)
{
    bool done = false;
    QObject ctx;
    QObject::connect(&client, &sync::SyncClient::signedOut, &ctx, [&] { done = true; });
    client.logout();
    waitFor([&] { return done; });
}

int cmdLogin(const QString &db, const QString &server, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"User name."_s, u"NAME"_s});
    p.addOption(kCaFileOption);
    if (auto rc = parse(p, args,
                        u"Sign in to the server; the password is read from stdin and the token kept in the "
                        "desktop keyring (never in a plain file)."_s))
        return *rc;
    if (p.value(u"name"_s).isEmpty())
        return fail(u"login needs --name NAME"_s);
    auto ctx = openContext(db, server, p.value(u"name"_s));
    if (!ctx)
        return fail(ctx.error().toString());
    const QString password = readPassword(u"Password for %1 at %2: "_s.arg(ctx->user, serverKey(ctx->server)));
    if (password.isEmpty())
        return fail(u"no password on stdin"_s);
    sync::KeychainTokenStore keychain;
    sync::SyncClient client(*ctx->store, ctx->server);
    if (auto s = trustCaFile(client, *ctx->store, p); !s)
        return fail(s.error().toString());
    client.setTokenStore(&keychain);
    QString role, keyringError;
    if (auto s = login(client, ctx->user, password, &role, &keyringError); !s)
        return fail(s.error().message);
    if (!keyringError.isEmpty()) {
        // The token could not be kept: revoke it instead of leaving a live session nobody holds.
        client.setTokenStore(nullptr);
        logoutQuietly(client);
        return fail(u"signed in, but %1"_s.arg(keyringError));
    }
    if (auto s = ctx->store->setSetting(kServerSetting, serverKey(ctx->server)); !s)
        return fail(s.error().toString());
    if (auto s = ctx->store->setSetting(kUserSetting, client.user()); !s)
        return fail(s.error().toString());
    out(u"signed in to %1 as %2 (%3); the token is in the keyring\n"_s.arg(serverKey(ctx->server), client.user(),
                                                                           role));
    return 0;
}

/// @brief Gives @p client the credentials of `sync`: with --password-stdin a session for this run only (then
/// *@p temporarySession), else the token in UNDERSTUDY_TOKEN, else the one in the keyring. The failure's message, if
/// any.
std::optional<QString> signInForSync(sync::SyncClient &client, const Context &ctx, const QCommandLineParser &p,
                                     sync::KeychainTokenStore &keychain, bool *temporarySession)
{
    if (p.isSet(u"password-stdin"_s)) {
        if (ctx.user.isEmpty())
            return u"--password-stdin needs --name NAME"_s;
        const QString password = readPassword(u"Password for %1: "_s.arg(ctx.user));
        if (password.isEmpty())
            return u"no password on stdin"_s;
        if (auto s = login(client, ctx.user, password); !s)
            return s.error().message;
        *temporarySession = true;
    } else if (const QString env = qEnvironmentVariable("UNDERSTUDY_TOKEN"); !env.isEmpty()) {
        client.setCredentials(ctx.user, env);
    } else {
        if (ctx.user.isEmpty())
            return u"not signed in: run `understudyctl --server URL login --name NAME` first (or pass "
                   "--password-stdin, or a token in UNDERSTUDY_TOKEN)"_s;
        auto token = readToken(keychain, sync::TokenStore::accountKey(serverKey(ctx.server), ctx.user));
        if (!token)
            return token.error().message;
        if (token->isEmpty())
            return u"not signed in to %1 as %2: run `understudyctl --server %1 login --name %2` first"_s.arg(
                serverKey(ctx.server), ctx.user);
        client.setCredentials(ctx.user, *token);
        client.setTokenStore(&keychain); // a 401 removes the dead token
    }
    return std::nullopt;
}

/// @brief What a sync did, as JSON (@p json) or as two lines of text.
void printSyncReport(const sync::SyncReport &report, bool json)
{
    if (json) {
        const QJsonObject o{{u"pages"_s, report.pages},
                            {u"tickets"_s, report.tickets},
                            {u"articles"_s, report.articles},
                            {u"events"_s, report.events},
                            {u"learned"_s, report.learned},
                            {u"pushed"_s, report.pushed},
                            {u"replies"_s, report.replies},
                            {u"conflicts"_s, report.conflicts},
                            {u"failed_replies"_s, report.failedReplies},
                            {u"outbox"_s, report.outbox},
                            {u"cursor"_s, report.cursor}};
        out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + u'\n');
    } else {
        out(u"pulled %1 tickets, %2 articles, %3 events, %11 learned-state records (%4 pages, cursor %5)\n"
            "pushed %6 events; replies: %7 delivered, %8 claimed by others, %9 refused; outbox: %10 left\n"_s
                .arg(report.tickets)
                .arg(report.articles)
                .arg(report.events)
                .arg(report.pages)
                .arg(report.cursor)
                .arg(report.pushed)
                .arg(report.replies)
                .arg(report.conflicts)
                .arg(report.failedReplies)
                .arg(report.outbox)
                .arg(report.learned));
    }
}

int cmdSync(const QString &db, const QString &server, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"User name (default: the one that last signed in)."_s, u"NAME"_s});
    p.addOption({u"password-stdin"_s, u"Read the password from stdin and sign in for this run only."_s});
    p.addOption({u"retry-for"_s, u"Keep retrying an unreachable server with backoff for up to S seconds."_s, u"S"_s});
    p.addOption({u"json"_s, u"Print the counts as JSON."_s});
    p.addOption(kCaFileOption);
    if (auto rc =
            parse(p, args,
                  u"Pull the server's changes and push the outbox (events, then owed replies) until both are done.\n"
                  "The token comes from, in order: --password-stdin (signs in for this run only, no keyring), the "
                  "environment variable UNDERSTUDY_TOKEN, the keyring (after `login`)."_s))
        return *rc;
    auto ctx = openContext(db, server, p.value(u"name"_s));
    if (!ctx)
        return fail(ctx.error().toString());
    int retryForS = 0;
    if (p.isSet(u"retry-for"_s)) {
        bool okNumber = false;
        retryForS = p.value(u"retry-for"_s).toInt(&okNumber);
        if (!okNumber || retryForS < 0)
            return fail(u"--retry-for needs a number of seconds"_s);
    }
    sync::SyncClient::Options options;
    options.retry = retryForS > 0;
    options.intervalMs = 0;
    options.backoffCapMs = 10000;
    sync::SyncClient client(*ctx->store, ctx->server, options);
    if (auto s = trustCaFile(client, *ctx->store, p); !s)
        return fail(s.error().toString());
    sync::KeychainTokenStore keychain;
    bool temporarySession = false;
    if (const auto failure = signInForSync(client, *ctx, p, keychain, &temporarySession))
        return fail(*failure);

    std::optional<sync::SyncReport> report;
    QString failure;
    bool signedOut = false;
    QStringList conflicts, refused;
    const QDeadlineTimer deadline(qint64(retryForS) * 1000);
    QObject ctxObj;
    QObject::connect(&client, &sync::SyncClient::syncFinished, &ctxObj, [&](const sync::SyncReport &r) { report = r; });
    QObject::connect(&client, &sync::SyncClient::syncFailed, &ctxObj, [&](const QString &m, int retryInMs) {
        if (retryInMs >= 0 && !deadline.hasExpired() && deadline.remainingTime() > retryInMs) {
            warn(u"%1; retrying in %2 s"_s.arg(m).arg(retryInMs / 1000.0, 0, 'f', 1));
            return;
        }
        failure = m;
    });
    QObject::connect(&client, &sync::SyncClient::signedOut, &ctxObj, [&] { signedOut = true; });
    QObject::connect(&client, &sync::SyncClient::claimConflict, &ctxObj,
                     [&](const QString &t, const QString &by) { conflicts << u"%1 (claimed by %2)"_s.arg(t, by); });
    QObject::connect(&client, &sync::SyncClient::replyFailed, &ctxObj,
                     [&](const QString &t, const QString &m) { refused << u"%1: %2"_s.arg(t, m); });
    client.syncNow();
    waitFor([&] { return report.has_value() || !failure.isEmpty(); });
    if (!failure.isEmpty() && !client.isSignedIn() && !temporarySession)
        waitFor([&] { return signedOut; }); // the dead token is being removed from the keyring
    if (temporarySession && client.isSignedIn())
        logoutQuietly(client);
    for (const QString &c : std::as_const(conflicts))
        warn(u"reply not sent: ticket %1"_s.arg(c));
    for (const QString &r : std::as_const(refused))
        warn(u"reply refused for ticket %1"_s.arg(r));
    if (!report)
        return fail(failure);
    printSyncReport(*report, p.isSet(u"json"_s));
    return 0;
}

int cmdLogout(const QString &db, const QString &server, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"User name (default: the one that last signed in)."_s, u"NAME"_s});
    p.addOption(kCaFileOption);
    if (auto rc = parse(p, args, u"Revoke the token on the server and remove it from the keyring."_s))
        return *rc;
    auto ctx = openContext(db, server, p.value(u"name"_s));
    if (!ctx)
        return fail(ctx.error().toString());
    if (ctx->user.isEmpty())
        return fail(u"logout needs --name NAME"_s);
    sync::KeychainTokenStore keychain;
    auto token = readToken(keychain, sync::TokenStore::accountKey(serverKey(ctx->server), ctx->user));
    if (!token)
        return fail(token.error().message);
    sync::SyncClient client(*ctx->store, ctx->server);
    if (auto s = trustCaFile(client, *ctx->store, p); !s)
        return fail(s.error().toString());
    client.setTokenStore(&keychain);
    client.setCredentials(ctx->user, *token);
    QString keyringError;
    QObject ctxObj;
    QObject::connect(&client, &sync::SyncClient::tokenStoreFailed, &ctxObj,
                     [&](const QString &m) { keyringError = m; });
    logoutQuietly(client);
    if (!keyringError.isEmpty())
        return fail(keyringError);
    out(token->isEmpty() ? u"was not signed in to %1 as %2\n"_s.arg(serverKey(ctx->server), ctx->user)
                         : u"signed out of %1 as %2\n"_s.arg(serverKey(ctx->server), ctx->user));
    return 0;
}

} // namespace

int runSyncCommand(const QString &command, const QString &db, const QString &server, const QStringList &args)
{
    if (command == u"login"_s)
        return cmdLogin(db, server, args);
    if (command == u"sync"_s)
        return cmdSync(db, server, args);
    if (command == u"logout"_s)
        return cmdLogout(db, server, args);
    return fail(u"unknown command \"%1\" (see --help)"_s.arg(command));
}

} // namespace understudy::cli

// SPDX-License-Identifier: GPL-3.0-or-later
// The real keyring: KeychainTokenStore and `understudyctl login/sync/logout` against a throwaway GNOME Keyring
// on a private session bus (ctest runs this under dbus-run-session + with-keyring.sh; label keychain).
#include "RealServer.h"
#include "TokenStore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::sync;
using namespace understudy::test;

class TestKeychain : public QObject {
    Q_OBJECT

    template <typename T>
    static T wait(const std::function<void(std::function<void(T)>)> &call)
    {
        std::optional<T> result;
        call([&](T r) { result = std::move(r); });
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 20000);
        return result.value_or(T(Error::make(Error::Code::Io, u"no answer from the keyring"_s)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // ctest runs it under dbus-run-session and with-keyring.sh (which skips, or fails in CI, without them).
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "no session bus: run under dbus-run-session -- tests/sync/with-keyring.sh");
    }

    void roundTrip()
    {
        KeychainTokenStore tokens(nullptr, u"understudy-test"_s);
        const QString account = TokenStore::accountKey(u"http://127.0.0.1:1"_s, u"alice"_s);
        auto w = wait<Status>([&](auto done) { tokens.write(account, u"token-1"_s, done); });
        QVERIFY2(w, qPrintable(w ? QString() : w.error().message));
        auto r = wait<Result<QString>>([&](auto done) { tokens.read(account, done); });
        QVERIFY(r);
        QCOMPARE(*r, u"token-1"_s);
        QVERIFY(wait<Status>([&](auto done) { tokens.write(account, u"token-2"_s, done); }));
        QCOMPARE(*wait<Result<QString>>([&](auto done) { tokens.read(account, done); }), u"token-2"_s);
        // Another user on the same server is another entry.
        const QString bob = TokenStore::accountKey(u"http://127.0.0.1:1"_s, u"bob"_s);
        QCOMPARE(*wait<Result<QString>>([&](auto done) { tokens.read(bob, done); }), QString());
        QVERIFY(wait<Status>([&](auto done) { tokens.remove(account, done); }));
        QCOMPARE(*wait<Result<QString>>([&](auto done) { tokens.read(account, done); }), QString());
        QVERIFY(wait<Status>([&](auto done) { tokens.remove(account, done); })); // already gone: fine
    }

    void ctlLoginSyncLogout()
    {
        // Registered only where CMake builds the server (and depends on it): missing is a broken build.
        QVERIFY2(!RealServer::executable().isEmpty(), "understudy-server is missing from the build");
        RealServer server;
        QString error;
        QVERIFY2(server.addUser(u"alice"_s, u"password-alice"_s, u"agent"_s, &error), qPrintable(error));
        QVERIFY2(server.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const QString ctl = qEnvironmentVariable("UNDERSTUDY_BINARY_DIR") + u"/src/cli/understudyctl"_s;
        auto run = [&](const QStringList &args, const QByteArray &input = {}) {
            QProcess p;
            p.start(ctl, QStringList{u"--db"_s, dir.filePath(u"c.db"_s)} + args);
            p.write(input);
            p.closeWriteChannel();
            p.waitForFinished(60000);
            return std::tuple{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                              QString::fromUtf8(p.readAllStandardError())};
        };
        auto [code, out, err] = run({u"--server"_s, server.url(), u"login"_s, u"--name"_s, u"alice"_s},
                                    "password-alice\n");
        QVERIFY2(code == 0, qPrintable(err));
        QVERIFY(out.contains(u"token is in the keyring"_s));
        // The token really is in the keyring, under the server URL and the user.
        KeychainTokenStore tokens;
        const QString account = TokenStore::accountKey(server.url(), u"alice"_s);
        auto stored = wait<Result<QString>>([&](auto done) { tokens.read(account, done); });
        QVERIFY(stored && !stored->isEmpty());
        std::tie(code, out, err) = run({u"sync"_s}); // server and user remembered by the store
        QVERIFY2(code == 0, qPrintable(err));
        std::tie(code, out, err) = run({u"logout"_s});
        QVERIFY2(code == 0, qPrintable(err));
        QCOMPARE(*wait<Result<QString>>([&](auto done) { tokens.read(account, done); }), QString());
        std::tie(code, out, err) = run({u"sync"_s});
        QVERIFY(code != 0);
        QVERIFY2(err.contains(u"not signed in"_s), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"

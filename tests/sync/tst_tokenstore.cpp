// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenStore.h"

#include <QSignalSpy>
#include <QTest>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::sync;

class TestTokenStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accountKeyIsServerAndUser()
    {
        QCOMPARE(TokenStore::accountKey(u"http://127.0.0.1:8470/"_s, u"alice"_s), u"http://127.0.0.1:8470 alice"_s);
        QCOMPARE(TokenStore::accountKey(u"https://h"_s, u"bob"_s), u"https://h bob"_s);
        QVERIFY(TokenStore::accountKey(u"https://h"_s, u"bob"_s) != TokenStore::accountKey(u"https://g"_s, u"bob"_s));
    }

    void memoryStoreRoundTrip()
    {
        MemoryTokenStore tokens;
        QString got = u"unset"_s;
        tokens.read(u"a"_s, [&](Result<QString> r) { got = r ? *r : u"error"_s; });
        QCOMPARE(got, QString()); // nothing stored: empty, not an error
        bool wrote = false;
        tokens.write(u"a"_s, u"t1"_s, [&](Status s) { wrote = s.ok(); });
        QVERIFY(wrote);
        tokens.read(u"a"_s, [&](Result<QString> r) { got = r ? *r : u"error"_s; });
        QCOMPARE(got, u"t1"_s);
        bool removed = false;
        tokens.remove(u"a"_s, [&](Status s) { removed = s.ok(); });
        QVERIFY(removed);
        tokens.remove(u"a"_s, [&](Status s) { removed = s.ok(); });
        QVERIFY(removed); // removing what is not there succeeds
        QVERIFY(tokens.tokens().isEmpty());
    }

    void memoryStoreInjectedFailure()
    {
        MemoryTokenStore tokens;
        tokens.failNext(u"no keyring"_s);
        QString message;
        tokens.write(u"a"_s, u"t"_s, [&](Status s) { message = s ? QString() : s.error().message; });
        QCOMPARE(message, u"no keyring"_s);
        QVERIFY(tokens.tokens().isEmpty());
        tokens.write(u"a"_s, u"t"_s, [&](Status s) { message = s ? u"ok"_s : s.error().message; });
        QCOMPARE(message, u"ok"_s);
    }

    void keychainErrorsSayWhatToDo()
    {
        // The messages qtkeychain 0.13 gives without a keyring (qt64.md §4).
        for (const auto &[code, text] :
             {std::pair{int(QKeychain::OtherError), u"org.freedesktop.secrets was not provided by any .service files"_s},
              std::pair{int(QKeychain::OtherError), u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s},
              std::pair{int(QKeychain::NoBackendAvailable), QString()}}) {
            const QString m = KeychainTokenStore::describeError(code, text);
            QVERIFY2(m.contains(u"no keyring is available"_s), qPrintable(m));
            QVERIFY2(m.contains(u"--password-stdin"_s) && m.contains(u"UNDERSTUDY_TOKEN"_s), qPrintable(m));
            if (!text.isEmpty())
                QVERIFY(m.contains(text));
        }
        const QString denied = KeychainTokenStore::describeError(QKeychain::AccessDeniedByUser, u"denied"_s);
        QVERIFY2(denied.contains(u"refused"_s) && denied.contains(u"denied"_s), qPrintable(denied));
    }

    void keychainWithoutKeyringFailsClearly()
    {
        // Under ctest there is no session bus unless the keychain-labelled test sets one up.
        if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a session bus is present; the real keyring is covered by tst_keychain (label keychain)");
        KeychainTokenStore tokens;
        std::optional<Status> result;
        tokens.write(u"http://127.0.0.1:1 nobody"_s, u"t"_s, [&](Status s) { result = s; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QVERIFY2(result->error().message.contains(u"no keyring is available"_s), qPrintable(result->error().message));
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"

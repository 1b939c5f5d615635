// SPDX-License-Identifier: GPL-3.0-or-later
// TLS with a private CA (issue 19, point 15), certificates verified, never ignored: a throwaway CA and a server
// certificate for 127.0.0.1 are made with openssl when the test starts. understudyctl trusts the CA given with
// --ca-file (kept for the next runs) or $SSL_CERT_FILE, and refuses the server without it or with another CA;
// the in-process SyncClient does the same; and the server refuses to start when its key does not belong to its
// certificate (it used to print "listening" and fail every handshake).
#include "ServerTestSupport.h"

#include "Store.h"
#include "SyncClient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

namespace {

struct CtlRun {
    int code = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &args, const QByteArray &input, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(UNDERSTUDYCTL_PATH), args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestSecurityTls : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    int m_stores = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    /// A CA (certificate NAME.pem, key NAME.key) and, signed by it, a certificate for 127.0.0.1.
    bool makeCa(const QString &name)
    {
        return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                        u"-nodes"_s, u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".pem"_s, u"-days"_s, u"2"_s,
                        u"-subj"_s, u"/CN=Understudy test CA "_s + name, u"-addext"_s,
                        u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s, u"keyUsage=critical,keyCertSign"_s});
    }

    bool makeServerCertificate()
    {
        QFile ext(path(u"server.ext"_s));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        ext.close();
        return openssl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s,
                        u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s, u"/CN=127.0.0.1"_s}) &&
               openssl({u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
                        u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
                        u"-extfile"_s, u"server.ext"_s});
    }

    /// `understudyctl sync` as alice against the server, in a fresh local store unless @p db is given.
    CtlRun sync(const QStringList &extra, const QProcessEnvironment &env = cleanEnvironment(), QString db = {})
    {
        if (db.isEmpty())
            db = path(u"client-%1.db"_s.arg(m_stores++));
        return runCtl(QStringList{u"--db"_s, db, u"--server"_s, m_server.base(), u"sync"_s, u"--name"_s, u"alice"_s,
                                  u"--password-stdin"_s, u"--json"_s} +
                          extra,
                      "alice-password\n", env);
    }

    static QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"SSL_CERT_FILE"_s);
        env.remove(u"UNDERSTUDY_TOKEN"_s);
        return env;
    }

    static bool isCertificateError(const QString &err)
    {
        return err.contains(u"SSL"_s, Qt::CaseInsensitive) || err.contains(u"certificate"_s, Qt::CaseInsensitive);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCa(u"ca"_s));
        QVERIFY(makeCa(u"other"_s));
        QVERIFY(makeServerCertificate());
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
        const CliRun add =
            runServerCli({u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, u"alice"_s, u"--role"_s, u"agent"_s},
                         "alice-password\n");
        QVERIFY2(add.code == 0, qPrintable(add.err));
        QVERIFY2(m_server.start(m_db, {u"--tls-cert"_s, path(u"server.pem"_s), u"--tls-key"_s, path(u"server.key"_s)},
                                &error),
                 qPrintable(error));
        QVERIFY(m_server.base().startsWith(u"https://127.0.0.1:"_s));
    }

    void cleanupTestCase() { m_server.stop(); }

    void aKeyThatIsNotTheCertificatesIsRefusedAtStart()
    {
        // other.key is a valid key, only not server.pem's.
        const CliRun r = runServerCli({u"--database"_s, m_db, u"--listen"_s, u"127.0.0.1:0"_s, u"--tls-cert"_s,
                                       path(u"server.pem"_s), u"--tls-key"_s, path(u"other.key"_s)});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"does not belong to the certificate"_s), qPrintable(r.err));
        QVERIFY2(!r.out.contains(u"listening"_s), qPrintable(r.out));
    }

    void theCliTrustsAPrivateCaOnlyWhenToldTo()
    {
        // Without the CA: the certificate is refused, and nothing is synced.
        CtlRun r = sync({});
        QVERIFY(r.code != 0);
        QVERIFY2(isCertificateError(r.err), qPrintable(r.err));
        // Another CA does not vouch for it either.
        r = sync({u"--ca-file"_s, path(u"other.pem"_s)});
        QVERIFY(r.code != 0);
        QVERIFY2(isCertificateError(r.err), qPrintable(r.err));
        // With its CA it syncs, and the store keeps the CA for the next run (and the desktop client).
        const QString db = path(u"kept.db"_s);
        r = sync({u"--ca-file"_s, path(u"ca.pem"_s)}, cleanEnvironment(), db);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = sync({}, cleanEnvironment(), db);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // A file that is not there, or holds no certificate, is a clear error.
        r = sync({u"--ca-file"_s, path(u"missing.pem"_s)});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"--ca-file: cannot read"_s), qPrintable(r.err));
        r = sync({u"--ca-file"_s, path(u"server.ext"_s)});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"holds no PEM certificate"_s), qPrintable(r.err));
    }

    void theCliReadsSslCertFile()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(u"SSL_CERT_FILE"_s, path(u"ca.pem"_s));
        const CtlRun r = sync({}, env);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        env.insert(u"SSL_CERT_FILE"_s, path(u"other.pem"_s));
        QVERIFY(sync({}, env).code != 0);
    }

    void theSyncClientVerifiesTheServer()
    {
        for (const auto &[ca, signsIn] : {std::pair{u"ca.pem"_s, true}, std::pair{u"other.pem"_s, false}}) {
            auto opened = store::Store::open(path(u"client-%1.db"_s.arg(m_stores++)));
            QVERIFY(opened);
            sync::SyncClient client(**opened, QUrl(m_server.base()));
            QVERIFY(client.setCaFile(path(ca)));
            QSignalSpy in(&client, &sync::SyncClient::loggedIn);
            QSignalSpy failed(&client, &sync::SyncClient::loginFailed);
            client.login(u"alice"_s, u"alice-password"_s);
            QTRY_VERIFY_WITH_TIMEOUT(in.size() + failed.size() > 0, 30000);
            QCOMPARE(in.size() == 1, signsIn);
            if (!signsIn)
                QVERIFY2(isCertificateError(failed.first().first().toString()),
                         qPrintable(failed.first().first().toString()));
        }
        auto opened = store::Store::open(path(u"client-%1.db"_s.arg(m_stores++)));
        QVERIFY(opened);
        sync::SyncClient client(**opened, QUrl(m_server.base()));
        QVERIFY(!client.setCaFile(path(u"missing.pem"_s)));
    }
};

QTEST_GUILESS_MAIN(TestSecurityTls)
#include "tst_security_tls.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// understudy-server with a real Request Tracker 5 (ctest fixture rt5, tests/support/rt5-fixture.sh): `helpdesk add`
// stores the integration without ever printing the secret; the running server pulls RT's tickets into its store
// (and an answer given in RT shows up); replies sent through the API are delivered to RT exactly once, with the
// server SIGKILLed during the deliveries. Skips with the fixture's reason only where RT is not installed.
#include "Helpdesk.h"
#include "HelpdeskExecutor.h"
#include "ServerTestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;
using namespace understudy::test;

namespace {

class RawCall : public HelpdeskCall<HttpResponse> {
public:
    explicit RawCall(HttpRequest r) : m_request(std::move(r)) {}
    std::optional<HttpRequest> nextRequest() override
    {
        if (m_sent)
            return std::nullopt;
        m_sent = true;
        return m_request;
    }
    HelpdeskStatus handleResponse(const HttpResponse &r) override
    {
        m_response = r;
        return helpdeskOk();
    }
    HttpResponse take() override { return m_response; }

private:
    HttpRequest m_request;
    HttpResponse m_response;
    bool m_sent = false;
};

QString readState(const QString &dir, const QString &name)
{
    QFile f(dir + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace

class TestServerHelpdesk : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    QString m_rtUrl;
    QString m_token;
    std::unique_ptr<sync::HelpdeskExecutor> m_ex;
    ServerProcess m_server;

    HttpResponse rt(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        HttpRequest r;
        r.method = method;
        r.pathAndQuery = u"/REST/2.0"_s + path;
        r.headers = {{"Authorization", "token " + m_token.toUtf8()}};
        if (!body.isEmpty())
            r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        auto res = m_ex->runBlocking<HttpResponse>(std::make_shared<RawCall>(r));
        return res.ok() ? res.value() : HttpResponse{};
    }
    QString createTicket(const QString &subject, const QString &requestor)
    {
        const auto r = rt("POST", u"/ticket"_s,
                          {{u"Queue"_s, u"General"_s},
                           {u"Subject"_s, subject},
                           {u"Requestor"_s, requestor},
                           {u"Content"_s, u"Please help with "_s + subject},
                           {u"ContentType"_s, u"text/plain"_s}});
        return QJsonDocument::fromJson(r.body).object().value(u"id"_s).toString();
    }
    /// Understudy-keyed Correspond transactions of an RT ticket, by key.
    QHash<QString, int> deliveredKeys(const QString &ticket)
    {
        QHash<QString, int> keys;
        const auto r = rt("GET", u"/ticket/%1/history?fields=Type,CustomFields&per_page=100"_s.arg(ticket));
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).object().value(u"items"_s).toArray()) {
            const QJsonObject t = v.toObject();
            if (t.value(u"Type"_s).toString() != u"Correspond")
                continue;
            for (const QJsonValue &cf : t.value(u"CustomFields"_s).toArray())
                for (const QJsonValue &val : cf.toObject().value(u"values"_s).toArray())
                    ++keys[val.toString()];
        }
        return keys;
    }
    QJsonObject serverTicket(const QString &api, const QString &token, const QString &id)
    {
        return http("GET", api + u"/tickets/"_s + id, QByteArray(), token).json;
    }
    bool startServer(QString *error)
    {
        return m_server.start(m_db, {u"--helpdesk-poll-seconds"_s, u"1"_s, u"--log-dir"_s, m_dir.path() + u"/logs"_s},
                              error);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString state = qEnvironmentVariable("UNDERSTUDY_RT_STATE");
        QVERIFY2(!state.isEmpty(), "UNDERSTUDY_RT_STATE is not set: run through ctest (fixture rt5)");
        const QString why = readState(state, u"unavailable"_s);
        if (!why.isEmpty())
            QSKIP(qPrintable(u"no real RT here: "_s + why));
        m_rtUrl = readState(state, u"url"_s);
        m_token = readState(state, u"token"_s);
        QVERIFY2(!m_rtUrl.isEmpty(), "the rt5 fixture did not start RT (see rt5_fixture_start's output)");
        m_ex = std::make_unique<sync::HelpdeskExecutor>(QUrl(m_rtUrl));
        QString error;
        m_db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!m_db.isEmpty(), qPrintable(error));
    }

    void addStoresTheIntegrationWithoutShowingTheSecret()
    {
        // A wrong secret is refused before anything is stored.
        auto bad = runServerCli({u"--database"_s, m_db, u"helpdesk"_s, u"add"_s, u"--kind"_s, u"rt"_s, u"--url"_s,
                                 m_rtUrl, u"--secret-stdin"_s},
                                "not-the-token\n");
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains(u"authentication failed"_s), qPrintable(bad.err));
        QVERIFY(!bad.err.contains(u"not-the-token"_s));
        auto noStdin =
            runServerCli({u"--database"_s, m_db, u"helpdesk"_s, u"add"_s, u"--kind"_s, u"rt"_s, u"--url"_s, m_rtUrl});
        QCOMPARE(noStdin.code, 1);
        QVERIFY(noStdin.err.contains(u"--secret-stdin"_s));

        auto add = runServerCli({u"--database"_s, m_db, u"helpdesk"_s, u"add"_s, u"--kind"_s, u"rt"_s, u"--url"_s,
                                 m_rtUrl, u"--secret-stdin"_s, u"--name"_s, u"support"_s},
                                m_token.toUtf8() + '\n');
        QVERIFY2(add.code == 0, qPrintable(add.err));
        QVERIFY(!add.out.contains(m_token) && !add.err.contains(m_token));
        auto list = runServerCli({u"--database"_s, m_db, u"helpdesk"_s, u"list"_s});
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.startsWith(u"support\trt\t"_s), qPrintable(list.out));
        QVERIFY(!list.out.contains(m_token));
        QCOMPARE(
            runServerCli({u"--database"_s, m_db, u"user"_s, u"add"_s, u"--name"_s, u"alice"_s, u"--role"_s, u"agent"_s},
                         "password-alice\n")
                .code,
            0);
    }

    void pullsTicketsAndDeliversRepliesExactlyOnce()
    {
        QStringList ids;
        for (int i = 0; i < 12; ++i)
            ids << createTicket(u"Locked account %1"_s.arg(i), u"customer%1@example.com"_s.arg(i));
        QVERIFY(!ids.contains(QString()));

        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(startServer(&error), qPrintable(error));
        const QString token = login(m_server.api(), u"alice"_s, u"password-alice"_s);
        QVERIFY(!token.isEmpty());
        // The helpdesk's tickets reach the server's store (and so every client's changes feed).
        QTRY_VERIFY_WITH_TIMEOUT(serverTicket(m_server.api(), token, u"rt-"_s + ids.last()).contains(u"subject"_s),
                                 10000);
        qInfo("12 RT tickets in the server's store %lld ms after the server started", qlonglong(timer.elapsed()));
        const QJsonObject t = serverTicket(m_server.api(), token, u"rt-"_s + ids.first());
        QCOMPARE(t.value(u"customer"_s).toObject().value(u"email"_s).toString(), u"customer0@example.com"_s);
        QCOMPARE(t.value(u"messages"_s).toArray().size(), 1);

        // An answer given in RT itself shows up.
        timer.restart();
        QCOMPARE(rt("POST", u"/ticket/%1/correspond"_s.arg(ids[11]),
                    {{u"Content"_s, u"Answered in RT"_s}, {u"ContentType"_s, u"text/plain"_s}})
                     .status,
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(
            serverTicket(m_server.api(), token, u"rt-"_s + ids[11]).value(u"messages"_s).toArray().size(), 2, 10000);
        qInfo("an answer given in RT reached the server's store in %lld ms", qlonglong(timer.elapsed()));

        // Replies through the API, one per ticket; the server is SIGKILLed three times while it delivers them.
        QHash<QString, QString> keyOf;
        for (int i = 0; i < 10; ++i) {
            const QString key = uuid();
            keyOf.insert(ids[i], key);
            const auto r =
                http("POST", m_server.api() + u"/tickets/rt-%1/replies"_s.arg(ids[i]),
                     QJsonObject{{u"idempotency_key"_s, key}, {u"text"_s, u"Reply number %1."_s.arg(i)}}, token);
            QVERIFY2(r.status == 201, r.body.constData());
            QCOMPARE(r.json.value(u"delivery"_s).toObject().value(u"state"_s).toString(), u"queued"_s);
        }
        timer.restart();
        for (int kill = 0; kill < 3; ++kill) {
            QTest::qWait(100 + int(QRandomGenerator::global()->bounded(700)));
            m_server.kill();
            QVERIFY2(startServer(&error), qPrintable(error));
        }
        // Every reply in RT once, with its key; none lost, none twice.
        const auto allDelivered = [&] {
            for (int i = 0; i < 10; ++i) {
                if (deliveredKeys(ids[i]).value(keyOf.value(ids[i])) != 1)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), 60000);
        qInfo("10 replies delivered through 3 SIGKILLs in %lld ms", qlonglong(timer.elapsed()));
        QTest::qWait(2500); // another two cycles: nothing is posted again
        for (int i = 0; i < 10; ++i) {
            const auto keys = deliveredKeys(ids[i]);
            QCOMPARE(keys.size(), 1);
            QCOMPARE(keys.value(keyOf.value(ids[i])), 1);
        }
        // The agent sees it: the ticket lists the delivery, and sending the same key again answers with its state.
        const QJsonArray deliveries =
            serverTicket(m_server.api(), token, u"rt-"_s + ids[0]).value(u"deliveries"_s).toArray();
        QCOMPARE(deliveries.size(), 1);
        QCOMPARE(deliveries[0].toObject().value(u"state"_s).toString(), u"delivered"_s);
        QCOMPARE(deliveries[0].toObject().value(u"idempotency_key"_s).toString(), keyOf.value(ids[0]));
        const auto again =
            http("POST", m_server.api() + u"/tickets/rt-%1/replies"_s.arg(ids[1]),
                 QJsonObject{{u"idempotency_key"_s, keyOf.value(ids[1])}, {u"text"_s, u"Reply number 1."_s}}, token);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(u"delivery"_s).toObject().value(u"state"_s).toString(), u"delivered"_s);
        QVERIFY(!again.json.value(u"delivery"_s).toObject().value(u"external_id"_s).toString().isEmpty());
        // RT holds the reply with its status (the server resolved its copy).
        QCOMPARE(QJsonDocument::fromJson(rt("GET", u"/ticket/"_s + ids[0]).body).object().value(u"Status"_s).toString(),
                 u"resolved"_s);
        m_server.stop();

        // The secret is in no log.
        QDirIterator it(m_dir.path() + u"/logs"_s, QDir::Files, QDirIterator::Subdirectories);
        int logs = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(m_token.toUtf8()), qPrintable(f.fileName()));
            ++logs;
        }
        QVERIFY(logs > 0);
    }
};

QTEST_GUILESS_MAIN(TestServerHelpdesk)
#include "tst_server_helpdesk.moc"

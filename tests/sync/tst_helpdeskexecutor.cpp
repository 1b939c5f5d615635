// SPDX-License-Identifier: GPL-3.0-or-later
// HelpdeskExecutor against a scripted local HTTP server: retries honour Retry-After and backoff, a POST is not
// resent when the helpdesk may have taken it, auth headers reach the server, a 4xx goes straight to the call.
#include "HelpdeskExecutor.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::connectors;
using understudy::sync::HelpdeskExecutor;

namespace {

struct Scripted {
    int status;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers = {};
};

/// A call of N GETs (or one POST) that records every answer it was handed.
class ProbeCall : public HelpdeskCall<QList<int>> {
public:
    ProbeCall(int requests, QByteArray method = "GET", bool idempotent = true)
        : m_left(requests), m_method(std::move(method)), m_idempotent(idempotent)
    {
    }
    std::optional<HttpRequest> nextRequest() override
    {
        if (m_left == 0)
            return std::nullopt;
        ++m_requests;
        HttpRequest r;
        r.method = m_method;
        r.pathAndQuery = u"/api/thing?n=%1&q=a%20b"_s.arg(m_requests);
        r.headers = {{"Authorization", "token s3cret"}};
        r.body = m_method == "GET" ? QByteArray() : QByteArray(R"({"x":1})");
        r.idempotent = m_idempotent;
        r.purpose = u"probe"_s;
        return r;
    }
    HelpdeskStatus handleResponse(const HttpResponse &response) override
    {
        --m_left;
        m_statuses << response.status;
        if (response.status >= 400 || response.status == 0)
            return HelpdeskError::fromResponse(response, u"probe"_s, m_idempotent);
        return helpdeskOk();
    }
    QList<int> take() override { return m_statuses; }

private:
    int m_left;
    QByteArray m_method;
    bool m_idempotent;
    QList<int> m_statuses;
};

} // namespace

class TestHelpdeskExecutor : public QObject {
    Q_OBJECT
    QHttpServer m_server;
    quint16 m_port = 0;
    QList<Scripted> m_script;
    QList<QByteArray> m_seenAuth;
    QList<QByteArray> m_seenPaths;

    HelpdeskExecutor::Options fast()
    {
        HelpdeskExecutor::Options o;
        o.backoffBaseMs = 20;
        o.backoffCapMs = 100;
        o.random = [] { return 0.5; };
        return o;
    }
    QUrl base() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setMissingHandler([this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
            m_seenAuth << req.value("Authorization");
            m_seenPaths << req.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
            const Scripted s = m_script.isEmpty() ? Scripted{200, "{}"} : m_script.takeFirst();
            resp.writeStatusLine(QHttpServerResponder::StatusCode(s.status));
            resp.writeHeader("Content-Type", "application/json");
            resp.writeHeader("Content-Length", QByteArray::number(s.body.size()));
            for (const auto &[k, v] : s.headers)
                resp.writeHeader(k, v);
            resp.writeBody(s.body);
        });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port != 0);
    }
    void init()
    {
        m_script.clear();
        m_seenAuth.clear();
        m_seenPaths.clear();
    }

    void sendsEveryRequestWithItsHeaders()
    {
        HelpdeskExecutor ex(base(), fast());
        auto call = std::make_shared<ProbeCall>(3);
        auto r = ex.runBlocking<QList<int>>(call);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r.value(), (QList<int>{200, 200, 200}));
        QCOMPARE(m_seenAuth.size(), 3);
        QCOMPARE(m_seenAuth.first(), QByteArray("token s3cret"));
        QCOMPARE(m_seenPaths.first(), QByteArray("/api/thing?n=1&q=a%20b"));
        QCOMPARE(ex.stats().requests, 3);
        QCOMPARE(ex.stats().retries, 0);
    }

    void honoursRetryAfterOn429()
    {
        m_script = {{429, R"({"error":"slow down"})", {{"Retry-After", "1"}}}, {200, "{}"}};
        HelpdeskExecutor ex(base(), fast());
        QElapsedTimer t;
        t.start();
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1));
        QVERIFY(r.ok());
        QCOMPARE(r.value(), QList<int>{200});
        QVERIFY2(t.elapsed() >= 950, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(ex.stats().retries, 1);
        QCOMPARE(ex.stats().waitedMs, 1000);
    }

    void retryAfterTooLongFailsWithTheWait()
    {
        m_script = {{429, "{}", {{"Retry-After", "3600"}}}};
        auto o = fast();
        o.maxWaitSeconds = 5;
        HelpdeskExecutor ex(base(), o);
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::RateLimited);
        QCOMPARE(r.error().retryAfterSeconds, 3600);
        QVERIFY(r.error().message.contains(u"3600"_s));
        QCOMPARE(ex.stats().retries, 0);
    }

    void backsOffOnServerErrorsThenGivesUp()
    {
        m_script = {{500, "boom"}, {502, "boom"}, {200, "{}"}};
        HelpdeskExecutor ex(base(), fast());
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1));
        QVERIFY(r.ok());
        QCOMPARE(ex.stats().retries, 2);

        m_script = {{500, "a"}, {500, "b"}, {500, "c"}};
        auto o = fast();
        o.maxAttempts = 3;
        HelpdeskExecutor ex2(base(), o);
        auto r2 = ex2.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1));
        QVERIFY(!r2.ok());
        QCOMPARE(r2.error().kind, HelpdeskError::Kind::Server);
        QCOMPARE(r2.error().httpStatus, 500);
        QCOMPARE(ex2.stats().requests, 3);
    }

    void postIsNotResentAfterAnAmbiguousFailure()
    {
        m_script = {{500, "maybe"}};
        HelpdeskExecutor ex(base(), fast());
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1, "POST", false));
        QVERIFY(!r.ok());
        QVERIFY(r.error().outcomeUnknown);
        QCOMPARE(ex.stats().requests, 1);

        // 429 and 503 + Retry-After: the helpdesk did not take it, so it is sent again.
        m_script = {{429, "{}", {{"Retry-After", "0"}}}, {503, "{}", {{"Retry-After", "0"}}}, {201, "{}"}};
        HelpdeskExecutor ex2(base(), fast());
        auto r2 = ex2.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1, "POST", false));
        QVERIFY(r2.ok());
        QCOMPARE(ex2.stats().requests, 3);
    }

    void clientErrorsAreNotRetried()
    {
        m_script = {{401, R"({"message":"bad token"})"}};
        HelpdeskExecutor ex(base(), fast());
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::Auth);
        QVERIFY(!r.error().message.contains(u"s3cret"_s));
        QCOMPARE(ex.stats().requests, 1);
    }

    void refusedConnectionIsANetworkError()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 dead = probe.serverPort();
        probe.close();
        auto o = fast();
        o.maxAttempts = 2;
        HelpdeskExecutor ex(QUrl(u"http://127.0.0.1:%1/"_s.arg(dead)), o);
        auto r = ex.runBlocking<QList<int>>(std::make_shared<ProbeCall>(1, "POST", false));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, HelpdeskError::Kind::Network);
        QVERIFY(!r.error().outcomeUnknown); // refused: it never arrived, so retrying is safe
        QCOMPARE(ex.stats().requests, 2);
    }
};

QTEST_GUILESS_MAIN(TestHelpdeskExecutor)
#include "tst_helpdeskexecutor.moc"

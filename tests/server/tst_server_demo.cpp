// SPDX-License-Identifier: GPL-3.0-or-later
// The demo's team history (issue 18, point 22): valid on the wire, repeatable, free of customer data, and, seeded
// by a real `understudy-server --demo`, enough for every tab of the lead view.
#include "ServerTestSupport.h"

#include "DemoData.h"
#include "DemoHistory.h"
#include "EventValidation.h"
#include "Importers.h"
#include "TestSupport.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::test;

class TestServerDemo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QList<Ticket> m_tickets;
    QList<Article> m_articles;
    const QDateTime m_end = QDateTime(QDate(2026, 11, 25), QTime(15, 30), Qt::UTC);

    QList<FeedbackEvent> history() const
    {
        demo::HistoryOptions options;
        options.end = m_end;
        options.engine = u"1.1.0"_s;
        return demo::makeHistory(m_tickets, m_articles, options);
    }

    static QJsonArray array(const HttpReply &r, const QString &key) { return r.json.value(key).toArray(); }

private Q_SLOTS:
    void initTestCase()
    {
        auto tickets = connectors::readTickets(demo::demoResourceRoot() + u"/tickets.jsonl"_s, {});
        QVERIFY2(tickets, qPrintable(tickets ? QString() : tickets.error().toString()));
        auto articles = connectors::readKnowledge({demo::demoResourceRoot() + u"/kb"_s});
        QVERIFY2(articles, qPrintable(articles ? QString() : articles.error().toString()));
        m_tickets = *tickets;
        m_articles = *articles;
    }

    void everyEventIsValidOnTheWire()
    {
        const QList<FeedbackEvent> events = history();
        QVERIFY(events.size() > 500);
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QJsonObject o = json::toJson(events[i]);
            const auto problem = server::validateEventJson(o, u"events[%1]."_s.arg(i));
            QVERIFY2(!problem, qPrintable(problem ? problem->field + u' ' + problem->what : QString()));
            QVERIFY(json::feedbackEventFromJson(o));
            QVERIFY(events[i].at < m_end);
            QVERIFY(i == 0 || events[i - 1].at <= events[i].at);
        }
    }

    void theSameSeedWritesTheSameHistory()
    {
        const QList<FeedbackEvent> a = history(), b = history();
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            QCOMPARE(json::toJson(a[i]), json::toJson(b[i]));
        demo::HistoryOptions other;
        other.end = m_end;
        other.seed = 7;
        QVERIFY(json::toJson(demo::makeHistory(m_tickets, m_articles, other).first()) != json::toJson(a.first()));
    }

    void itCoversTheTeamTheWeeksAndEveryOutcome()
    {
        QSet<QString> agents, kinds, reasons;
        QSet<qint64> weeks;
        for (const FeedbackEvent &e : history()) {
            agents << e.agent;
            kinds << FeedbackEvent::kindName(e.kind);
            if (e.kind == FeedbackEvent::Kind::Rejected)
                reasons << e.reasonCode();
            weeks << e.at.date().addDays(1 - e.at.date().dayOfWeek()).toJulianDay();
        }
        for (const QString &a : demo::historyAgents())
            QVERIFY2(agents.contains(a), qPrintable(a));
        QVERIFY(agents.contains(u"lead"_s)); // flag resolutions
        QCOMPARE(kinds.size(), 8);           // every kind, flag_resolved included
        QVERIFY(reasons.contains(u"outdated_information"_s) && reasons.contains(u"wrong_answer"_s));
        QVERIFY(weeks.size() >= 6);
    }

    void itCarriesNoCustomerData()
    {
        // Sends carry no reply text (nothing enters an answer bank); a flag's draft text holds no customer detail.
        QStringList personal;
        for (const Ticket &t : std::as_const(m_tickets))
            personal << t.customer.name << t.customer.email;
        personal.removeAll(QString());
        for (const FeedbackEvent &e : history()) {
            if (FeedbackEvent::isSend(e.kind))
                QVERIFY(e.finalText.isEmpty());
            for (const QString &p : std::as_const(personal))
                QVERIFY2(!e.finalText.contains(p), qPrintable(e.id + u": "_s + p));
        }
    }

    void everyLeadTabHasSomethingToShow()
    {
        QString error;
        const QString db = freshDatabaseUrl(m_dir, &error);
        QVERIFY2(!db.isEmpty(), qPrintable(error));
        ServerProcess server;
        QVERIFY2(server.start(db, {u"--demo"_s, u"--demo-accounts"_s}, &error), qPrintable(error));
        const QString lead = login(server.api(), u"lead"_s, u"lead"_s);
        QVERIFY(!lead.isEmpty());
        const auto get = [&](const QString &route, const QString &token) {
            return http("GET", server.api() + route, QByteArray(), token);
        };

        const QJsonArray agents = array(get(u"/stats/agents"_s, lead), u"agents"_s);
        QStringList names;
        QSet<QString> reasons;
        for (const QJsonValue &a : agents) {
            names << a[u"agent"_s].toString();
            for (const QString &r : a[u"rejected_by_reason"_s].toObject().keys())
                reasons << r;
        }
        for (const QString &a : demo::historyAgents())
            QVERIFY2(names.contains(a), qPrintable(names.join(u',')));
        QVERIFY(reasons.size() >= 3);

        // Trends: six weeks or more, and the drafts got better (the last two weeks against the first two).
        const QJsonArray weeks = array(get(u"/stats/trends"_s, lead), u"weeks"_s);
        QVERIFY(weeks.size() >= 6);
        const auto acceptance = [&](qsizetype i) { return weeks[i][u"acceptance"_s].toDouble(); };
        const qsizetype n = weeks.size();
        QVERIFY2(acceptance(n - 1) + acceptance(n - 2) > acceptance(0) + acceptance(1) + 0.2,
                 qPrintable(QString::fromUtf8(QJsonDocument(weeks).toJson(QJsonDocument::Compact))));

        int filledBins = 0;
        for (const QJsonValue &b : array(get(u"/stats/calibration"_s, lead), u"bins"_s))
            filledBins += b[u"drafts"_s].toInt() > 0;
        QVERIFY(filledBins >= 6);

        const HttpReply gaps = get(u"/stats/gaps"_s, lead);
        QVERIFY(!array(gaps, u"topics"_s).isEmpty());
        QVERIFY(!array(gaps, u"articles"_s).isEmpty());
        QVERIFY(!array(get(u"/stats/spikes"_s, lead), u"spikes"_s).isEmpty());
        QVERIFY(!array(get(u"/flags?state=open"_s, lead), u"flags"_s).isEmpty());
        QVERIFY(!array(get(u"/flags?state=resolved"_s, lead), u"flags"_s).isEmpty());

        const QString agent = login(server.api(), u"demo"_s, u"demo"_s);
        QVERIFY(get(u"/stats/me"_s, agent).json.value(u"shown"_s).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestServerDemo)
#include "tst_server_demo.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HelpdeskDouble.h"

#include <Helpdesk.h>
#include <HelpdeskExecutor.h>

#include <QTest>

#include <memory>

namespace understudy::test {

/// @brief Quick retries for tests against the double.
inline sync::HelpdeskExecutor::Options fastRetries()
{
    sync::HelpdeskExecutor::Options o;
    o.maxAttempts = 4;
    o.backoffBaseMs = 5;
    o.backoffCapMs = 40;
    o.requestTimeoutMs = 5000;
    return o;
}

/// @brief What pullAll() read: the pages' tickets and item errors, and the last cursor.
struct Pulled {
    QList<connectors::HelpdeskTicket> tickets;
    QList<connectors::ItemError> errors;
    connectors::HelpdeskCursor cursor;
    int pages = 0;
};

/// @brief Pulls pages from @p cursor until caught up (or @p maxPages).
inline Pulled pullAll(connectors::HelpdeskConnector &connector, sync::HelpdeskExecutor &executor,
                      connectors::HelpdeskCursor cursor, int pageSize, int maxPages = 100)
{
    Pulled out;
    out.cursor = std::move(cursor);
    for (int i = 0; i < maxPages; ++i) {
        auto page = executor.runBlocking(connector.pullTickets(out.cursor, pageSize));
        if (!page) {
            qWarning("%s", qPrintable(page.error().toString()));
            return out;
        }
        ++out.pages;
        out.tickets << page->tickets;
        out.errors << page->itemErrors;
        out.cursor = page->next;
        if (!page->more)
            break;
    }
    return out;
}

inline const connectors::HelpdeskTicket *find(const QList<connectors::HelpdeskTicket> &tickets, const QString &id)
{
    for (const connectors::HelpdeskTicket &t : tickets)
        if (t.externalId == id)
            return &t;
    return nullptr;
}

inline QStringList idsOf(const QList<connectors::HelpdeskTicket> &tickets)
{
    QStringList ids;
    for (const connectors::HelpdeskTicket &t : tickets)
        ids << t.externalId;
    return ids;
}

/**
 * @brief What the Zendesk and the Freshdesk connector tests share: a fresh double with the vendor's fixture, the
 * connector under test and an executor per test function, and the checks whose steps are the same for both vendors
 * (only the requests' paths and the fixture's figures differ). A test class derives from QObject and this.
 */
class HelpdeskDoubleCase {
protected:
    using Vendor = HelpdeskDouble::Vendor;
    /// @brief The vendor's config for @p server with @p secret (the right one when empty).
    using ConfigFor = connectors::HelpdeskConfig (*)(const HelpdeskDouble &server, const QString &secret);

    HelpdeskDoubleCase(Vendor vendor, ConfigFor configFor) : m_vendor(vendor), m_configFor(configFor) {}

    connectors::HelpdeskConfig config(const QString &secret = {}) const { return m_configFor(*m_server, secret); }
    std::unique_ptr<connectors::HelpdeskConnector> connector(const QString &secret = {}) const
    {
        auto made = connectors::makeHelpdeskConnector(config(secret));
        return made ? std::move(made).value() : nullptr;
    }

    void setUp()
    {
        m_server = std::make_unique<HelpdeskDouble>(m_vendor);
        QVERIFY(m_server->loadFixture(HelpdeskDouble::defaultFixture(m_vendor)));
        QVERIFY(m_server->listen());
        m_connector = connector();
        QVERIFY(m_connector);
        m_executor = std::make_unique<sync::HelpdeskExecutor>(m_server->url(), fastRetries());
    }
    void tearDown()
    {
        m_executor.reset();
        m_connector.reset();
        m_server.reset();
    }

    /// @brief The right secret passes; a wrong one is an Auth error for the check and for a pull; the secret never
    /// shows in what may be logged.
    void checkAccessAndAWrongSecret(const QString &kind, const QString &secret)
    {
        QVERIFY(m_executor->runBlocking(m_connector->checkAccess()).ok());
        QCOMPARE(m_connector->kind(), kind);
        const auto wrong = connector(QStringLiteral("not-the-secret"));
        QVERIFY(wrong);
        auto st = m_executor->runBlocking(wrong->checkAccess());
        QVERIFY(!st);
        QCOMPARE(st.error().kind, connectors::HelpdeskError::Kind::Auth);
        const auto pull = m_executor->runBlocking(wrong->pullTickets({}, 10));
        QVERIFY(!pull);
        QCOMPARE(pull.error().kind, connectors::HelpdeskError::Kind::Auth);
        auto call = m_connector->checkAccess();
        const auto req = call->nextRequest();
        QVERIFY(req.has_value());
        QVERIFY(!req->describe().contains(secret));
    }

    /// @brief A 429 with Retry-After 1 on the ticket list (@p listPattern) is waited out and retried once.
    void rateLimitIsWaitedOut(const QString &listPattern, int tickets)
    {
        m_server->injectRateLimit(listPattern, 1);
        auto page = m_executor->runBlocking(m_connector->pullTickets({}, 100));
        QVERIFY(page.ok());
        QCOMPARE(m_executor->stats().waitedMs, 1000); // the helpdesk's Retry-After, not the backoff
        QCOMPARE(page->tickets.size(), tickets);
        QCOMPARE(m_server->count(listPattern), 2);
        QCOMPARE(m_executor->stats().retries, 1);
    }

    /// @brief The helpdesk takes the reply (@p postPattern), then the connection closes before a single byte of the
    /// answer. Left to itself QNetworkAccessManager would resend it (it takes the close for a stale keep-alive
    /// connection) and post the reply twice; the executor's one-shot body stops that, the call fails with
    /// outcomeUnknown, and the rerun with lookupFirst finds the reply instead of posting it again.
    void aDroppedAnswerIsNeverResent(connectors::OutgoingReply reply, const QString &postPattern)
    {
        const qint64 ticket = reply.ticketExternalId.toLongLong();
        m_server->inject(postPattern, HelpdeskDouble::Fault{HelpdeskDouble::Fault::Kind::Drop, 0, -1, true});
        auto result = m_executor->runBlocking(m_connector->postReply(reply, false));
        QVERIFY(!result.ok());
        QVERIFY(result.error().outcomeUnknown);
        QCOMPARE(m_server->postedCount(ticket), 1);
        result = m_executor->runBlocking(m_connector->postReply(reply, true));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(m_server->postedCount(ticket), 1);
    }

    std::unique_ptr<HelpdeskDouble> m_server;
    std::unique_ptr<connectors::HelpdeskConnector> m_connector;
    std::unique_ptr<sync::HelpdeskExecutor> m_executor;

private:
    Vendor m_vendor;
    ConfigFor m_configFor;
};

} // namespace understudy::test

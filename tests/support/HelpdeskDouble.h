// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <type_traits>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace understudy::test {

/**
 * @brief A local stand-in for the Zendesk or the Freshdesk REST API, for connector tests (never part of the product).
 *
 * Serves, on 127.0.0.1 (ephemeral port), the endpoints the connectors use, in the shapes the vendors document (see
 * the README, "Connect your helpdesk"), from fixture JSON written for these tests (invented data) and from what the
 * tests add. It keeps the state a real helpdesk would: tickets with a monotonic update clock, comments/conversations,
 * audits with their custom metadata (Zendesk), tags, statuses, knowledge-base articles and their translations.
 *
 * Zendesk (Support API + Help Center): basic auth "{email}/token:{token}"; cursor-based incremental ticket export
 * (opaque after_cursor, end_of_stream, `include=users,organizations` sideloads, deleted tickets with status
 * "deleted"); comments and audits with cursor pagination (page[size], page[after], meta.has_more, links.next);
 * PUT ticket with a comment, a status, a priority, a group and audit metadata; PUT tags (adds); groups (paged); the
 * time-based incremental article export (next_page, end_time) and per-article translations.
 *
 * Freshdesk (API v2): basic auth "{api key}:X"; tickets updated since (order_by=updated_at asc, page/per_page, a Link
 * rel="next" header; deleted tickets are left out), conversations, reply, notes, PUT ticket (tags replace), companies,
 * the current agent, groups, the helpdesk's languages, and solutions (categories → folders → articles, per language).
 *
 * Faults are injected per request: a status (429 with Retry-After, 5xx, 404...), a dropped connection, a malformed
 * JSON body or an HTML page, an answer cut off, for the next N requests whose "METHOD path" matches a pattern. Every
 * request is logged. Lives in the thread that creates it.
 */
class HelpdeskDouble : public QObject {
    Q_OBJECT
public:
    enum class Vendor { Zendesk, Freshdesk };

    struct Fault {
        enum class Kind {
            Status,        ///< answer `status` with a small vendor-shaped error body
            Drop,          ///< close the connection without an answer (QNetworkAccessManager may resend the request)
            Cut,           ///< close the connection inside the answer's body (never resent)
            MalformedJson, ///< 200 with a JSON body cut in the middle
            Html,          ///< 200 with text/html (a login page, a proxy's error page)
            /// No answer ever: the connection is held open until the double goes (with applyFirst: posted, and the
            /// client waits, so a test can kill it between "posted" and "recorded")
            Hang,
        };
        Kind kind = Kind::Status;
        int status = 503;
        int retryAfterSeconds = -1; ///< sends Retry-After when >= 0
        /// @brief The request is carried out before the fault replaces its answer (a lost answer: posted, not told).
        bool applyFirst = false;
    };

    explicit HelpdeskDouble(Vendor vendor, QObject *parent = nullptr);
    ~HelpdeskDouble() override;

    /// @brief Listens on 127.0.0.1:0; false (with a warning) on failure.
    bool listen();
    quint16 port() const { return m_port; }
    /// @brief http://127.0.0.1:<port>
    QUrl url() const;
    Vendor vendor() const { return m_vendor; }

    /// @brief Loads a fixture file (tests/support/helpdesk/zendesk.json or freshdesk.json, or one of the same shape);
    /// false with a warning when it cannot be read.
    bool loadFixture(const QString &path);
    /// @brief The fixture shipped with the tests for this vendor.
    static QString defaultFixture(Vendor vendor);

    // --- credentials --------------------------------------------------------------------------------------------
    /// @brief Zendesk: the agent "email/token:token" that authenticates (and the user id it maps to, from the users).
    static QString zendeskEmail() { return QStringLiteral("agent.api@northwind.test"); }
    static QString zendeskToken() { return QStringLiteral("zd-test-token-8f2c"); }
    /// @brief Freshdesk: the API key that authenticates.
    static QString freshdeskKey() { return QStringLiteral("fd-test-key-41b7"); }

    // --- state ----------------------------------------------------------------------------------------------------
    /// @brief Items per page when the request does not ask for fewer (Zendesk per_page / page[size], Freshdesk
    /// per_page, the Help Center export).
    void setPageSize(int size) { m_pageSize = size; }
    /// @brief While frozen, every change happens in the same second (the clock does not move).
    void freezeClock(bool frozen) { m_frozen = frozen; }
    /// @brief Adds a ticket from a customer (an end user / contact of the fixture, or a new one) with one message;
    /// returns its id. The ticket's update time is the double's next clock tick.
    qint64 addTicket(const QString &subject, const QString &body, qint64 requesterId = 0);
    /// @brief The customer writes again: a new public comment / incoming conversation; the ticket is updated.
    void addCustomerMessage(qint64 ticketId, const QString &body);
    /// @brief Deletes a ticket: Zendesk exports it with status "deleted" and answers 404 for its comments;
    /// Freshdesk leaves it out of lists and answers 404 for it.
    void deleteTicket(qint64 ticketId);
    /// @brief Adds an article (Zendesk Help Center / Freshdesk solution in the first folder), returns its id.
    qint64 addArticle(const QString &title, const QString &htmlBody, const QString &locale);
    /// @brief Adds or replaces an article's translation and bumps the article.
    void setTranslation(qint64 articleId, const QString &locale, const QString &title, const QString &htmlBody);

    QJsonObject ticket(qint64 id) const { return m_tickets.value(id); }
    QList<qint64> ticketIds() const { return m_tickets.keys(); }
    /// @brief Zendesk comments / Freshdesk conversations of a ticket, oldest first (what the API lists).
    QJsonArray comments(qint64 ticketId) const { return m_comments.value(ticketId); }
    /// @brief Comments/conversations written through the API (replies and notes posted by a connector).
    int postedCount(qint64 ticketId = 0) const;
    /// @brief Zendesk: the audits of a ticket (custom metadata included).
    QJsonArray audits(qint64 ticketId) const { return m_audits.value(ticketId); }

    // --- faults and log -------------------------------------------------------------------------------------------
    /// @brief The next @p times requests whose "METHOD path?query" matches @p pattern get @p fault.
    void inject(const QString &pattern, const Fault &fault, int times = 1);
    /// @brief Shorthands: 429 with Retry-After, a 5xx status, a drop.
    void injectRateLimit(const QString &pattern, int retryAfterSeconds, int times = 1);
    void injectStatus(const QString &pattern, int status, int times = 1);
    void injectDrop(const QString &pattern, int times = 1);
    void clearFaults() { m_faults.clear(); }
    int pendingFaults() const { return int(m_faults.size()); }

    /// @brief "METHOD path?query" of every request, in order.
    QStringList log() const { return m_log; }
    void clearLog() { m_log.clear(); }
    /// @brief Requests in the log whose line matches @p pattern.
    int count(const QString &pattern) const;

private:
    struct Response {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray contentType = "application/json; charset=utf-8";
    };
    struct PendingFault {
        QRegularExpression pattern;
        Fault fault;
        int times = 1;
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    static void send(QHttpServerResponder &responder, const Response &response);
    Response faultResponse(const Fault &fault) const;
    Response dispatch(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &auth);
    Response dispatchZendesk(const QByteArray &method, const QString &path, const QUrlQuery &query,
                             const QJsonObject &body);
    Response dispatchFreshdesk(const QByteArray &method, const QString &path, const QUrlQuery &query,
                               const QJsonObject &body);
    bool authorised(const QByteArray &authorization) const;
    Response error(int status, const QString &message) const;
    static Response json(const QJsonValue &value, int status = 200);

    // Zendesk
    Response zdIncrementalTickets(const QUrlQuery &query);
    Response zdCursorList(const QJsonArray &items, const QString &key, const QString &path, const QUrlQuery &query);
    Response zdUpdateTicket(qint64 id, const QJsonObject &body);
    Response zdAddTags(qint64 id, const QJsonObject &body);
    Response zdIncrementalArticles(const QUrlQuery &query);
    Response zdTranslations(qint64 articleId);
    Response zdGroups(const QUrlQuery &query);
    bool hasGroup(qint64 id) const;
    // Freshdesk
    Response fdListTickets(const QUrlQuery &query);
    Response fdPaged(const QJsonArray &items, const QString &path, const QUrlQuery &query, QUrlQuery keep);
    Response fdTicketView(qint64 id, const QUrlQuery &query);
    Response fdUpdateTicket(qint64 id, const QJsonObject &body);
    Response fdPostConversation(qint64 id, const QJsonObject &body, bool note);
    Response fdArticles(qint64 folderId, const QString &language, const QUrlQuery &query);

    /// @brief The double's clock: one second per change, after everything in the fixture.
    QDateTime tick();
    void touch(qint64 ticketId);
    qint64 agentId() const { return m_agentId; }
    QJsonObject withRequester(const QJsonObject &ticket, const QUrlQuery &query) const;

    Vendor m_vendor;
    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    int m_pageSize = 100;
    bool m_frozen = false;
    QDateTime m_clock;
    qint64 m_nextId = 900000;
    qint64 m_agentId = 0;

    QMap<qint64, QJsonObject> m_tickets;
    QHash<qint64, QJsonArray> m_comments;
    QHash<qint64, QJsonArray> m_audits;
    QMap<qint64, QJsonObject> m_users;    ///< Zendesk users / Freshdesk contacts
    QMap<qint64, QJsonObject> m_orgs;     ///< Zendesk organizations / Freshdesk companies
    QMap<qint64, QJsonObject> m_articles; ///< Zendesk articles (source locale) / Freshdesk solution articles
    QHash<qint64, QMap<QString, QJsonObject>> m_translations; ///< article → locale → translation
    QJsonArray m_categories;                                  ///< Freshdesk solution categories
    QJsonArray m_groups;                                      ///< agent groups (escalation hand-offs)
    QJsonArray m_folders;                                     ///< Freshdesk folders (with category_id)
    QJsonObject m_settings;                                   ///< Freshdesk helpdesk settings
    QJsonObject m_agent;                                      ///< Freshdesk: the agent the API key belongs to
    QHash<qint64, int> m_posted;

    QList<PendingFault> m_faults;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_held; ///< Hang: answers never given
    QStringList m_log;
};

/**
 * @brief A HelpdeskDouble in a thread of its own, for tests whose main thread blocks (waiting for a QProcess such as
 * `understudy-server helpdesk add`, which talks to the double meanwhile). Every access goes through call(), which
 * runs in the double's thread and waits for it.
 */
class HelpdeskDoubleThread {
public:
    /// @brief Starts the thread, loads the vendor's default fixture and listens; ok() says whether it worked.
    explicit HelpdeskDoubleThread(HelpdeskDouble::Vendor vendor);
    ~HelpdeskDoubleThread();
    HelpdeskDoubleThread(const HelpdeskDoubleThread &) = delete;
    HelpdeskDoubleThread &operator=(const HelpdeskDoubleThread &) = delete;

    bool ok() const { return m_ok; }
    QUrl url() const { return m_url; }

    /// @brief Runs @p f(double) in the double's thread and returns what it returns.
    template <typename F> auto call(F f) -> std::invoke_result_t<F, HelpdeskDouble &>
    {
        using R = std::invoke_result_t<F, HelpdeskDouble &>;
        if constexpr (std::is_void_v<R>) {
            QMetaObject::invokeMethod(
                m_double, [&] { f(*m_double); }, Qt::BlockingQueuedConnection);
        } else {
            R result{};
            QMetaObject::invokeMethod(
                m_double, [&] { result = f(*m_double); }, Qt::BlockingQueuedConnection);
            return result;
        }
    }

private:
    QThread m_thread;
    HelpdeskDouble *m_double = nullptr;
    QUrl m_url;
    bool m_ok = false;
};

} // namespace understudy::test

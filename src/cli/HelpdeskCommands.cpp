// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpdeskCommands.h"

#include "Commands.h"
#include "DeliveryOutbox.h"
#include "Helpdesk.h"
#include "HelpdeskExecutor.h"
#include "Store.h"
#include "TokenStore.h"

#include <understudy/Clock.h>

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QTimeZone>
#include <QUrl>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace understudy::cli {

namespace {

/// What a failed delivery waits before the next `push` tries it again (doubling per attempt), and when it stops.
/// The server's HelpdeskWorker uses the same rule (sync::deliveryRetry) with the same defaults.
constexpr int kRetryBaseSeconds = 10;
constexpr int kRetryCapSeconds = 3600;
constexpr int kMaxAttempts = 20;
constexpr int kPageSize = 100;

const QString kSecretEnv = u"UNDERSTUDY_HELPDESK_SECRET"_s;

void warn(const QString &text)
{
    const QByteArray b = (u"understudyctl: "_s + text + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

/// @brief Where the secret of @p h is kept in the keyring (service "understudy", as the server tokens).
QString keyringAccount(const QString &name, const QString &baseUrl, const QString &user)
{
    return sync::TokenStore::accountKey(baseUrl, u"helpdesk:%1:%2"_s.arg(name, user));
}

void waitFor(const std::function<bool()> &done)
{
    QEventLoop loop;
    while (!done())
        loop.processEvents(QEventLoop::WaitForMoreEvents);
}

Result<QString> readSecret(const store::LocalHelpdesk &h)
{
    // The environment first, for runs without a desktop session (cron, CI), as UNDERSTUDY_TOKEN for `sync`.
    if (const QString env = qEnvironmentVariable(kSecretEnv.toUtf8().constData()); !env.isEmpty())
        return env;
    sync::KeychainTokenStore keychain;
    std::optional<Result<QString>> result;
    keychain.read(keyringAccount(h.name, h.baseUrl, h.user), [&](Result<QString> r) { result = std::move(r); });
    waitFor([&] { return result.has_value(); });
    if (!*result)
        return result->error();
    if ((*result)->isEmpty())
        return Error::make(
            Error::Code::NotFound,
            u"no secret for the helpdesk \"%1\" in the keyring: add it again (`helpdesk remove --name "
            "%1`, then `helpdesk add ... --secret-stdin`), or set %2 for this run"_s.arg(h.name, kSecretEnv));
    return **result;
}

Status writeSecret(const QString &account, const QString &secret)
{
    sync::KeychainTokenStore keychain;
    std::optional<Status> result;
    keychain.write(account, secret, [&](Status s) { result = std::move(s); });
    waitFor([&] { return result.has_value(); });
    return *result;
}

Status removeSecret(const QString &account)
{
    sync::KeychainTokenStore keychain;
    std::optional<Status> result;
    keychain.remove(account, [&](Status s) { result = std::move(s); });
    waitFor([&] { return result.has_value(); });
    return *result;
}

connectors::HelpdeskConfig configOf(const store::LocalHelpdesk &h, const QString &secret)
{
    connectors::HelpdeskConfig c;
    c.kind = h.kind;
    c.baseUrl = h.baseUrl;
    c.user = h.user;
    c.secret = secret;
    const auto text = [&](const QString &key, QString &field) {
        if (h.settings.contains(key))
            field = h.settings.value(key).toString();
    };
    text(u"id_prefix"_s, c.idPrefix);
    text(u"queue"_s, c.queue);
    text(u"tags_field"_s, c.tagsField);
    text(u"marker_field"_s, c.markerField);
    text(u"timezone"_s, c.timezone);
    return c;
}

sync::HelpdeskExecutorOptions httpOptions()
{
    sync::HelpdeskExecutorOptions http;
    http.maxAttempts = 4;
    http.requestTimeoutMs = 30000;
    http.maxWaitSeconds = 60; // a longer Retry-After ends this run; the next `push`/`pull` goes on
    return http;
}

/// @brief A helpdesk ready to call: its connector (with the secret) and an executor.
struct Connected {
    store::LocalHelpdesk helpdesk;
    std::unique_ptr<connectors::HelpdeskConnector> connector;
    std::unique_ptr<sync::HelpdeskExecutor> executor;
};

Result<Connected> connectHelpdesk(const store::LocalHelpdesk &h)
{
    auto secret = readSecret(h);
    if (!secret)
        return secret.error();
    auto connector = connectors::makeHelpdeskConnector(configOf(h, *secret));
    if (!connector)
        return connector.error().toError();
    Connected c;
    c.helpdesk = h;
    c.connector = std::move(connector).value();
    c.executor = std::make_unique<sync::HelpdeskExecutor>(QUrl(h.baseUrl), httpOptions());
    return c;
}

/// @brief The integrations a command works on: --name, else every one.
/// The local store and its delivery outbox, open.
struct OpenOutbox {
    explicit OpenOutbox(std::unique_ptr<store::Store> s) : store(std::move(s)), outbox(store->db()) {}
    std::unique_ptr<store::Store> store;
    store::DeliveryOutbox outbox;
};

Result<std::unique_ptr<OpenOutbox>> openOutbox(const QString &db)
{
    auto st = openStore(db);
    if (!st)
        return st.error();
    return std::make_unique<OpenOutbox>(std::move(*st));
}

Result<QList<store::LocalHelpdesk>> selected(store::DeliveryOutbox &outbox, const QCommandLineParser &p)
{
    if (!p.isSet(u"name"_s))
        return outbox.integrations();
    auto one = outbox.integration(p.value(u"name"_s));
    if (!one)
        return one.error();
    if (!one->has_value())
        return Error::make(Error::Code::NotFound,
                           u"no helpdesk \"%1\" (see `helpdesk list`)"_s.arg(p.value(u"name"_s)));
    return QList<store::LocalHelpdesk>{**one};
}

int cmdAdd(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions({
        {u"kind"_s, u"rt (Request Tracker 5), zendesk or freshdesk."_s, u"KIND"_s},
        {u"url"_s, u"The helpdesk's base URL, e.g. https://example.zendesk.com."_s, u"URL"_s},
        {u"user"_s, u"RT: the user (empty: the secret is an auth token); Zendesk: the agent's email."_s, u"USER"_s},
        {u"secret-stdin"_s, u"Read the password, API token or API key from stdin (kept in the keyring)."_s},
        {u"name"_s, u"A name for it (default: the kind)."_s, u"NAME"_s},
        {u"queue"_s, u"RT: pull only this queue."_s, u"QUEUE"_s},
        {u"no-report-tags"_s, u"Do not tag the helpdesk's tickets with what the agent did (understudy_sent_as_is, "
                              "understudy_edited, understudy_rejected, understudy_escalated)."_s},
        {u"no-check"_s, u"Store it without checking the URL and the secret first."_s},
    });
    if (auto rc = parse(p, args, u"Connect a helpdesk to this store, without a server."_s))
        return *rc;
    store::LocalHelpdesk h;
    h.kind = p.value(u"kind"_s);
    h.baseUrl = p.value(u"url"_s);
    h.user = p.value(u"user"_s);
    h.name = p.isSet(u"name"_s) ? p.value(u"name"_s) : h.kind;
    if (h.kind.isEmpty() || h.baseUrl.isEmpty())
        return fail(u"helpdesk add: --kind and --url are required"_s);
    if (h.kind == u"zendesk"_s && h.user.isEmpty())
        return fail(u"helpdesk add: Zendesk needs --user, the agent's email its API token belongs to"_s);
    if (!QRegularExpression(u"^[A-Za-z0-9._-]{1,64}$"_s).match(h.name).hasMatch())
        return fail(u"helpdesk add: a name may hold only letters, digits and . _ - (at most 64)"_s);
    const QUrl url(h.baseUrl);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
        return fail(u"helpdesk add: --url must be an http(s) URL"_s);
    if (!p.isSet(u"secret-stdin"_s))
        return fail(u"helpdesk add: pass the password, token or API key on stdin with --secret-stdin (never as an "
                    "argument: it would show in the process list and the shell's history)"_s);
    QTextStream in(stdin);
    QString secret = in.readLine();
    while (secret.endsWith(u'\r'))
        secret.chop(1);
    if (secret.isEmpty())
        return fail(u"helpdesk add: no secret on stdin"_s);
    if (p.isSet(u"queue"_s))
        h.settings.insert(u"queue"_s, p.value(u"queue"_s));
    h.settings.insert(u"report_tags"_s, !p.isSet(u"no-report-tags"_s));

    auto connector = connectors::makeHelpdeskConnector(configOf(h, secret));
    if (!connector)
        return fail(u"helpdesk add: "_s + connector.error().message);
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    if (auto exists = outbox.integration(h.name); !exists || exists->has_value())
        return fail(exists ? u"helpdesk add: a helpdesk named \"%1\" is already connected"_s.arg(h.name)
                           : exists.error().toString());
    if (!p.isSet(u"no-check"_s)) {
        sync::HelpdeskExecutor executor(url, httpOptions());
        auto checked = executor.runBlocking(connector.value()->checkAccess());
        if (!checked)
            return fail(
                u"helpdesk add: %1 (nothing stored; --no-check stores it anyway)"_s.arg(checked.error().toString()));
    }
    // The secret first: an integration stored without it could not be used.
    if (auto s = writeSecret(keyringAccount(h.name, h.baseUrl, h.user), secret); !s)
        return fail(
            u"helpdesk add: the secret could not be kept in the keyring (%1); nothing stored"_s.arg(s.error().message));
    if (auto s = outbox.addIntegration(h); !s)
        return fail(u"helpdesk add: "_s + s.error().message);
    out(u"added helpdesk %1 (%2 at %3); the secret is in the keyring. `helpdesk pull` brings its tickets, "
        "`helpdesk push` delivers the replies sent\n"_s.arg(h.name, connector.value()->displayName(), h.baseUrl));
    return 0;
}

int cmdList(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    if (auto rc = parse(p, args, u"The helpdesks connected to this store (never their secrets)."_s))
        return *rc;
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    auto all = outbox.integrations();
    if (!all)
        return fail(all.error());
    for (const store::LocalHelpdesk &h : *all)
        out(u"%1\t%2\t%3\t%4\t%5\t%6\n"_s.arg(h.name, h.kind, h.baseUrl, h.user.isEmpty() ? u"-"_s : h.user,
                                              h.lastPullAt.isValid() ? h.lastPullAt.toUTC().toString(Qt::ISODate)
                                                                     : u"never pulled"_s,
                                              h.lastError.isEmpty() ? u"ok"_s : h.lastError));
    auto counts = outbox.stateCounts();
    if (!counts)
        return fail(counts.error());
    QStringList parts;
    for (const auto &[state, n] : *counts)
        parts << u"%1 %2"_s.arg(n).arg(state);
    if (!parts.isEmpty())
        out(u"deliveries: %1\n"_s.arg(parts.join(u", "_s)));
    return 0;
}

int cmdRemove(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"The helpdesk to disconnect."_s, u"NAME"_s});
    if (auto rc = parse(p, args, u"Disconnect a helpdesk and remove its secret from the keyring."_s))
        return *rc;
    if (p.value(u"name"_s).isEmpty())
        return fail(u"helpdesk remove: --name is required"_s);
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    auto h = outbox.integration(p.value(u"name"_s));
    if (!h)
        return fail(h.error());
    if (!h->has_value())
        return fail(u"helpdesk remove: no helpdesk \"%1\""_s.arg(p.value(u"name"_s)));
    if (auto s = removeSecret(keyringAccount((*h)->name, (*h)->baseUrl, (*h)->user)); !s)
        warn(u"the secret could not be removed from the keyring: "_s + s.error().message);
    if (auto removed = outbox.removeIntegration((*h)->name); !removed)
        return fail(removed.error());
    out(u"removed helpdesk %1\n"_s.arg((*h)->name));
    return 0;
}

/// @brief Pulls @p c's changed tickets (and articles) to the end; each page stored with its cursor in one
/// transaction. Returns false after an error (printed).
bool pullOne(store::Store &store, store::DeliveryOutbox &outbox, Connected &c, int maxPages, bool articles)
{
    const QString name = c.helpdesk.name;
    const QString origin = u"helpdesk:"_s + name;
    QString cursor = c.helpdesk.ticketCursor;
    int tickets = 0, unreadable = 0, deleted = 0, pages = 0;
    for (bool more = true; more && pages < maxPages; ++pages) {
        auto page = c.executor->runBlocking(c.connector->pullTickets(connectors::HelpdeskCursor{cursor}, kPageSize));
        if (!page) {
            warn(u"helpdesk %1: pull failed: %2"_s.arg(name, page.error().toString()));
            if (auto s = outbox.recordPull(name, page.error().toString()); !s)
                warn(s.error().toString());
            return false;
        }
        QList<Ticket> batch;
        QList<std::pair<QString, QString>> map;
        QStringList errors;
        for (const connectors::HelpdeskTicket &t : std::as_const(page->tickets)) {
            if (t.deleted) {
                ++deleted; // kept locally as it was: the store has no deletion, and the agent's record stays
                continue;
            }
            batch.append(t.ticket);
            map.append({t.ticket.id, t.externalId});
        }
        for (const connectors::ItemError &ie : std::as_const(page->itemErrors)) {
            // One bad item never stops the rest: named and passed.
            warn(u"helpdesk %1: ticket %2 skipped: %3"_s.arg(name, ie.itemId, ie.error.toString()));
            errors << ie.error.toString();
        }
        auto tx = store.db().transaction("helpdesk page");
        Status stored = tx.status();
        if (stored && !batch.isEmpty())
            if (auto r = store.importTickets(batch, origin); !r)
                stored = r.error();
        if (stored)
            stored = outbox.mapTickets(name, map);
        if (stored)
            stored = outbox.setTicketCursor(name, page->next.value);
        if (stored)
            stored = outbox.recordPull(name, errors.join(u"; "_s));
        if (stored)
            stored = tx.commit();
        if (!stored) {
            warn(u"helpdesk %1: page not stored: %2"_s.arg(name, stored.error().toString()));
            return false;
        }
        cursor = page->next.value;
        tickets += int(batch.size());
        unreadable += int(page->itemErrors.size());
        more = page->more;
    }
    out(u"%1: %2 tickets pulled (%3 pages), %4 unreadable, %5 deleted in the helpdesk\n"_s.arg(name)
            .arg(tickets)
            .arg(pages)
            .arg(unreadable)
            .arg(deleted));
    if (!articles)
        return true;
    QString articleCursor = c.helpdesk.articleCursor;
    int count = 0;
    for (bool more = true; more;) {
        auto page =
            c.executor->runBlocking(c.connector->pullArticles(connectors::HelpdeskCursor{articleCursor}, kPageSize));
        if (!page) {
            if (page.error().kind == connectors::HelpdeskError::Kind::Unsupported) {
                out(u"%1: no knowledge base to pull (%2)\n"_s.arg(name, page.error().message));
                return true;
            }
            warn(u"helpdesk %1: article pull failed: %2"_s.arg(name, page.error().toString()));
            return false;
        }
        QList<Article> batch;
        for (connectors::HelpdeskArticle a : std::as_const(page->articles)) {
            if (a.deleted)
                a.article.status = u"removed"_s;
            batch.append(a.article);
        }
        for (const connectors::ItemError &ie : std::as_const(page->itemErrors))
            warn(u"helpdesk %1: article %2 skipped: %3"_s.arg(name, ie.itemId, ie.error.toString()));
        auto tx = store.db().transaction("helpdesk articles");
        Status stored = tx.status();
        if (stored && !batch.isEmpty())
            if (auto r = store.importArticles(batch, u"helpdesk:"_s + name, false); !r)
                stored = r.error();
        if (stored)
            stored = outbox.setArticleCursor(name, page->next.value);
        if (stored)
            stored = tx.commit();
        if (!stored) {
            warn(u"helpdesk %1: articles not stored: %2"_s.arg(name, stored.error().toString()));
            return false;
        }
        articleCursor = page->next.value;
        count += int(batch.size());
        more = page->more;
    }
    out(u"%1: %2 articles pulled\n"_s.arg(name).arg(count));
    return true;
}

int cmdPull(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"Only this helpdesk (default: every one)."_s, u"NAME"_s});
    p.addOption({u"max-pages"_s, u"At most this many pages of 100 tickets per helpdesk (default: all)."_s, u"N"_s});
    p.addOption({u"no-articles"_s, u"Tickets only."_s});
    if (auto rc = parse(p, args,
                        u"Bring the tickets (with their messages) and knowledge-base articles changed in the "
                        "helpdesk since the last pull into this store. Run `helpdesk push` first: a pull shows a "
                        "ticket as the helpdesk has it, without a reply still waiting to be delivered."_s))
        return *rc;
    int maxPages = 1 << 30;
    if (p.isSet(u"max-pages"_s)) {
        bool okNumber = false;
        maxPages = p.value(u"max-pages"_s).toInt(&okNumber);
        if (!okNumber || maxPages < 1)
            return fail(u"--max-pages needs a positive number"_s);
    }
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    auto list = selected(outbox, p);
    if (!list)
        return fail(list.error());
    if (list->isEmpty())
        return fail(u"no helpdesk connected: `understudyctl helpdesk add --kind ... --url ... --secret-stdin`"_s);
    int rc = 0;
    for (const store::LocalHelpdesk &h : *list) {
        auto c = connectHelpdesk(h);
        if (!c) {
            warn(u"helpdesk %1: %2"_s.arg(h.name, c.error().message));
            rc = 1;
            continue;
        }
        if (!pullOne(*(*opened)->store, outbox, *c, maxPages, !p.isSet(u"no-articles"_s)))
            rc = 1;
    }
    return rc;
}

/// @brief The hand-off of the first rule whose reason the escalation gave (the event's reason lists the reasons of
/// the rules that matched, then the agent's note) and that names a helpdesk group or priority; empty when none does.
connectors::HelpdeskHandoff handoffFor(const engine::EscalationRules &rules, const QString &eventReason)
{
    const QStringList given = eventReason.split(u"; "_s);
    for (const engine::EscalationRule &rule : rules.rules()) {
        if ((rule.handoffGroup.isEmpty() && rule.handoffPriority.isEmpty()) || !given.contains(rule.reason))
            continue;
        return connectors::HelpdeskHandoff{rule.handoffGroup, rule.handoffPriority};
    }
    return {};
}

/// @brief Runs one action against its helpdesk; the value is the helpdesk's id of what it made (a reply's id).
connectors::HelpdeskResult<QString> perform(Connected &c, const store::HelpdeskAction &a,
                                            const engine::EscalationRules &rules, bool *alreadyThere)
{
    using namespace connectors;
    if (a.action == u"reply"_s) {
        OutgoingReply reply;
        reply.ticketExternalId = a.externalTicketId;
        reply.body = a.body;
        reply.idempotencyKey = a.eventId;
        reply.createdAt = a.createdAt;
        reply.statusAfter = u"resolved"_s; // as the send left the local ticket (Store::recordReply)
        // lookupFirst: a reply posted by a run killed before it recorded the delivery is found, not posted again.
        auto posted = c.executor->runBlocking(c.connector->postReply(reply, true));
        if (!posted)
            return posted.error();
        *alreadyThere = posted->alreadyThere;
        if (!posted->warning.isEmpty())
            warn(posted->warning);
        return posted->externalId;
    }
    if (a.action == u"tag"_s) {
        auto tagged = c.executor->runBlocking(c.connector->addTags(a.externalTicketId, {a.body}));
        if (!tagged)
            return tagged.error();
        return QString();
    }
    if (a.action == u"escalate"_s) {
        const HelpdeskHandoff handoff = handoffFor(rules, a.body);
        if (handoff.isEmpty())
            return QString(); // no rule of this escalation names a group or priority: nothing to hand over
        auto handed = c.executor->runBlocking(c.connector->setHandoff(a.externalTicketId, handoff));
        if (!handed)
            return handed.error();
        return QStringList{handoff.group, handoff.priority}.join(u' ').trimmed();
    }
    return HelpdeskError::make(HelpdeskError::Kind::Unsupported, u"unknown helpdesk action \"%1\""_s.arg(a.action));
}

int cmdPush(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"name"_s, u"Only this helpdesk's deliveries (default: every one's)."_s, u"NAME"_s});
    p.addOption({u"all"_s, u"Also the queued deliveries still waiting to be retried."_s});
    p.addOption({u"rules"_s,
                 u"The escalation rules (JSON) whose handoff.group / handoff.priority an escalation applies in the "
                 "helpdesk; default: the bundled rules."_s,
                 u"FILE"_s});
    if (auto rc = parse(p, args,
                        u"Deliver what the agent's sends, rejects and escalations owe the helpdesk: the replies "
                        "(each looked up in the ticket's history by its key before it is posted, so a run killed "
                        "halfway never posts twice) and the report-back tags."_s))
        return *rc;
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    auto escalationRules = rules(p);
    if (!escalationRules)
        return fail(escalationRules.error());
    const QDateTime now = Clock::now();
    const QDateTime horizon = p.isSet(u"all"_s) ? now.addYears(100) : now;
    auto due = outbox.due(horizon, 100000, p.value(u"name"_s));
    if (!due)
        return fail(due.error());
    std::map<QString, std::optional<Connected>> connected;
    QSet<QString> unusable;
    int delivered = 0, found = 0, tagged = 0, handed = 0, retrying = 0, failed = 0, unreachable = 0;
    for (const store::HelpdeskAction &a : std::as_const(*due)) {
        if (unusable.contains(a.integration)) {
            ++unreachable;
            continue;
        }
        auto &slot = connected[a.integration];
        if (!slot) {
            auto h = outbox.integration(a.integration);
            if (!h)
                return fail(h.error());
            auto c = h->has_value() ? connectHelpdesk(**h)
                                    : Result<Connected>(Error::make(Error::Code::NotFound, u"not connected"_s));
            if (!c) {
                // Stays queued, for when the helpdesk is connected (or its secret is back) again.
                warn(u"helpdesk %1: %2; its deliveries wait"_s.arg(a.integration, c.error().message));
                unusable.insert(a.integration);
                ++unreachable;
                continue;
            }
            slot = std::move(*c);
        }
        bool alreadyThere = false;
        auto r = perform(*slot, a, *escalationRules, &alreadyThere);
        if (r) {
            if (auto s = outbox.markDone(a.eventId, a.action, r.value()); !s)
                return fail(u"%1 of ticket %2 is in the helpdesk, but could not be recorded: %3"_s.arg(
                    a.action, a.ticketId, s.error().toString()));
            if (a.action == u"tag"_s)
                ++tagged;
            else if (a.action == u"escalate"_s)
                handed += r.value().isEmpty() ? 0 : 1;
            else
                ++(alreadyThere ? found : delivered);
            continue;
        }
        const connectors::HelpdeskError &e = r.error();
        const sync::DeliveryRetry retry =
            sync::deliveryRetry(e, a.attempts, kRetryBaseSeconds, kRetryCapSeconds, kMaxAttempts);
        warn(u"%1 of ticket %2 %3: %4"_s.arg(a.action, a.ticketId, retry.permanent ? u"failed"_s : u"will be retried"_s,
                                             e.toString()));
        if (auto s = outbox.markFailed(a.eventId, a.action, e.toString(), retry.permanent,
                                       Clock::now().addSecs(retry.waitSeconds));
            !s)
            return fail(s.error());
        ++(retry.permanent ? failed : retrying);
    }
    out(u"replies: %1 delivered, %2 already in the helpdesk; tags: %3; hand-offs: %7; %4 to retry, %5 failed, %6 "
        "waiting for their helpdesk\n"_s.arg(delivered)
            .arg(found)
            .arg(tagged)
            .arg(retrying)
            .arg(failed)
            .arg(unreachable)
            .arg(handed));
    return failed + retrying + unreachable > 0 ? 1 : 0;
}

int cmdRetry(const QString &db, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption({u"event"_s, u"The send (event id) whose delivery to retry."_s, u"ID"_s});
    p.addOption({u"action"_s, u"reply (default), tag or escalate."_s, u"ACTION"_s});
    if (auto rc = parse(p, args, u"Queue a failed delivery again; the next `helpdesk push` tries it."_s))
        return *rc;
    if (p.value(u"event"_s).isEmpty())
        return fail(u"helpdesk retry: --event is required"_s);
    auto opened = openOutbox(db);
    if (!opened)
        return fail(opened.error());
    store::DeliveryOutbox &outbox = (*opened)->outbox;
    const QString action = p.isSet(u"action"_s) ? p.value(u"action"_s) : u"reply"_s;
    if (auto s = outbox.retry(p.value(u"event"_s), action); !s)
        return fail(s.error());
    out(u"queued again: %1 of %2\n"_s.arg(action, p.value(u"event"_s)));
    return 0;
}

} // namespace

int runHelpdeskCommand(const QString &db, const QStringList &args)
{
    // args: "understudyctl helpdesk", sub, options...
    const QString sub = args.value(1);
    QStringList rest{args.value(0) + u' ' + sub};
    rest += args.mid(2);
    if (sub == u"add"_s)
        return cmdAdd(db, rest);
    if (sub == u"list"_s)
        return cmdList(db, rest);
    if (sub == u"remove"_s)
        return cmdRemove(db, rest);
    if (sub == u"pull"_s)
        return cmdPull(db, rest);
    if (sub == u"push"_s)
        return cmdPush(db, rest);
    if (sub == u"retry"_s)
        return cmdRetry(db, rest);
    return fail(u"helpdesk: expected add, list, remove, pull, push or retry (see --help)"_s);
}

} // namespace understudy::cli

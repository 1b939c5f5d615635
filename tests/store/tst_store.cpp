// SPDX-License-Identifier: GPL-3.0-or-later
// The local store: imports, reads, full-text search, drafts, the append-only correction log and its outbox,
// settings and cursors, and atomicity under injected faults.
#include "Store.h"
#include "StoreTestUtil.h"
#include "TestSupport.h"

#include <understudy/Clock.h>

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::store;

namespace {

QDateTime at(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

Article article(const QString &id, const QString &title, const QString &body, const QStringList &tags = {})
{
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.url = u"https://help.example.com/"_s + id;
    a.tags = tags;
    a.updatedAt = at(u"2026-03-01T12:00:00Z"_s);
    return a;
}

QList<Article> knowledgeBase()
{
    return {
        article(u"kb-1"_s, u"Resetting your password"_s,
                u"If you cannot sign in, start here.\n\n"
                "## Forgotten password\nClick *Forgot password* on the sign-in page and follow the e-mail.\n\n"
                "## Locked account\nAfter five failed attempts the account locks for 15 minutes."_s,
                {u"account"_s, u"login"_s}),
        article(u"kb-2"_s, u"Billing FAQ"_s,
                u"# Billing FAQ\n## Refunds\nRefunds reach your card within 5 business days.\n"
                "## Invoices\nDownload invoices from Settings › Billing."_s,
                {u"billing"_s}),
    };
}

Message msg(const QString &author, const QString &body, const QString &time)
{
    return Message{author, body, at(time)};
}

Ticket ticket(const QString &id, const QString &subject, const Customer &customer, const QString &status,
              const QList<Message> &messages, const QString &intent = {})
{
    Ticket t;
    t.id = id;
    t.subject = subject;
    t.customer = customer;
    t.status = status;
    t.messages = messages;
    t.intent = intent;
    t.language = u"en"_s;
    t.createdAt = messages.isEmpty() ? QDateTime() : messages.first().at;
    return t;
}

const Customer kAna{u"c-1"_s, u"Ana Lima"_s, u"ana@example.com"_s, u"pro"_s};
const Customer kBo{u"c-2"_s, u"Bo Chen"_s, u"bo@example.com"_s, u"free"_s};

QList<Ticket> history()
{
    return {
        ticket(u"T-1"_s, u"Cannot log in"_s, kAna, u"resolved"_s,
               {msg(u"customer"_s, u"I can't log in since this morning."_s, u"2026-03-01T09:00:00Z"_s),
                msg(u"agent"_s, u"Could you try resetting your password?"_s, u"2026-03-01T09:05:00Z"_s),
                msg(u"customer"_s, u"Still locked out 😞"_s, u"2026-03-01T09:20:00Z"_s),
                msg(u"agent"_s, u"I have unlocked your account; you can sign in now."_s, u"2026-03-01T09:30:00Z"_s)},
               u"account_locked"_s),
        ticket(u"T-2"_s, u"Refund please"_s, kAna, u"open"_s,
               {msg(u"customer"_s, u"I was charged twice."_s, u"2026-03-02T10:00:00Z"_s)}),
        ticket(u"T-3"_s, u"Where is my invoice"_s, kBo, u"closed"_s,
               {msg(u"customer"_s, u"I need the March invoice."_s, u"2026-03-03T08:00:00Z"_s)}, u"invoice"_s),
        ticket(u"T-4"_s, u"Spam"_s, kBo, u"resolved"_s,
               {msg(u"customer"_s, u"Buy cheap watches"_s, u"2026-03-04T08:00:00Z"_s)}),
    };
}

FeedbackEvent makeEvent(const QString &id, FeedbackEvent::Kind kind, const QString &ticketId, const QString &time)
{
    FeedbackEvent e;
    e.id = id;
    e.kind = kind;
    e.agent = u"alice"_s;
    e.ticketId = ticketId;
    e.draftId = u"d-1"_s;
    e.at = at(time);
    e.confidence = 0.82;
    e.sources = {Source{u"article"_s, u"kb-1"_s, {}, 0, {}, {}, {}, {}}};
    e.engine = u"1.0.0"_s;
    return e;
}

QStringList ids(const QList<FeedbackEvent> &events)
{
    QStringList out;
    for (const FeedbackEvent &e : events)
        out << e.id;
    return out;
}

QStringList ids(const QList<Ticket> &tickets)
{
    QStringList out;
    for (const Ticket &t : tickets)
        out << t.id;
    return out;
}

QList<Answer> allAnswers(Store &store)
{
    QList<Answer> out;
    if (auto s = store.forEachAnswer([&](const Answer &a) { out << a; }); !s)
        QTest::qFail(qPrintable(s.error().toString()), __FILE__, __LINE__);
    return out;
}

bool sameCounts(const Store::Counts &a, const Store::Counts &b)
{
    return a.tickets == b.tickets && a.openTickets == b.openTickets && a.customers == b.customers &&
           a.messages == b.messages && a.articles == b.articles && a.activeArticles == b.activeArticles &&
           a.chunks == b.chunks && a.answers == b.answers && a.macros == b.macros && a.drafts == b.drafts &&
           a.events == b.events && a.outbox == b.outbox;
}

QByteArray describe(const Store::Counts &c)
{
    return u"tickets %1 open %2 customers %3 messages %4 articles %5 active %6 chunks %7 answers %8 macros %9 "
           "drafts %10 events %11 outbox %12"_s.arg(c.tickets).arg(c.openTickets).arg(c.customers).arg(c.messages)
        .arg(c.articles).arg(c.activeArticles).arg(c.chunks).arg(c.answers).arg(c.macros).arg(c.drafts)
        .arg(c.events).arg(c.outbox)
        .toUtf8();
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<Store> newStore()
    {
        auto s = Store::open(m_dir.filePath(u"store%1.sqlite"_s.arg(++m_files)));
        if (!s)
            qFatal("%s", qPrintable(s.error().toString()));
        return std::move(*s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Clock::setFixedTime(at(u"2026-03-10T08:00:00Z"_s));
    }
    void cleanupTestCase() { Clock::setFixedTime({}); }

    void importArticlesChunksAndSearch()
    {
        auto store = newStore();
        QList<std::pair<qsizetype, qsizetype>> progress;
        auto r = store->importArticles(knowledgeBase(), u"kb"_s, false,
                                       [&](qsizetype done, qsizetype total) { progress.append({done, total}); });
        QVERIFY2(r, test::why(r));
        QCOMPARE(r->added, 2);
        QCOMPARE(r->updated, 0);
        QCOMPARE(r->unchanged, 0);
        QCOMPARE(r->removed, 0);
        QCOMPARE(progress, (QList<std::pair<qsizetype, qsizetype>>{{1, 2}, {2, 2}}));

        // Chunks at headings; the text before the first heading is headed by the title.
        auto chunks = store->chunksOf(u"kb-1"_s);
        QVERIFY2(chunks, test::why(chunks));
        QCOMPARE(chunks->size(), 3);
        QCOMPARE(chunks->at(0).heading, u"Resetting your password"_s);
        QCOMPARE(chunks->at(0).body, u"If you cannot sign in, start here."_s);
        QCOMPARE(chunks->at(1).heading, u"Forgotten password"_s);
        QCOMPARE(chunks->at(2).heading, u"Locked account"_s);
        QCOMPARE(chunks->at(2).body, u"After five failed attempts the account locks for 15 minutes."_s);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(chunks->at(i).seq, i);
            QCOMPARE(chunks->at(i).articleId, u"kb-1"_s);
            QVERIFY(chunks->at(i).id > 0);
        }
        // A leading "# Title" repeating the title is not a section of its own.
        auto billing = store->chunksOf(u"kb-2"_s);
        QVERIFY(billing);
        QCOMPARE(billing->size(), 2);
        QCOMPARE(billing->at(0).heading, u"Refunds"_s);

        // The article reads back as imported.
        auto a = store->article(u"kb-1"_s);
        QVERIFY2(a, test::why(a));
        QVERIFY(a->has_value());
        const Article want = knowledgeBase().first();
        QCOMPARE((*a)->title, want.title);
        QCOMPARE((*a)->body, want.body);
        QCOMPARE((*a)->url, want.url);
        QCOMPARE((*a)->tags, want.tags);
        QCOMPARE((*a)->updatedAt, want.updatedAt);
        QCOMPARE((*a)->status, u"active"_s);
        auto none = store->article(u"kb-404"_s);
        QVERIFY(none);
        QVERIFY(!none->has_value());

        // One chunk by id, with its article's fields.
        auto row = store->chunk(chunks->at(2).id);
        QVERIFY2(row, test::why(row));
        QVERIFY(row->has_value());
        QCOMPARE((*row)->chunk.heading, u"Locked account"_s);
        QCOMPARE((*row)->articleTitle, want.title);
        QCOMPARE((*row)->url, want.url);
        QCOMPARE((*row)->status, u"active"_s);
        QCOMPARE((*row)->updatedAt, want.updatedAt);
        auto noChunk = store->chunk(999999);
        QVERIFY(noChunk);
        QVERIFY(!noChunk->has_value());

        // Full-text search finds the section, with a snippet marking the match.
        auto hits = store->searchKnowledge(u"locked account"_s);
        QVERIFY2(hits, test::why(hits));
        QVERIFY(!hits->isEmpty());
        QCOMPARE(hits->first().articleId, u"kb-1"_s);
        QCOMPARE(hits->first().chunkId, chunks->at(2).id);
        QCOMPARE(hits->first().heading, u"Locked account"_s);
        QCOMPARE(hits->first().title, u"Resetting your password"_s);
        QVERIFY2(hits->first().snippet.contains(u"[account]"_s), qPrintable(hits->first().snippet));
        QVERIFY(hits->first().score > 0);
        for (qsizetype i = 1; i < hits->size(); ++i)
            QVERIFY(hits->at(i - 1).score >= hits->at(i).score);

        // Prefix terms, accents folded, and the title weighted.
        hits = store->searchKnowledge(u"refund"_s);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().heading, u"Refunds"_s);
        QVERIFY2(hits->first().snippet.contains(u"[Refunds]"_s), qPrintable(hits->first().snippet));
        hits = store->searchKnowledge(u"factúra BILLING"_s);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 2); // both billing sections, through the title
        QCOMPARE(hits->first().articleId, u"kb-2"_s);
        hits = store->searchKnowledge(u"billing"_s, 1);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);

        // User input is never FTS5 syntax.
        for (const QString &q : {u"\"unbalanced"_s, u"NEAR(a b"_s, u"password AND OR NOT"_s, u"*"_s,
                                 u"col:password"_s, u"'; DROP TABLE chunks; --"_s, u""_s, u"   "_s}) {
            auto h = store->searchKnowledge(q);
            QVERIFY2(h, qPrintable(q + u": "_s + QString::fromUtf8(test::why(h))));
        }
        auto empty = store->searchKnowledge(u"  "_s);
        QVERIFY(empty);
        QVERIFY(empty->isEmpty());
        QCOMPARE(test::integrity(store->db()), u"ok"_s);
    }

    void reimportArticles()
    {
        auto store = newStore();
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, true));
        auto before = store->chunksOf(u"kb-1"_s);
        QVERIFY(before);

        // Identical content: nothing written.
        auto same = store->importArticles(knowledgeBase(), u"kb"_s, true);
        QVERIFY2(same, test::why(same));
        QCOMPARE(same->unchanged, 2);
        QCOMPARE(same->added + same->updated + same->removed, 0);
        auto after = store->chunksOf(u"kb-1"_s);
        QVERIFY(after);
        QCOMPARE(after->size(), before->size());
        for (qsizetype i = 0; i < after->size(); ++i)
            QCOMPARE(after->at(i).id, before->at(i).id);

        // Changed content: updated, with new chunks in the index and the old ones gone from it.
        QList<Article> changed = knowledgeBase();
        changed[0].body = u"## Two-factor codes\nCodes expire after 30 seconds; check the phone's clock."_s;
        auto upd = store->importArticles(changed, u"kb"_s, true);
        QVERIFY2(upd, test::why(upd));
        QCOMPARE(upd->updated, 1);
        QCOMPARE(upd->unchanged, 1);
        QCOMPARE(upd->added, 0);
        auto chunks = store->chunksOf(u"kb-1"_s);
        QVERIFY(chunks);
        QCOMPARE(chunks->size(), 1);
        QCOMPARE(chunks->first().heading, u"Two-factor codes"_s);
        auto hits = store->searchKnowledge(u"expire"_s);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().articleId, u"kb-1"_s);
        hits = store->searchKnowledge(u"attempts"_s);
        QVERIFY(hits);
        QVERIFY(hits->isEmpty());

        // A tag or status change is a change too.
        changed[1].tags << u"payments"_s;
        upd = store->importArticles(changed, u"kb"_s, true);
        QVERIFY(upd);
        QCOMPARE(upd->updated, 1);
        QCOMPARE(test::integrity(store->db()), u"ok"_s);
    }

    void markMissing()
    {
        auto store = newStore();
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, false));
        QVERIFY(store->importArticles({article(u"other-1"_s, u"Elsewhere"_s, u"## Refunds elsewhere\nText."_s)},
                                      u"other"_s, false));

        // A later import of origin "kb" without kb-2 marks it removed; other origins are left alone.
        auto r = store->importArticles({knowledgeBase().first()}, u"kb"_s, true);
        QVERIFY2(r, test::why(r));
        QCOMPARE(r->unchanged, 1);
        QCOMPARE(r->removed, 1);
        auto gone = store->article(u"kb-2"_s);
        QVERIFY(gone && gone->has_value());
        QCOMPARE((*gone)->status, u"removed"_s);
        auto other = store->article(u"other-1"_s);
        QVERIFY(other && other->has_value());
        QCOMPARE((*other)->status, u"active"_s);

        auto hits = store->searchKnowledge(u"refunds"_s);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().articleId, u"other-1"_s);
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->articles, 3);
        QCOMPARE(counts->activeArticles, 2);

        // The chunks stay (for history), flagged through their article.
        QHash<QString, QString> statusOf;
        QList<qint64> chunkIds;
        QVERIFY(store->forEachChunk([&](const ChunkRow &row) {
            statusOf.insert(row.chunk.articleId, row.status);
            chunkIds << row.chunk.id;
        }));
        QCOMPARE(statusOf.value(u"kb-2"_s), u"removed"_s);
        QCOMPARE(statusOf.value(u"kb-1"_s), u"active"_s);
        QCOMPARE(chunkIds.size(), counts->chunks);
        QVERIFY(std::is_sorted(chunkIds.cbegin(), chunkIds.cend()));

        // Marking again removes nothing more; the article coming back makes it active again.
        r = store->importArticles({knowledgeBase().first()}, u"kb"_s, true);
        QVERIFY(r);
        QCOMPARE(r->removed, 0);
        r = store->importArticles(knowledgeBase(), u"kb"_s, true);
        QVERIFY(r);
        QCOMPARE(r->updated, 1);
        hits = store->searchKnowledge(u"refunds"_s);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 2);
    }

    void integrityCheckSeesAStaleIndex()
    {
        // The helper the other tests rely on must notice an index out of step with the chunks.
        auto store = newStore();
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, false));
        QCOMPARE(test::integrity(store->db()), u"ok"_s);
        QVERIFY(store->db().exec(u"DROP TRIGGER chunks_au; UPDATE chunks SET body = 'different words' WHERE seq = 0"_s));
        const QString verdict = test::integrity(store->db());
        QVERIFY2(verdict.contains(u"differs"_s), qPrintable(verdict));
    }

    void forEachChunkMayCallBack()
    {
        auto store = newStore();
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, false));
        int rows = 0;
        int nested = 0;
        auto s = store->forEachChunk([&](const ChunkRow &row) {
            ++rows;
            // The callback reads the store, including with the same query shape, without derailing the loop.
            auto again = store->chunk(row.chunk.id);
            if (again && again->has_value() && (*again)->chunk.body == row.chunk.body)
                ++nested;
            QVERIFY(store->forEachChunk([](const ChunkRow &) {}));
        });
        QVERIFY2(s, test::why(s));
        QCOMPARE(rows, 5);
        QCOMPARE(nested, 5);
    }

    void rejectsArticlesWithoutId()
    {
        auto store = newStore();
        QList<Article> bad = knowledgeBase();
        bad << article(QString(), u"No id"_s, u"body"_s);
        auto r = store->importArticles(bad, u"kb"_s, false);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY2(r.error().message.contains(u"no id"_s), qPrintable(r.error().message));
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->articles, 0);
    }

    void importTickets()
    {
        auto store = newStore();
        auto r = store->importTickets(history(), u"helpdesk"_s);
        QVERIFY2(r, test::why(r));
        QCOMPARE(r->added, 4);
        QCOMPARE(r->updated, 0);
        QCOMPARE(r->answers, 2); // T-1 (agent reply) and T-3 (intent label); not T-2 (open) nor T-4 (neither)

        // Messages in order, with their authors and times.
        auto t = store->ticket(u"T-1"_s);
        QVERIFY2(t, test::why(t));
        QVERIFY(t->has_value());
        const Ticket want = history().first();
        QCOMPARE((*t)->subject, want.subject);
        QCOMPARE((*t)->status, u"resolved"_s);
        QCOMPARE((*t)->intent, u"account_locked"_s);
        QCOMPARE((*t)->language, u"en"_s);
        QCOMPARE((*t)->createdAt, want.createdAt);
        QCOMPARE((*t)->customer.id, kAna.id);
        QCOMPARE((*t)->customer.name, kAna.name);
        QCOMPARE((*t)->customer.email, kAna.email);
        QCOMPARE((*t)->customer.tier, kAna.tier);
        QCOMPARE((*t)->messages.size(), want.messages.size());
        for (qsizetype i = 0; i < want.messages.size(); ++i) {
            QCOMPARE((*t)->messages[i].author, want.messages[i].author);
            QCOMPARE((*t)->messages[i].body, want.messages[i].body);
            QCOMPARE((*t)->messages[i].at, want.messages[i].at);
        }
        auto missing = store->ticket(u"T-404"_s);
        QVERIFY(missing);
        QVERIFY(!missing->has_value());

        // The answer bank: question = subject + what the customer wrote, reply = the last agent message.
        const QList<Answer> answers = allAnswers(*store);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].key, u"ticket:T-1"_s);
        QCOMPARE(answers[0].question, u"Cannot log in\nI can't log in since this morning.\nStill locked out 😞"_s);
        QCOMPARE(answers[0].reply, u"I have unlocked your account; you can sign in now."_s);
        QCOMPARE(answers[0].intent, u"account_locked"_s);
        QCOMPARE(answers[0].ticketId, u"T-1"_s);
        QCOMPARE(answers[0].origin, u"history"_s);
        QCOMPARE(answers[0].createdAt, at(u"2026-03-01T09:30:00Z"_s));
        QCOMPARE(answers[1].key, u"ticket:T-3"_s);
        QCOMPARE(answers[1].question, u"Where is my invoice\nI need the March invoice."_s);
        QCOMPARE(answers[1].reply, QString());
        QCOMPARE(answers[1].intent, u"invoice"_s);
        auto one = store->answer(answers[0].id);
        QVERIFY2(one, test::why(one));
        QVERIFY(one->has_value());
        QCOMPARE((*one)->question, answers[0].question);
        auto noAnswer = store->answer(424242);
        QVERIFY(noAnswer);
        QVERIFY(!noAnswer->has_value());

        // Lists: by status, oldest first, limited, with or without messages.
        auto all = store->tickets();
        QVERIFY2(all, test::why(all));
        QCOMPARE(ids(*all), (QStringList{u"T-1"_s, u"T-2"_s, u"T-3"_s, u"T-4"_s}));
        QCOMPARE(all->first().messages.size(), 4);
        auto open = store->tickets(u"open"_s);
        QVERIFY(open);
        QCOMPARE(ids(*open), QStringList{u"T-2"_s});
        auto two = store->tickets({}, 2, false);
        QVERIFY(two);
        QCOMPARE(ids(*two), (QStringList{u"T-1"_s, u"T-2"_s}));
        QVERIFY(two->first().messages.isEmpty());
        QCOMPARE(two->first().customer.name, kAna.name);

        // A customer's other tickets, most recent first.
        auto hist = store->customerHistory(kAna.id, u"T-2"_s);
        QVERIFY2(hist, test::why(hist));
        QCOMPARE(ids(*hist), QStringList{u"T-1"_s});
        hist = store->customerHistory(kBo.id, QString());
        QVERIFY(hist);
        QCOMPARE(ids(*hist), (QStringList{u"T-4"_s, u"T-3"_s}));
        hist = store->customerHistory(kBo.id, QString(), 1);
        QVERIFY(hist);
        QCOMPARE(ids(*hist), QStringList{u"T-4"_s});

        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->tickets, 4);
        QCOMPARE(counts->openTickets, 1);
        QCOMPARE(counts->customers, 2);
        QCOMPARE(counts->messages, 7);
        QCOMPARE(counts->answers, 2);
    }

    void reimportTickets()
    {
        auto store = newStore();
        QVERIFY(store->importTickets(history(), u"helpdesk"_s));
        auto answers = allAnswers(*store);
        QCOMPARE(answers.size(), 2);
        const qint64 answerId = answers[0].id;

        // Same ticket again with an edited last reply and a shorter conversation: updated in place.
        QList<Ticket> again = history();
        again[0].messages.removeAt(2);
        again[0].messages.removeAt(1);
        again[0].messages[1].body = u"Unlocked — sign in again please."_s;
        auto r = store->importTickets({again[0]}, u"helpdesk"_s);
        QVERIFY2(r, test::why(r));
        QCOMPARE(r->updated, 1);
        QCOMPARE(r->added, 0);
        auto t = store->ticket(u"T-1"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->messages.size(), 2);
        QCOMPARE((*t)->messages[1].body, u"Unlocked — sign in again please."_s);
        answers = allAnswers(*store);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].id, answerId); // the same row, updated
        QCOMPARE(answers[0].reply, u"Unlocked — sign in again please."_s);
        QCOMPARE(answers[0].question, u"Cannot log in\nI can't log in since this morning."_s);

        // Customers are upserted: a blank field keeps what is known, a new value replaces it.
        Customer anaAgain{kAna.id, QString(), u"ana.lima@example.com"_s, QString()};
        again[1].customer = anaAgain;
        QVERIFY(store->importTickets({again[1]}, u"helpdesk"_s));
        t = store->ticket(u"T-1"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->customer.name, kAna.name);
        QCOMPARE((*t)->customer.email, u"ana.lima@example.com"_s);
        QCOMPARE((*t)->customer.tier, kAna.tier);

        // A resolved ticket reopened loses its answer.
        again[0].status = u"open"_s;
        r = store->importTickets({again[0]}, u"helpdesk"_s);
        QVERIFY(r);
        QCOMPARE(r->answers, 0);
        answers = allAnswers(*store);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].key, u"ticket:T-3"_s);
        auto open = store->tickets(u"open"_s);
        QVERIFY(open);
        QCOMPARE(ids(*open), (QStringList{u"T-1"_s, u"T-2"_s}));

        // A customer known only by e-mail gets the e-mail as id; an unknown status means open.
        Ticket anon = ticket(u"T-9"_s, u"Hello"_s, Customer{QString(), u"Cy"_s, u"Cy@Example.com"_s, QString()},
                             QString(), {msg(u"customer"_s, u"Hi"_s, u"2026-03-09T08:00:00Z"_s)});
        QVERIFY(store->importTickets({anon}, u"csv"_s));
        t = store->ticket(u"T-9"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->customer.id, u"cy@example.com"_s);
        QCOMPARE((*t)->status, u"open"_s);
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->tickets, 5);
        QCOMPARE(counts->customers, 3);
        QCOMPARE(counts->messages, 2 + 1 + 1 + 1 + 1);

        // No id is refused before anything is written.
        Ticket noId = anon;
        noId.id.clear();
        auto bad = store->importTickets({history()[1], noId}, u"csv"_s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Error::Code::Invalid);
    }

    void macros()
    {
        auto store = newStore();
        const QList<Macro> macros{
            Macro{u"m-2"_s, u"Refund issued"_s, u"Hi {{first_name}}, your refund is on its way."_s, {u"billing"_s}},
            Macro{u"m-1"_s, u"Greeting"_s, u"Hello {{first_name}},"_s, {}},
        };
        auto r = store->importMacros(macros);
        QVERIFY2(r, test::why(r));
        QCOMPARE(r->added, 2);
        auto list = store->macros();
        QVERIFY2(list, test::why(list));
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).id, u"m-1"_s);
        QCOMPARE(list->at(1).title, u"Refund issued"_s);
        QCOMPARE(list->at(1).body, macros[0].body);
        QCOMPARE(list->at(1).tags, QStringList{u"billing"_s});

        r = store->importMacros(macros);
        QVERIFY(r);
        QCOMPARE(r->unchanged, 2);
        QCOMPARE(r->added + r->updated, 0);
        QList<Macro> changed = macros;
        changed[1].body = u"Hi {{first_name}},"_s;
        r = store->importMacros(changed);
        QVERIFY(r);
        QCOMPARE(r->updated, 1);
        QCOMPARE(r->unchanged, 1);
        list = store->macros();
        QVERIFY(list);
        QCOMPARE(list->at(0).body, u"Hi {{first_name}},"_s);
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->macros, 2);
    }

    void sourcesCarryALanguage()
    {
        // Articles, chunks, macros and answers keep their language: the given tag as an ISO 639-1 code, else what
        // the text says, else unknown ("").
        auto store = newStore();
        QList<Article> kb{
            article(u"kb-fr"_s, u"Mot de passe"_s, u"## Oubli\nCliquez sur le lien."_s),
            article(u"kb-de"_s, u"Passwort zurücksetzen"_s,
                    u"## Vergessen\nKlicken Sie auf den Link, den wir Ihnen per E-Mail schicken. Der Link ist eine "
                    "Stunde gültig und wird nach der Nutzung ungültig."_s),
            article(u"kb-x"_s, u"API"_s, u"`GET /v1/items`"_s),
        };
        kb[0].language = u"fr-FR"_s; // a locale: stored as its language
        auto r = store->importArticles(kb, u"kb"_s, false);
        QVERIFY2(r, test::why(r));
        QHash<QString, QString> chunkLanguage;
        QVERIFY(store->forEachChunk([&](const ChunkRow &c) { chunkLanguage[c.chunk.articleId] = c.language; }));
        QCOMPARE(chunkLanguage.value(u"kb-fr"_s), u"fr"_s);
        QCOMPARE(chunkLanguage.value(u"kb-de"_s), u"de"_s);
        QCOMPARE(chunkLanguage.value(u"kb-x"_s), QString());
        auto chunks = store->chunksOf(u"kb-de"_s);
        QVERIFY(chunks && !chunks->isEmpty());
        auto row = store->chunk(chunks->first().id);
        QVERIFY2(row, test::why(row));
        QCOMPARE((*row)->language, u"de"_s);
        auto fr = store->article(u"kb-fr"_s);
        QVERIFY(fr && fr->has_value());
        QCOMPARE((*fr)->language, u"fr"_s);
        // The same again is unchanged; a new language alone is a change.
        kb[0].language = u"fr"_s;
        r = store->importArticles(kb, u"kb"_s, false);
        QVERIFY(r);
        QCOMPARE(r->unchanged, 3);
        kb[2].language = u"en"_s;
        r = store->importArticles(kb, u"kb"_s, false);
        QVERIFY(r);
        QCOMPARE(r->updated, 1);
        QVERIFY(store->forEachChunk([&](const ChunkRow &c) { chunkLanguage[c.chunk.articleId] = c.language; }));
        QCOMPARE(chunkLanguage.value(u"kb-x"_s), u"en"_s);

        // Macros.
        QList<Macro> macros{Macro{u"m-es"_s, u"Traspaso"_s, u"Hola {first_name}"_s, {}, u"ES"_s},
                            Macro{u"m-de"_s,
                                  u"Übergabe"_s,
                                  u"Hallo {first_name}, ich habe Ihre Anfrage an das Team weitergegeben."_s,
                                  {}}};
        auto m = store->importMacros(macros);
        QVERIFY2(m, test::why(m));
        auto stored = store->macros();
        QVERIFY(stored);
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(0).id, u"m-de"_s);
        QCOMPARE(stored->at(0).language, u"de"_s);
        QCOMPARE(stored->at(1).language, u"es"_s);
        macros[0].language = u"es"_s;
        m = store->importMacros(macros);
        QVERIFY(m);
        QCOMPARE(m->unchanged, 2);

        // Tickets and their answers: the ticket's language, else detected from what the customer wrote.
        Ticket french = ticket(u"T-fr"_s, u"Facture"_s, kAna, u"resolved"_s,
                               {msg(u"customer"_s, u"Bonjour, je ne trouve pas ma facture pour le mois de mars."_s,
                                    u"2026-03-01T09:00:00Z"_s),
                                msg(u"agent"_s, u"Hello Ana, it is in Settings."_s, u"2026-03-01T09:05:00Z"_s)});
        french.language.clear();
        Ticket german = ticket(u"T-de"_s, u"Rechnung"_s, kBo, u"resolved"_s,
                               {msg(u"customer"_s, u"Wo ist die Rechnung?"_s, u"2026-03-02T09:00:00Z"_s),
                                msg(u"agent"_s, u"Unter Einstellungen."_s, u"2026-03-02T09:05:00Z"_s)});
        german.language = u"de_DE"_s;
        Ticket unknown =
            ticket(u"T-x"_s, u"?"_s, kBo, u"open"_s, {msg(u"customer"_s, u"???"_s, u"2026-03-03T09:00:00Z"_s)});
        unknown.language.clear();
        QVERIFY(store->importTickets({french, german, unknown}, u"helpdesk"_s));
        auto t = store->ticket(u"T-fr"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->language, u"fr"_s);
        t = store->ticket(u"T-de"_s);
        QCOMPARE((*t)->language, u"de"_s);
        t = store->ticket(u"T-x"_s);
        QCOMPARE((*t)->language, QString());
        auto answer = store->answerByKey(u"ticket:T-fr"_s);
        QVERIFY(answer && answer->has_value());
        QCOMPARE((*answer)->language, u"fr"_s); // the ticket's, though the agent replied in English
        answer = store->answerByKey(u"ticket:T-de"_s);
        QCOMPARE((*answer)->language, u"de"_s);

        // Answers written directly: detected from the reply, else the question; a given one is kept.
        QVERIFY(store->addAnswers({Answer{0,
                                          u"event:es"_s,
                                          u"no puedo entrar"_s,
                                          u"Hola, para entrar en tu cuenta abre la página y pulsa el enlace."_s,
                                          {},
                                          {},
                                          u"correction"_s,
                                          {}},
                                   Answer{0, u"event:q"_s, u"how do I export all of my data?"_s, {}, {}, {}, {}, {}},
                                   Answer{0, u"event:it"_s, u"q"_s, u"r"_s, {}, {}, {}, {}, u"it-IT"_s}}));
        QHash<QString, QString> answerLanguage;
        for (const Answer &a : allAnswers(*store))
            answerLanguage[a.key] = a.language;
        QCOMPARE(answerLanguage.value(u"event:es"_s), u"es"_s);
        QCOMPARE(answerLanguage.value(u"event:q"_s), u"en"_s);
        QCOMPARE(answerLanguage.value(u"event:it"_s), u"it"_s);

        // A sent reply joins the answer bank in its ticket's language.
        Ticket openFr = ticket(u"T-fr2"_s, u"Connexion"_s, kAna, u"open"_s,
                               {msg(u"customer"_s, u"Je ne peux pas me connecter."_s, u"2026-03-04T09:00:00Z"_s)});
        openFr.language = u"fr"_s;
        QVERIFY(store->importTickets({openFr}, u"helpdesk"_s));
        FeedbackEvent sent = makeEvent(u"e-fr"_s, FeedbackEvent::Kind::SentAsIs, u"T-fr2"_s, u"2026-03-04T09:10:00Z"_s);
        sent.finalText = u"Bonjour Ana, cliquez sur « Mot de passe oublié »."_s;
        QVERIFY(store->recordReply(sent));
        answer = store->answerByKey(u"event:e-fr"_s);
        QVERIFY(answer && answer->has_value());
        QCOMPARE((*answer)->language, u"fr"_s);
    }

    void answersAndContentGeneration()
    {
        auto store = newStore();
        auto gen = [&store] {
            auto g = store->contentGeneration();
            return g ? *g : -1;
        };
        QCOMPARE(gen(), 0);
        auto r = store->addAnswers({Answer{0, u"event:1"_s, u"how do I export"_s, u"Use Reports"_s, u"export-csv"_s, {}, u"correction"_s, {}}});
        QVERIFY2(r, test::why(r));
        QCOMPARE(gen(), 1);
        qint64 firstId = 0;
        QVERIFY(store->forEachAnswer([&](const Answer &a) { firstId = a.id; }));
        // Upserting by key keeps the entry and its id, with the new text.
        r = store->addAnswers({Answer{0, u"event:1"_s, u"how do I export to CSV"_s, u"Use Reports → Export"_s, u"export-csv"_s, {}, u"correction"_s, {}}});
        QVERIFY(r);
        QCOMPARE(gen(), 2);
        auto a = store->answer(firstId);
        QVERIFY(a && *a);
        QCOMPARE((*a)->reply, u"Use Reports → Export"_s);
        QVERIFY(!store->addAnswers({Answer{0, {}, u"q"_s, {}, {}, {}, {}, {}}}));
        QCOMPARE(gen(), 2);
        // An import that changes nothing keeps the generation; one that changes something bumps it.
        const Article art{u"kb-g"_s, u"Title"_s, u"## A\nbody"_s, {}, {}, {}, u"active"_s};
        QVERIFY(store->importArticles({art}, u"o"_s, false));
        QCOMPARE(gen(), 3);
        QVERIFY(store->importArticles({art}, u"o"_s, false));
        QCOMPARE(gen(), 3);
    }

    void drafts()
    {
        auto store = newStore();
        Draft d;
        d.id = u"d-1"_s;
        d.ticketId = u"T-2"_s;
        d.text = u"Hi Ana,\n\nRefunds reach your card within 5 business days. ✓"_s;
        d.confidence = 0.73;
        d.lowConfidence = false;
        d.reasons = {u"close match in the knowledge base"_s};
        d.sources = {Source{u"article"_s,
                            u"kb-2"_s,
                            u"Billing FAQ"_s,
                            3.5,
                            u"[Refunds] reach"_s,
                            u"https://help.example.com/kb-2"_s,
                            u"refund"_s,
                            {}}};
        d.escalation = Escalation{true, {u"billing dispute"_s}, {u"billing"_s}};
        d.intent = u"refund"_s;
        d.intentProbability = 0.9;
        d.intentAlternatives = {u"invoice"_s};
        d.alreadyTried = {u"waited"_s};
        d.frustration = 0.4;
        d.engineVersion = u"1.0.0"_s;
        d.createdAt = at(u"2026-03-02T10:01:00Z"_s);
        QVERIFY(store->saveDraft(d));

        auto back = store->latestDraft(u"T-2"_s);
        QVERIFY2(back, test::why(back));
        QVERIFY(back->has_value());
        const Draft &b = **back;
        QCOMPARE(b.id, d.id);
        QCOMPARE(b.text, d.text);
        QCOMPARE(b.confidence, d.confidence);
        QCOMPARE(b.lowConfidence, false);
        QCOMPARE(b.reasons, d.reasons);
        QCOMPARE(b.sources.size(), 1);
        QCOMPARE(b.sources[0].id, u"kb-2"_s);
        QCOMPARE(b.sources[0].score, 3.5);
        QCOMPARE(b.sources[0].url, d.sources[0].url);
        QCOMPARE(b.escalation.escalate, true);
        QCOMPARE(b.escalation.reasons, d.escalation.reasons);
        QCOMPARE(b.intent, d.intent);
        QCOMPARE(b.intentAlternatives, d.intentAlternatives);
        QCOMPARE(b.alreadyTried, d.alreadyTried);
        QCOMPARE(b.engineVersion, d.engineVersion);
        QCOMPARE(b.createdAt, d.createdAt);

        // The latest one wins; other tickets have none.
        Draft later = d;
        later.id = u"d-2"_s;
        later.text = u"Second try"_s;
        later.createdAt = d.createdAt.addSecs(60);
        QVERIFY(store->saveDraft(later));
        back = store->latestDraft(u"T-2"_s);
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->id, u"d-2"_s);
        auto none = store->latestDraft(u"T-1"_s);
        QVERIFY(none);
        QVERIFY(!none->has_value());

        // Saving the same id again replaces it.
        later.text = u"Second try, edited"_s;
        QVERIFY(store->saveDraft(later));
        back = store->latestDraft(u"T-2"_s);
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->text, later.text);
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->drafts, 2);

        // A draft that could not be read back is refused.
        Draft bad = d;
        bad.id.clear();
        auto s = store->saveDraft(bad);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        bad = d;
        bad.ticketId.clear();
        QVERIFY(!store->saveDraft(bad));
        counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->drafts, 2);
    }

    void eventsAndOutbox()
    {
        auto store = newStore();
        FeedbackEvent e1 = makeEvent(u"e-1"_s, FeedbackEvent::Kind::Shown, u"T-1"_s, u"2026-03-02T10:00:00Z"_s);
        FeedbackEvent e2 = makeEvent(u"e-2"_s, FeedbackEvent::Kind::SentEdited, u"T-1"_s, u"2026-03-02T10:02:00Z"_s);
        e2.finalText = u"Hi Ana — done."_s;
        e2.edit = EditStats{12, 3, 0.91};
        e2.reason = u"tone"_s;
        FeedbackEvent e3 = makeEvent(u"e-3"_s, FeedbackEvent::Kind::Flagged, u"T-2"_s, u"2026-03-02T10:03:00Z"_s);
        for (const auto &e : {e1, e2, e3}) {
            auto s = store->recordEvent(e);
            QVERIFY2(s, test::why(s));
        }

        // Idempotent by id: the same event again (even with another payload) changes nothing.
        QVERIFY(store->recordEvent(e1));
        FeedbackEvent e1b = e1;
        e1b.kind = FeedbackEvent::Kind::Rejected;
        QVERIFY(store->recordEvent(e1b));
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->events, 3);
        QCOMPARE(counts->outbox, 3);

        auto all = store->events();
        QVERIFY2(all, test::why(all));
        QCOMPARE(ids(*all), (QStringList{u"e-1"_s, u"e-2"_s, u"e-3"_s}));
        QCOMPARE(all->first().kind, FeedbackEvent::Kind::Shown);
        const FeedbackEvent &b = all->at(1);
        QCOMPARE(b.kind, FeedbackEvent::Kind::SentEdited);
        QCOMPARE(b.agent, u"alice"_s);
        QCOMPARE(b.ticketId, u"T-1"_s);
        QCOMPARE(b.draftId, u"d-1"_s);
        QCOMPARE(b.at, e2.at);
        QCOMPARE(b.confidence, 0.82);
        QCOMPARE(b.finalText, e2.finalText);
        QCOMPARE(b.reason, u"tone"_s);
        QVERIFY(b.edit.has_value());
        QCOMPARE(b.edit->chars, 12);
        QCOMPARE(b.edit->words, 3);
        QCOMPARE(b.edit->kept, 0.91);
        QCOMPARE(b.sources.size(), 1);
        QCOMPARE(b.sources[0].id, u"kb-1"_s);
        auto ofT2 = store->events(u"T-2"_s);
        QVERIFY(ofT2);
        QCOMPARE(ids(*ofT2), QStringList{u"e-3"_s});

        // The outbox: oldest first, limited; acknowledged ids leave it and are stamped synced.
        auto out = store->outbox(2);
        QVERIFY2(out, test::why(out));
        QCOMPARE(ids(*out), (QStringList{u"e-1"_s, u"e-2"_s}));
        QVERIFY(store->acknowledge({u"e-1"_s, u"e-2"_s, u"e-unknown"_s}));
        out = store->outbox(10);
        QVERIFY(out);
        QCOMPARE(ids(*out), QStringList{u"e-3"_s});
        QCOMPARE(test::rows(store->db(), u"SELECT id, synced_at FROM feedback_events ORDER BY seq"_s),
                 (QStringList{u"e-1|2026-03-10T08:00:00Z"_s, u"e-2|2026-03-10T08:00:00Z"_s, u"e-3|∅"_s}));
        // Acknowledging again is harmless and keeps the first stamp.
        Clock::setFixedTime(at(u"2026-03-11T08:00:00Z"_s));
        QVERIFY(store->acknowledge({u"e-1"_s}));
        Clock::setFixedTime(at(u"2026-03-10T08:00:00Z"_s));
        QCOMPARE(test::rows(store->db(), u"SELECT synced_at FROM feedback_events WHERE id = 'e-1'"_s),
                 QStringList{u"2026-03-10T08:00:00Z"_s});
        // An acknowledged event recorded again does not come back into the outbox.
        QVERIFY(store->recordEvent(e1));
        out = store->outbox(10);
        QVERIFY(out);
        QCOMPARE(ids(*out), QStringList{u"e-3"_s});
        counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->events, 3);
        QCOMPARE(counts->outbox, 1);

        // Events the outbox could not read back are refused, not stored.
        FeedbackEvent noTime = makeEvent(u"e-4"_s, FeedbackEvent::Kind::Shown, u"T-1"_s, QString());
        auto s = store->recordEvent(noTime);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        FeedbackEvent noId = e3;
        noId.id.clear();
        QVERIFY(!store->recordEvent(noId));
        FeedbackEvent badConfidence = makeEvent(u"e-5"_s, FeedbackEvent::Kind::Shown, u"T-1"_s, u"2026-03-02T10:00:00Z"_s);
        badConfidence.confidence = 1.5;
        QVERIFY(!store->recordEvent(badConfidence));
        counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->events, 3);
        out = store->outbox(10);
        QVERIFY2(out, test::why(out));
    }

    void correctionLogIsAppendOnly()
    {
        auto store = newStore();
        QVERIFY(store->recordEvent(makeEvent(u"e-1"_s, FeedbackEvent::Kind::Shown, u"T-1"_s, u"2026-03-02T10:00:00Z"_s)));
        QVERIFY(store->recordEvent(makeEvent(u"e-2"_s, FeedbackEvent::Kind::Shown, u"T-1"_s, u"2026-03-02T10:01:00Z"_s)));
        Database &db = store->db();
        const QStringList before = test::rows(db, u"SELECT * FROM feedback_events ORDER BY seq"_s);

        for (const QString &sql : {u"UPDATE feedback_events SET payload = '{}' WHERE id = 'e-1'"_s,
                                   u"UPDATE feedback_events SET kind = 'rejected'"_s,
                                   u"UPDATE feedback_events SET seq = seq + 10 WHERE id = 'e-2'"_s,
                                   u"UPDATE feedback_events SET id = 'e-9' WHERE id = 'e-1'"_s,
                                   u"UPDATE feedback_events SET payload = '{}', synced_at = 'x'"_s,
                                   u"DELETE FROM feedback_events WHERE id = 'e-1'"_s,
                                   u"DELETE FROM feedback_events"_s}) {
            auto s = db.exec(sql);
            QVERIFY2(!s, qPrintable(sql));
            QCOMPARE(s.error().code, Error::Code::Constraint);
            QVERIFY2(s.error().message.contains(u"append-only"_s), qPrintable(s.error().message));
        }
        QCOMPARE(test::rows(db, u"SELECT * FROM feedback_events ORDER BY seq"_s), before);

        // Only synced_at changes, and only once.
        auto s = db.exec(u"UPDATE feedback_events SET synced_at = '2026-03-03T00:00:00Z' WHERE id = 'e-1'"_s);
        QVERIFY2(s, test::why(s));
        QCOMPARE(db.changes(), 1);
        s = db.exec(u"UPDATE feedback_events SET synced_at = '2027-01-01T00:00:00Z' WHERE id = 'e-1'"_s);
        QVERIFY(!s);
        QVERIFY(!db.exec(u"UPDATE feedback_events SET synced_at = NULL WHERE id = 'e-1'"_s));
        // Writing the same values is not a change.
        QVERIFY(db.exec(u"UPDATE feedback_events SET payload = payload, synced_at = synced_at"_s));
        QCOMPARE(test::rows(db, u"SELECT id, synced_at FROM feedback_events ORDER BY seq"_s),
                 (QStringList{u"e-1|2026-03-03T00:00:00Z"_s, u"e-2|∅"_s}));
        // acknowledge() works within those rules.
        QVERIFY(store->acknowledge({u"e-1"_s, u"e-2"_s}));
        QCOMPARE(test::rows(db, u"SELECT id, synced_at FROM feedback_events ORDER BY seq"_s),
                 (QStringList{u"e-1|2026-03-03T00:00:00Z"_s, u"e-2|2026-03-10T08:00:00Z"_s}));
    }

    void settingsAndCursors()
    {
        const QString path = m_dir.filePath(u"settings.sqlite"_s);
        {
            auto opened = Store::open(path);
            QVERIFY2(opened, test::why(opened));
            Store &store = **opened;
            auto v = store.setting(u"agent"_s, u"nobody"_s);
            QVERIFY(v);
            QCOMPARE(*v, u"nobody"_s);
            v = store.setting(u"agent"_s);
            QVERIFY(v);
            QVERIFY(v->isEmpty());
            QVERIFY(store.setSetting(u"agent"_s, u"alice"_s));
            QVERIFY(store.setSetting(u"agent"_s, u"ålice"_s));
            QVERIFY(store.setSetting(u"server"_s, u"https://support.example.com"_s));
            auto c = store.cursor(u"tickets"_s);
            QVERIFY(c);
            QVERIFY(c->isEmpty());
            QVERIFY(store.setCursor(u"tickets"_s, u"41"_s));
            QVERIFY(store.setCursor(u"tickets"_s, u"42"_s));
            QVERIFY(store.setCursor(u"articles"_s, u"7"_s));
        }
        auto opened = Store::open(path);
        QVERIFY2(opened, test::why(opened));
        Store &store = **opened;
        auto v = store.setting(u"agent"_s, u"nobody"_s);
        QVERIFY(v);
        QCOMPARE(*v, u"ålice"_s);
        v = store.setting(u"server"_s);
        QVERIFY(v);
        QCOMPARE(*v, u"https://support.example.com"_s);
        auto c = store.cursor(u"tickets"_s);
        QVERIFY(c);
        QCOMPARE(*c, u"42"_s);
        c = store.cursor(u"articles"_s);
        QVERIFY(c);
        QCOMPARE(*c, u"7"_s);
        QCOMPARE(test::scalar(store.db(), u"SELECT count(*) FROM settings"_s), 2);
    }

    void countsOfEverything()
    {
        auto store = newStore();
        auto empty = store->counts();
        QVERIFY2(empty, test::why(empty));
        QVERIFY(sameCounts(*empty, Store::Counts{}));
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, false));
        QVERIFY(store->importTickets(history(), u"helpdesk"_s));
        QVERIFY(store->importMacros({Macro{u"m-1"_s, u"Hi"_s, u"Hello"_s, {}}}));
        Draft d;
        d.id = u"d-1"_s;
        d.ticketId = u"T-2"_s;
        d.createdAt = at(u"2026-03-02T10:01:00Z"_s);
        QVERIFY(store->saveDraft(d));
        QVERIFY(store->recordEvent(makeEvent(u"e-1"_s, FeedbackEvent::Kind::Shown, u"T-2"_s, u"2026-03-02T10:01:00Z"_s)));
        QVERIFY(store->recordEvent(makeEvent(u"e-2"_s, FeedbackEvent::Kind::SentAsIs, u"T-2"_s, u"2026-03-02T10:02:00Z"_s)));
        QVERIFY(store->acknowledge({u"e-1"_s}));
        auto c = store->counts();
        QVERIFY(c);
        Store::Counts want;
        want.tickets = 4;
        want.openTickets = 1;
        want.customers = 2;
        want.messages = 7;
        want.articles = 2;
        want.activeArticles = 2;
        want.chunks = 5;
        want.answers = 2;
        want.macros = 1;
        want.drafts = 1;
        want.events = 2;
        want.outbox = 1;
        QVERIFY2(sameCounts(*c, want), describe(*c).constData());
    }

    void faultMidImportChangesNothing_data()
    {
        QTest::addColumn<int>("failAt");
        for (int n : {1, 2, 3, 10, 50, 51, 200})
            QTest::addRow("statement %d", n) << n;
    }

    void faultMidImportChangesNothing()
    {
        QFETCH(int, failAt);
        auto store = newStore();
        QVERIFY(store->importArticles(knowledgeBase(), u"kb"_s, false));
        QVERIFY(store->importTickets(history(), u"helpdesk"_s));
        auto before = store->counts();
        QVERIFY(before);
        const QByteArray kbBefore = test::knowledgeChecksum(store->db());
        const QStringList ticketsBefore =
            test::rows(store->db(), u"SELECT * FROM tickets ORDER BY id"_s) +
            test::rows(store->db(), u"SELECT * FROM messages ORDER BY ticket_id, seq"_s) +
            test::rows(store->db(), u"SELECT * FROM answers ORDER BY id"_s) +
            test::rows(store->db(), u"SELECT * FROM customers ORDER BY id"_s);

        // A bigger import that changes, adds and removes: the fault lands somewhere in the middle of it.
        QList<Article> articles;
        for (int i = 0; i < 40; ++i)
            articles << article(u"big-%1"_s.arg(i), u"Article %1"_s.arg(i),
                                u"Intro %1.\n## Part A\nAlpha %1.\n## Part B\nBeta %1."_s.arg(i));
        store->db().failAfter(failAt, SQLITE_FULL);
        auto r = store->importArticles(articles, u"kb"_s, true);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::DiskFull);
        QVERIFY2(r.error().message.contains(u"disk is full"_s), qPrintable(r.error().message));
        QVERIFY(!store->db().inTransaction());
        auto after = store->counts();
        QVERIFY2(after, test::why(after));
        QVERIFY2(sameCounts(*after, *before), describe(*after).constData());
        QCOMPARE(test::knowledgeChecksum(store->db()), kbBefore);
        auto hits = store->searchKnowledge(u"alpha"_s);
        QVERIFY(hits);
        QVERIFY(hits->isEmpty());

        QList<Ticket> tickets = history();
        for (int i = 0; i < 40; ++i)
            tickets << ticket(u"N-%1"_s.arg(i), u"New %1"_s.arg(i), kBo, u"resolved"_s,
                              {msg(u"customer"_s, u"Question %1"_s.arg(i), u"2026-03-05T08:00:00Z"_s),
                               msg(u"agent"_s, u"Answer %1"_s.arg(i), u"2026-03-05T09:00:00Z"_s)});
        tickets[0].status = u"open"_s;
        store->db().failAfter(failAt, SQLITE_FULL);
        auto t = store->importTickets(tickets, u"helpdesk"_s);
        QVERIFY(!t);
        QCOMPARE(t.error().code, Error::Code::DiskFull);
        after = store->counts();
        QVERIFY(after);
        QVERIFY2(sameCounts(*after, *before), describe(*after).constData());
        QCOMPARE(test::rows(store->db(), u"SELECT * FROM tickets ORDER BY id"_s) +
                     test::rows(store->db(), u"SELECT * FROM messages ORDER BY ticket_id, seq"_s) +
                     test::rows(store->db(), u"SELECT * FROM answers ORDER BY id"_s) +
                     test::rows(store->db(), u"SELECT * FROM customers ORDER BY id"_s),
                 ticketsBefore);
        QCOMPARE(test::integrity(store->db()), u"ok"_s);

        // Without the fault both go through.
        QVERIFY(store->importArticles(articles, u"kb"_s, true));
        QVERIFY(store->importTickets(tickets, u"helpdesk"_s));
        after = store->counts();
        QVERIFY(after);
        QCOMPARE(after->articles, 42);
        QCOMPARE(after->activeArticles, 40);
        QCOMPARE(after->tickets, 44);
        QCOMPARE(after->answers, 1 + 40); // T-3 and the new ones; T-1 was reopened
    }

    void faultWhileRecordingKeepsEventAndOutboxTogether()
    {
        // Whatever statement fails, an event is either in the log and the outbox, or in neither.
        for (int n = 1; n <= 8; ++n) {
            auto store = newStore();
            store->db().failAfter(n, SQLITE_FULL);
            auto s = store->recordEvent(makeEvent(u"e-1"_s, FeedbackEvent::Kind::Shown, u"T-1"_s,
                                              u"2026-03-02T10:00:00Z"_s));
            store->db().failAfter(0, 0);
            auto c = store->counts();
            QVERIFY(c);
            QCOMPARE(c->events, c->outbox);
            QCOMPARE(c->events, s ? 1 : 0);
            if (!s)
                QCOMPARE(s.error().code, Error::Code::DiskFull);

            store->db().failAfter(n, SQLITE_FULL);
            auto a = store->acknowledge({u"e-1"_s});
            store->db().failAfter(0, 0);
            const QStringList rows = test::rows(store->db(), u"SELECT count(*) FROM outbox WHERE event_id = 'e-1'"_s) +
                                     test::rows(store->db(), u"SELECT count(*) FROM feedback_events WHERE id = 'e-1' "
                                                             "AND synced_at IS NOT NULL"_s);
            if (!s)
                QCOMPARE(rows, (QStringList{u"0"_s, u"0"_s}));
            else if (a)
                QCOMPARE(rows, (QStringList{u"0"_s, u"1"_s}));
            else
                QCOMPARE(rows, (QStringList{u"1"_s, u"0"_s}));
        }
    }

    // A committed send changes the ticket in the same transaction as its event: the reply is appended to the
    // thread, the ticket resolved; once only, and all or nothing.
    void recordReplyResolvesTheTicketOnce()
    {
        auto store = newStore();
        QVERIFY(store->importTickets(history(), u"helpdesk"_s));
        FeedbackEvent sent = makeEvent(u"e-s"_s, FeedbackEvent::Kind::SentEdited, u"T-2"_s, u"2026-03-02T10:30:00Z"_s);
        sent.finalText = u"Hi Ana, I have refunded the second charge."_s;
        sent.edit = EditStats{5, 1, 0.9};
        const QStringList before = test::rows(store->db(), u"SELECT ticket_id, seq, author FROM messages ORDER BY 1, 2"_s);

        // Fault at every step: nothing of it is left behind.
        for (int step = 1;; ++step) {
            store->db().failAfter(step, SQLITE_IOERR);
            auto s = store->recordReply(sent);
            store->db().failAfter(0, 0);
            if (s)
                break;
            QCOMPARE(test::rows(store->db(), u"SELECT ticket_id, seq, author FROM messages ORDER BY 1, 2"_s), before);
            QCOMPARE(test::rows(store->db(), u"SELECT status FROM tickets WHERE id = 'T-2'"_s), QStringList{u"open"_s});
            QCOMPARE(test::rows(store->db(), u"SELECT count(*) FROM feedback_events"_s), QStringList{u"0"_s});
            QVERIFY2(step < 50, "recordReply never succeeded");
        }
        auto t = store->ticket(u"T-2"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->status, u"resolved"_s);
        QCOMPARE((*t)->messages.size(), 2);
        QCOMPARE((*t)->messages.last().author, u"agent"_s);
        QCOMPARE((*t)->messages.last().body, sent.finalText);
        QCOMPARE((*t)->messages.last().at, sent.at);
        auto row = store->queueRow(u"T-2"_s);
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->status, u"resolved"_s);
        QCOMPARE((*row)->lastAuthor, u"agent"_s);
        QCOMPARE((*row)->updatedAt, sent.at);
        auto counts = store->counts();
        QVERIFY(counts);
        QCOMPARE(counts->events, 1);
        QCOMPARE(counts->outbox, 1);
        // The sent reply is now the answer to the ticket's question (the answer bank grows from corrections).
        auto answer = store->answerByKey(u"event:e-s"_s);
        QVERIFY(answer && answer->has_value());
        QCOMPARE((*answer)->reply, sent.finalText);
        QCOMPARE((*answer)->question, store::questionOf(**t));
        QVERIFY(!(*answer)->question.contains(sent.finalText)); // the question is what the customer asked
        QCOMPARE((*answer)->origin, u"correction"_s);
        const qsizetype answersAfter = counts->answers;

        // Idempotent by event id: a second recordReply (a retried commit) changes nothing.
        QVERIFY(store->recordReply(sent));
        t = store->ticket(u"T-2"_s);
        QVERIFY(t && t->has_value());
        QCOMPARE((*t)->messages.size(), 2);
        counts = store->counts();
        QCOMPARE(counts->events, 1);
        QCOMPARE(counts->outbox, 1);
        QCOMPARE(counts->answers, answersAfter);

        // Not a send, no text, or an unknown ticket: refused, nothing written.
        auto s = store->recordReply(makeEvent(u"e-x"_s, FeedbackEvent::Kind::Flagged, u"T-3"_s, u"2026-03-03T09:00:00Z"_s));
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        FeedbackEvent empty = makeEvent(u"e-y"_s, FeedbackEvent::Kind::SentAsIs, u"T-3"_s, u"2026-03-03T09:00:00Z"_s);
        s = store->recordReply(empty);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        FeedbackEvent stray = makeEvent(u"e-z"_s, FeedbackEvent::Kind::SentAsIs, u"T-99"_s, u"2026-03-03T09:00:00Z"_s);
        stray.finalText = u"Hello"_s;
        s = store->recordReply(stray);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        QVERIFY2(s.error().message.contains(u"T-99"_s), qPrintable(s.error().message));
        counts = store->counts();
        QCOMPARE(counts->events, 1);
        QCOMPARE(test::rows(store->db(), u"SELECT status FROM tickets WHERE id = 'T-3'"_s), QStringList{u"closed"_s});
    }

    // The queue query in SQL: search over id, subject and customer (word prefixes, accents folded, odd input
    // harmless), filters and sorts kept current by triggers as tickets, customers, drafts and events change.
    void queueQuery()
    {
        auto store = newStore();
        QVERIFY(store->importTickets(history(), u"helpdesk"_s));
        auto idsOf = [&](const QueueQuery &q) {
            QStringList out;
            auto page = store->queuePage(q, 0, 100);
            if (!page) {
                qWarning("%s", qPrintable(page.error().toString()));
                return QStringList{u"error"_s};
            }
            for (const QueueRow &r : *page)
                out << r.id;
            return out;
        };
        QueueQuery q;
        QCOMPARE(idsOf(q), (QStringList{u"T-2"_s, u"T-1"_s, u"T-3"_s, u"T-4"_s})); // open first, then by age
        q.search = u"invoice"_s;
        QCOMPARE(idsOf(q), QStringList{u"T-3"_s});
        q.search = u"bo CHE"_s;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-4"_s}));
        q.search = u"t-4"_s;
        QCOMPARE(idsOf(q), QStringList{u"T-4"_s});
        for (const QString &odd : {u"\""_s, u"- * ("_s, u"NEAR(a b)"_s, u"AND OR"_s, u"a\"b"_s}) {
            q.search = odd;
            auto page = store->queuePage(q, 0, 10);
            QVERIFY2(page, qPrintable(odd + u": "_s + (page ? QString() : page.error().toString())));
            QVERIFY(store->queueSize(q));
        }
        // A renamed customer is found by the new name (accents folded), no longer by the old one.
        Ticket renamed = history()[2];
        renamed.customer.name = u"Bó Zoë"_s;
        QVERIFY(store->importTickets({renamed}, u"helpdesk"_s));
        q.search = u"zoe"_s;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-4"_s}));
        q.search = u"chen"_s;
        QCOMPARE(idsOf(q), QStringList{});
        q.search.clear();

        q.status = QueueQuery::Status::Resolved;
        auto resolved = store->queueSize(q);
        QVERIFY(resolved);
        QCOMPARE(*resolved, qint64(2));
        q.status = QueueQuery::Status::All;
        q.tier = u"free"_s;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-4"_s}));
        q.tier.clear();

        // Drafts (the latest counts) and an agent's escalation feed the filters and sorts.
        Draft d;
        d.id = u"d-a"_s;
        d.ticketId = u"T-4"_s;
        d.text = u"x"_s;
        d.confidence = 0.3;
        d.lowConfidence = true;
        d.createdAt = at(u"2026-03-05T08:00:00Z"_s);
        QVERIFY(store->saveDraft(d));
        q.lowConfidenceOnly = true;
        QCOMPARE(idsOf(q), QStringList{u"T-4"_s});
        d.id = u"d-b"_s;
        d.confidence = 0.9;
        d.lowConfidence = false;
        d.escalation.escalate = true;
        d.createdAt = at(u"2026-03-05T09:00:00Z"_s);
        QVERIFY(store->saveDraft(d));
        QCOMPARE(idsOf(q), QStringList{});
        q.lowConfidenceOnly = false;
        q.escalatedOnly = true;
        QCOMPARE(idsOf(q), QStringList{u"T-4"_s});
        QVERIFY(store->recordEvent(makeEvent(u"e-esc"_s, FeedbackEvent::Kind::Escalated, u"T-1"_s, u"2026-03-05T10:00:00Z"_s)));
        QCOMPARE(idsOf(q), (QStringList{u"T-1"_s, u"T-4"_s}));
        auto row = store->queueRow(u"T-1"_s);
        QVERIFY(row && row->has_value() && (*row)->escalatedByAgent && !(*row)->hasDraft);
        q.escalatedOnly = false;

        q.sort = QueueQuery::Sort::Confidence;
        q.descending = true;
        QCOMPARE(idsOf(q).first(), u"T-4"_s);
        q.sort = QueueQuery::Sort::Customer;
        q.descending = false;
        QCOMPARE(idsOf(q), (QStringList{u"T-1"_s, u"T-2"_s, u"T-3"_s, u"T-4"_s})); // Ana Lima < Bó Zoë
        q.sort = QueueQuery::Sort::Subject;
        QCOMPARE(idsOf(q), (QStringList{u"T-1"_s, u"T-2"_s, u"T-4"_s, u"T-3"_s}));
        q.sort = QueueQuery::Sort::Status;
        q.descending = true;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-1"_s, u"T-4"_s, u"T-2"_s}));

        // The orders walked over ticket_queue's copies (v10) follow a customer renamed or re-tiered after import.
        q.descending = false;
        q.sort = QueueQuery::Sort::Tier;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-4"_s, u"T-1"_s, u"T-2"_s})); // free first
        QVERIFY(store->db().exec(u"UPDATE customers SET name = 'Zé', tier = 'free' WHERE name = 'Ana Lima'"_s));
        QCOMPARE(idsOf(q), (QStringList{u"T-1"_s, u"T-2"_s, u"T-3"_s, u"T-4"_s})); // all free: oldest first
        q.sort = QueueQuery::Sort::Customer;
        QCOMPARE(idsOf(q), (QStringList{u"T-3"_s, u"T-4"_s, u"T-1"_s, u"T-2"_s})); // Bó Zoë < Zé
        q.descending = true;
        QCOMPARE(idsOf(q), (QStringList{u"T-1"_s, u"T-2"_s, u"T-3"_s, u"T-4"_s})); // ties stay oldest first
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"

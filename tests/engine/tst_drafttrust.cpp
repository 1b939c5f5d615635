// SPDX-License-Identifier: GPL-3.0-or-later
// Drafts an agent can trust (#15): across every demo ticket, no draft holds another customer's personal data, and
// no unit claims an action that only a placeholder or the ticket itself backs.
#include "ClaimCheck.h"
#include "DemoData.h"
#include "Engine.h"
#include "Importers.h"
#include "Store.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;
using namespace understudy::engine;

class TestDraftTrust : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<Engine> m_engine;
    QList<Ticket> m_tickets;

    /// A resolved ticket as it was when it arrived: the conversation up to its first customer message.
    static Ticket asNew(const Ticket &t)
    {
        Ticket n = t;
        n.messages.clear();
        for (const Message &m : t.messages) {
            n.messages << m;
            if (m.author != "agent"_L1)
                break;
        }
        n.status = u"open"_s;
        return n;
    }

    /// The full and first names of every demo customer but @p self (a namesake shares the name: it is theirs too).
    QStringList otherCustomersNames(const Customer &self) const
    {
        const QStringList own = (self.name + u' ' + self.firstName()).split(u' ', Qt::SkipEmptyParts);
        QSet<QString> names;
        for (const Ticket &t : m_tickets) {
            const Customer &c = t.customer;
            if (c.id == self.id || c.name.isEmpty())
                continue;
            if (!own.contains(c.name))
                names.insert(c.name);
            if (!own.contains(c.firstName()))
                names.insert(c.firstName());
        }
        QStringList out(names.cbegin(), names.cend());
        out.sort();
        return out;
    }

private Q_SLOTS:
    /// The check is not vacuous: the demo's own replies, put before another customer, do leak.
    void rawRepliesWouldLeak()
    {
        int replies = 0, leaking = 0;
        for (qsizetype i = 0; i + 1 < m_tickets.size(); ++i) {
            const QString reply = m_tickets[i].lastAgentReply();
            const Ticket &other = m_tickets[i + 1];
            if (reply.isEmpty() || other.customer.id == m_tickets[i].customer.id)
                continue;
            ++replies;
            leaking +=
                !ClaimCheck::foreignPersonalData(reply, TicketFacts::of(other), otherCustomersNames(other.customer))
                     .isEmpty();
        }
        qInfo("%d of %d demo replies would leak another customer's data if sent to the next ticket's customer", leaking,
              replies);
        QVERIFY(leaking * 2 > replies);
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto store = store::Store::open(m_dir.filePath(u"demo.db"_s));
        QVERIFY(store.ok());
        m_store = std::move(*store);
        auto report = demo::importDemoData(*m_store);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        auto tickets = connectors::readTickets(test::demoDir() + u"/tickets.jsonl"_s, {});
        QVERIFY(tickets.ok());
        m_tickets = *tickets;
        QVERIFY(m_tickets.size() >= 300);
        m_engine = std::make_unique<Engine>(EngineConfig{}, EscalationRules::defaults());
        QVERIFY(m_engine->load(*m_store).ok());
    }

    void everyDemoDraftIsTrustworthy()
    {
        QStringList personal, actions;
        int drafts = 0, resolved = 0, units = 0, actionUnits = 0, placeholderUnits = 0, pastReplyUnits = 0;
        for (const Ticket &original : std::as_const(m_tickets)) {
            const bool wasResolved = original.isResolved() || original.status == "closed"_L1;
            const Ticket ticket = wasResolved ? asNew(original) : original;
            resolved += wasResolved;
            auto d = m_engine->draft(ticket, *m_store);
            QVERIFY2(d.ok(), qPrintable(ticket.id));
            ++drafts;
            const QStringList foreign =
                ClaimCheck::foreignPersonalData(d->text, TicketFacts::of(ticket), otherCustomersNames(ticket.customer));
            if (!foreign.isEmpty())
                personal << u"%1: %2"_s.arg(ticket.id, foreign.join(u" | "_s));
            for (const DraftSentence &s : std::as_const(d->sentences)) {
                ++units;
                actionUnits += s.claim == DraftSentence::Claim::Action;
                placeholderUnits += s.support == DraftSentence::Support::Placeholder;
                pastReplyUnits += s.source.startsWith(u"answer:"_s);
                if (s.claim == DraftSentence::Claim::Action && s.support != DraftSentence::Support::Placeholder &&
                    s.support != DraftSentence::Support::Ticket)
                    actions << u"%1 [%2 %3]: %4"_s.arg(ticket.id, s.source, DraftSentence::supportName(s.support),
                                                       s.text);
            }
        }
        qInfo("%d demo drafts (%d resolved tickets drafted as new): %lld with another customer's personal data, "
              "%lld action claims not backed by a placeholder or the ticket",
              drafts, resolved, qint64(personal.size()), qint64(actions.size()));
        qInfo("%d units: %d from past replies, %d with placeholders, %d action claims", units, pastReplyUnits,
              placeholderUnits, actionUnits);
        QVERIFY(units > drafts); // drafts are made of units with provenance
        QVERIFY2(personal.isEmpty(), qPrintable(u"\n"_s + personal.join(u'\n')));
        QVERIFY2(actions.isEmpty(), qPrintable(u"\n"_s + actions.join(u'\n')));
    }

    /// The adversarial set end to end: every past reply of tests/engine/data/adversarial_replies.jsonl answered
    /// another customer (their name, e-mail, phone, card tail, invoice number, actions taken for them). Dana asks
    /// the same question in words without those details: her draft reuses the reply, and still holds none of the
    /// other customer's data and no action claim outside a placeholder.
    void adversarialRepliesReusedForAnotherCustomer()
    {
        QFile file(test::sourceDir() + u"/tests/engine/data/adversarial_replies.jsonl"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        // The question: the reply's words without anything that could be someone's detail (the values the set
        // lists as foreign, numbers, addresses, quoted or capitalised words), so that Dana's ticket backs none.
        static const QRegularExpression detail(u"[0-9@+€$£\"'“”«»]"_s);
        auto question = [](QString unit, const QJsonArray &foreign) {
            for (const QJsonValue &v : foreign)
                unit.remove(v.toString(), Qt::CaseInsensitive);
            QStringList words;
            for (const QString &w : unit.split(u' ', Qt::SkipEmptyParts))
                if (!w.contains(detail) && !w.front().isUpper())
                    words << w;
            return words.join(u' ');
        };
        QList<Ticket> past;
        QList<QJsonObject> lines;
        QSet<QString> names;
        while (!file.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
            if (o.isEmpty())
                continue;
            const QJsonObject sc = o.value("source_customer"_L1).toObject();
            Ticket t;
            t.id = u"P-"_s + o.value("id"_L1).toString();
            t.customer = Customer{sc.value("id"_L1).toString(), sc.value("name"_L1).toString(),
                                  sc.value("email"_L1).toString(), u"pro"_s};
            t.status = u"resolved"_s;
            t.createdAt = QDateTime::currentDateTimeUtc();
            const QString unit = o.value("unit"_L1).toString();
            t.messages << Message{u"customer"_s, question(unit, o.value("foreign"_L1).toArray()), t.createdAt}
                       << Message{u"agent"_s, u"Hi %1,\n\n%2\n\nBest,\nSam"_s.arg(t.customer.firstName(), unit),
                                  t.createdAt};
            if (!t.customer.name.isEmpty())
                names << t.customer.name << t.customer.firstName();
            past << t;
            lines << o;
        }
        QVERIFY(lines.size() >= 40);
        QTemporaryDir dir;
        auto store = store::Store::open(dir.filePath(u"adversarial.db"_s));
        QVERIFY(store.ok());
        QVERIFY((*store)->importTickets(past, u"adversarial"_s).ok());
        Engine engine(EngineConfig{}, EscalationRules::defaults());
        QVERIFY(engine.load(**store).ok());

        const Customer dana{u"C-100"_s, u"Dana Fox"_s, u"dana@fox.example"_s, u"pro"_s};
        const QStringList otherNames(names.cbegin(), names.cend());
        QStringList failures;
        int reused = 0;
        for (qsizetype i = 0; i < past.size(); ++i) {
            Ticket t;
            t.id = u"T-"_s + past[i].id;
            t.customer = dana;
            t.status = u"open"_s;
            t.messages << Message{u"customer"_s, past[i].messages.first().body, QDateTime::currentDateTimeUtc()};
            auto d = engine.draft(t, **store);
            QVERIFY2(d.ok(), qPrintable(t.id));
            bool fromPast = false;
            for (const DraftSentence &s : std::as_const(d->sentences)) {
                fromPast = fromPast || s.source.startsWith(u"answer:"_s);
                if (s.claim == DraftSentence::Claim::Action && s.support != DraftSentence::Support::Placeholder &&
                    s.support != DraftSentence::Support::Ticket)
                    failures << u"%1: action claim %2"_s.arg(t.id, s.text);
            }
            reused += fromPast;
            const QStringList foreign = ClaimCheck::foreignPersonalData(d->text, TicketFacts::of(t), otherNames);
            if (!foreign.isEmpty())
                failures << u"%1: %2"_s.arg(t.id, foreign.join(u" | "_s));
            for (const QJsonValue &v : lines[i].value("foreign"_L1).toArray())
                if (d->text.contains(v.toString(), Qt::CaseInsensitive))
                    failures << u"%1: leaks %2"_s.arg(t.id, v.toString());
        }
        qInfo("adversarial set end to end: %lld drafts, %d reuse a past reply", qint64(past.size()), reused);
        QVERIFY(reused * 3 > past.size()); // not vacuous: the replies are reused
        QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestDraftTrust)
#include "tst_drafttrust.moc"

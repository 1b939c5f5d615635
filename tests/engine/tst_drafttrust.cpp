// SPDX-License-Identifier: GPL-3.0-or-later
// Drafts an agent can trust (#15): across every demo ticket, no draft holds another customer's personal data, and
// no unit claims an action that only a placeholder or the ticket itself backs.
#include "ClaimCheck.h"
#include "DemoData.h"
#include "Engine.h"
#include "Importers.h"
#include "Store.h"
#include "TestSupport.h"

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
};

QTEST_GUILESS_MAIN(TestDraftTrust)
#include "tst_drafttrust.moc"

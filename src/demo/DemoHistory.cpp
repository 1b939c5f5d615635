// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoHistory.h"

#include "Engine.h"

#include <understudy/Clock.h>

#include <QUuid>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace understudy::demo {

namespace {

using Kind = FeedbackEvent::Kind;

/// SplitMix64: the same numbers with every compiler and standard library, which <random>'s distributions do not
/// promise.
class Rng {
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    qsizetype below(qsizetype n) { return n <= 1 ? 0 : qsizetype(next() % quint64(n)); }
    bool chance(double p) { return uniform() < p; }

private:
    quint64 m_state;
};

/// One agent's habits, written for the demo (not measured from anyone): a spread that makes the per-agent table
/// worth reading.
struct Habits {
    const char16_t *name;
    double asIs;      ///< of the right drafts, the share sent without an edit (the rest: a light edit)
    double flags;     ///< of the wrong drafts, the share flagged
    double escalates; ///< of the wrong drafts, the share escalated
    int perDay;       ///< drafts on a working day, at most
};
constexpr std::array<Habits, 5> kTeam{{
    {u"demo", 0.55, 0.15, 0.10, 5},
    {u"jordan", 0.75, 0.10, 0.05, 6},
    {u"priya", 0.30, 0.25, 0.05, 5},
    {u"mateo", 0.45, 0.05, 0.30, 4},
    {u"lena", 0.60, 0.20, 0.15, 4},
}};

/// Of the wrong drafts with a source, the share the agent rewrote and sent (the rest, past flags and escalations,
/// is rejected).
constexpr double kRewrites = 0.25;
/// Drafts regenerated once before the agent acted.
constexpr double kRegenerates = 0.06;
/// Flags older than two days the lead has resolved.
constexpr double kResolved = 0.7;
/// Extra drafts of the spiking topic in the last week (the spike rule wants at least 5 and twice the usual).
constexpr int kSpikeDrafts = 9;

/// A resolved ticket, the article its reply linked (null: none), and what a draft may wrongly lead with: a
/// deprecated article on the same subject, or the past reply to another ticket about something else, with the
/// text such a draft reads (never a customer's detail).
struct Case {
    const Ticket *ticket;
    const Article *right;
    Source wrong;
    bool stale = false;
    QString wrongText;
};

const Article *linkedArticle(const Ticket &t, const QList<Article> &articles)
{
    const QString reply = t.lastAgentReply();
    for (const Article &a : articles)
        if (!a.url.isEmpty() && reply.contains(a.url))
            return &a;
    return nullptr;
}

Source sourceOf(const Article &a)
{
    Source s;
    s.kind = u"article"_s;
    s.id = a.id;
    s.title = a.title;
    s.url = a.url;
    return s;
}

/// What a draft led by @p a reads like: the article's opening paragraph in a plain greeting, no customer detail.
QString draftText(const Article &a)
{
    const QString opening = a.body.section(u"\n\n"_s, 0, 0, QString::SectionSkipEmpty).left(400).trimmed();
    return u"Hello,\n\n%1\n\nMore in \"%2\": %3\n\nBest regards,\nThe Support team"_s.arg(opening, a.title, a.url);
}

/// A deprecated article sharing a tag with @p right (stale pages are what agents complain about), half the time
/// when there is one; else null.
const Article *staleNeighbour(const Article &right, const QList<Article> &articles, Rng &rng)
{
    QList<const Article *> stale;
    for (const Article &a : articles)
        if (a.id != right.id && a.status == u"deprecated"_s &&
            std::any_of(a.tags.cbegin(), a.tags.cend(), [&](const QString &t) { return right.tags.contains(t); }))
            stale << &a;
    return !stale.isEmpty() && rng.chance(0.5) ? stale[rng.below(stale.size())] : nullptr;
}

/// The past reply to a ticket of another topic: what lexical retrieval most often puts first by mistake.
/// Penalising it in the learned state touches that one reply, never an article other tickets need.
void pastReplyOf(Case &c, const QList<const Ticket *> &answered, Rng &rng)
{
    const Ticket *other = answered[rng.below(answered.size())];
    for (int tries = 0; tries < 8 && other->intent == c.ticket->intent; ++tries)
        other = answered[rng.below(answered.size())];
    c.wrong.kind = u"answer"_s;
    c.wrong.id = u"ticket:"_s + other->id;
    c.wrong.title = other->subject;
    c.wrongText = u"Hello,\n\nThis looks like the question \"%1\" we answered before; the same steps should help."
                  "\n\nBest regards,\nThe Support team"_s.arg(other->subject);
}

QList<Case> casesOf(const QList<Ticket> &tickets, const QList<Article> &articles, Rng &rng)
{
    QList<const Ticket *> answered;
    for (const Ticket &t : tickets)
        if (t.isResolved() && !t.lastAgentReply().isEmpty())
            answered << &t;
    QList<Case> out;
    for (const Ticket *t : std::as_const(answered)) {
        Case c{t, linkedArticle(*t, articles), {}, false, {}};
        if (const Article *stale = c.right ? staleNeighbour(*c.right, articles, rng) : nullptr) {
            c.wrong = sourceOf(*stale);
            c.stale = true;
            c.wrongText = draftText(*stale);
        } else if (c.right) {
            pastReplyOf(c, answered, rng);
        }
        out << c;
    }
    return out;
}

class Generator {
public:
    Generator(const QList<Ticket> &tickets, const QList<Article> &articles, const HistoryOptions &options)
        : m_options(options), m_rng(options.seed), m_cases(casesOf(tickets, articles, m_rng))
    {
        const QDate last = options.end.toUTC().date();
        m_start = QDateTime(last.addDays(-7 * options.weeks), QTime(0, 0), Qt::UTC);
    }

    QList<FeedbackEvent> run()
    {
        if (m_cases.isEmpty() || !m_options.end.isValid())
            return {};
        for (int day = 0; day < 7 * m_options.weeks + 1; ++day)
            workDay(m_start.addDays(day));
        spike();
        std::stable_sort(m_events.begin(), m_events.end(),
                         [](const FeedbackEvent &a, const FeedbackEvent &b) { return a.at < b.at; });
        return m_events;
    }

private:
    struct Draft {
        QString id;
        const Case *c;
        QList<Source> sources;
        double confidence;
        bool right;
    };

    QString newId()
    {
        static const QUuid ns = QUuid::fromString(u"{0c9d5b7e-4a61-4f0e-8d2b-7f3e9a1c5d42}"_s);
        return QUuid::createUuidV5(ns, u"%1:%2"_s.arg(m_options.seed).arg(m_ids++)).toString(QUuid::WithoutBraces);
    }

    int weekOf(const QDateTime &at) const { return int(m_start.daysTo(at) / 7); }

    void workDay(const QDateTime &day)
    {
        if (day.date().dayOfWeek() > 5)
            return;
        for (const Habits &h : kTeam) {
            const qsizetype drafts = 1 + m_rng.below(h.perDay);
            for (qsizetype i = 0; i < drafts; ++i) {
                const QDateTime at = day.addSecs(8 * 3600 + qint64(m_rng.between(0, 9 * 3600)));
                episode(h, m_cases[m_rng.below(m_cases.size())], at);
            }
        }
    }

    /// A burst of one topic in the days before the end, inside the week holding it.
    void spike()
    {
        const Case &pick = m_cases[m_rng.below(m_cases.size())];
        QList<const Case *> same;
        for (const Case &c : std::as_const(m_cases))
            if (c.ticket->intent == pick.ticket->intent && c.right)
                same << &c;
        if (same.isEmpty())
            return;
        const QDateTime end = m_options.end.toUTC();
        const QDateTime monday(end.date().addDays(1 - end.date().dayOfWeek()), QTime(0, 0), Qt::UTC);
        const qint64 span = std::max<qint64>(60, std::min(monday.secsTo(end), qint64(3 * 86400)));
        for (int i = 0; i < kSpikeDrafts; ++i)
            episode(kTeam[size_t(m_rng.below(kTeam.size()))], *same[m_rng.below(same.size())],
                    end.addSecs(-span + qint64(m_rng.between(0, double(span - 30)))));
    }

    Draft draftFor(const Case &c, const QDateTime &at)
    {
        Draft d{newId(), &c, {}, m_rng.between(0.05, 0.3), false};
        if (!c.right)
            return d; // no article answers it: a holding draft with no source
        // Drafts get better week by week: the raw confidence moves up, and the first source is right with it.
        d.confidence = std::clamp(0.22 + 0.06 * weekOf(at) + m_rng.between(0, 0.55), 0.03, 0.97);
        d.right = rightByConfidence(d.confidence);
        d.sources << (d.right ? sourceOf(*c.right) : c.wrong) << (d.right ? c.wrong : sourceOf(*c.right));
        d.sources[0].score = m_rng.between(8, 20);
        d.sources[1].score = m_rng.between(4, 8);
        return d;
    }

    /// Right with probability @p confidence, without a draw's noise: per band of confidence, the rights accumulate
    /// as the confidences do (error diffusion), so every band's share of right drafts is its mean confidence and
    /// the calibration the engine learns from the history is close to the identity instead of noisy steps.
    bool rightByConfidence(double confidence)
    {
        double &carry = m_carry[size_t(std::clamp(int(confidence * double(kBands)), 0, kBands - 1))];
        carry += confidence;
        if (carry < 1)
            return false;
        carry -= 1;
        return true;
    }

    FeedbackEvent event(Kind kind, const Habits &h, const Draft &d, const QDateTime &at)
    {
        FeedbackEvent e;
        e.id = newId();
        e.kind = kind;
        e.agent = QString::fromUtf16(h.name);
        e.ticketId = d.c->ticket->id;
        e.draftId = d.id;
        e.at = at;
        e.confidence = d.confidence;
        e.rawConfidence = d.confidence;
        e.sources = d.sources;
        e.engine = m_options.engine;
        e.intent = d.c->ticket->intent;
        return e;
    }

    void episode(const Habits &h, const Case &c, QDateTime at)
    {
        if (at >= m_options.end)
            return;
        Draft d = draftFor(c, at);
        m_events << event(Kind::Shown, h, d, at);
        if (m_rng.chance(kRegenerates)) {
            at = at.addSecs(qint64(m_rng.between(15, 60)));
            m_events << event(Kind::Regenerated, h, d, at);
            d.id = newId();
            m_events << event(Kind::Shown, h, d, at.addSecs(2));
        }
        at = at.addSecs(qint64(m_rng.between(25, 900)));
        if (at < m_options.end)
            outcome(h, d, at);
    }

    void outcome(const Habits &h, const Draft &d, const QDateTime &at)
    {
        if (d.right) {
            if (m_rng.chance(h.asIs))
                m_events << event(Kind::SentAsIs, h, d, at);
            else
                m_events << edited(event(Kind::SentEdited, h, d, at), m_rng.between(0.8, 0.99));
            return;
        }
        const double roll = m_rng.uniform();
        const double escalates = d.sources.isEmpty() ? 0.45 : h.escalates;
        const double flags = d.sources.isEmpty() ? 0 : h.flags;
        if (roll < escalates)
            m_events << event(Kind::Escalated, h, d, at);
        else if (roll < escalates + flags)
            flag(h, d, at);
        else if (roll < escalates + flags + kRewrites)
            m_events << edited(event(Kind::SentEdited, h, d, at), m_rng.between(0.05, 0.6));
        else
            m_events << rejected(d, event(Kind::Rejected, h, d, at));
    }

    FeedbackEvent edited(FeedbackEvent e, double kept)
    {
        const int chars = int((1 - kept) * m_rng.between(300, 900));
        e.edit = EditStats{chars, std::max(1, chars / 6), kept};
        return e;
    }

    /// A reject of a wrong draft (led by the case's wrong source, or by none), with a reason.
    FeedbackEvent rejected(const Draft &d, FeedbackEvent e)
    {
        static const std::array<const char16_t *, 4> reasons{u"wrong_answer", u"wrong_answer", u"missing_information",
                                                             u"wrong_tone"};
        if (e.sources.isEmpty())
            e.reason = u"missing_information"_s;
        else if (d.c->stale)
            e.reason = u"outdated_information"_s;
        else
            e.reason = QString::fromUtf16(reasons[size_t(m_rng.below(reasons.size()))]);
        return e;
    }

    void flag(const Habits &h, const Draft &d, const QDateTime &at)
    {
        FeedbackEvent f = event(Kind::Flagged, h, d, at);
        const bool deprecated = d.c->stale;
        f.reason = deprecated ? u"outdated_information"_s : m_rng.chance(0.7) ? u"wrong_answer"_s : QString();
        f.finalText = d.c->wrongText;
        m_events << f;
        const QDateTime resolvedAt = at.addSecs(qint64(m_rng.between(0.5, 3) * 86400));
        if (resolvedAt < m_options.end && m_rng.chance(kResolved))
            m_events << resolution(f, deprecated, resolvedAt);
    }

    FeedbackEvent resolution(const FeedbackEvent &flag, bool deprecated, const QDateTime &at)
    {
        FeedbackEvent r = flag;
        r.id = newId(); // drawn either way, so every other id is the same with or without resolutionId
        if (m_options.resolutionId)
            r.id = m_options.resolutionId(flag.id);
        r.kind = Kind::FlagResolved;
        r.agent = m_options.lead;
        r.draftId = flag.id;
        r.at = at;
        r.rawConfidence.reset();
        r.intent.clear();
        const bool retrieval = !deprecated && m_rng.chance(0.65);
        r.reason = deprecated ? u"fixed_article"_s : retrieval ? u"bad_retrieval"_s : u"agent_error"_s;
        r.finalText = deprecated  ? u"Retired the old page; drafts now cite the current article."_s
                      : retrieval ? u"The right article exists; the draft led with another."_s
                                  : u"The draft was fine; went through it with the agent."_s;
        return r;
    }

    HistoryOptions m_options;
    Rng m_rng;
    QList<Case> m_cases;
    QDateTime m_start;
    static constexpr int kBands = 20; ///< the bands of LearnedState's calibration
    std::array<double, kBands> m_carry{};
    QList<FeedbackEvent> m_events;
    quint64 m_ids = 0;
};

} // namespace

HistoryOptions recentHistory()
{
    HistoryOptions options;
    options.end = Clock::now();
    options.engine = QString::fromLatin1(engine::Engine::kVersion);
    return options;
}

QStringList historyAgents()
{
    QStringList out;
    for (const Habits &h : kTeam)
        out << QString::fromUtf16(h.name);
    return out;
}

QList<FeedbackEvent> makeHistory(const QList<Ticket> &tickets, const QList<Article> &articles,
                                 const HistoryOptions &options)
{
    return Generator(tickets, articles, options).run();
}

} // namespace understudy::demo

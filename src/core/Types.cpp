// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Types.h>

#include <QRegularExpression>

namespace understudy {

QString Customer::firstName() const
{
    const QString n = name.trimmed();
    const qsizetype space = n.indexOf(QLatin1Char(' '));
    return space < 0 ? n : n.left(space);
}

QString Ticket::latestCustomerText() const
{
    qsizetype start = messages.size();
    while (start > 0 && messages[start - 1].author != QLatin1String("agent"))
        --start;
    QStringList parts;
    for (qsizetype i = start; i < messages.size(); ++i)
        parts << messages[i].body;
    return parts.join(QLatin1String("\n\n"));
}

QString Ticket::lastAgentReply() const
{
    if (!messages.isEmpty() && messages.last().author == QLatin1String("agent"))
        return messages.last().body;
    return {};
}

bool Ticket::isResolved() const
{
    return status == QLatin1String("resolved") || status == QLatin1String("closed");
}

namespace {
struct KindName {
    FeedbackEvent::Kind kind;
    const char16_t *name;
};
constexpr KindName kKindNames[] = {
    {FeedbackEvent::Kind::Shown, u"shown"},
    {FeedbackEvent::Kind::SentAsIs, u"sent_as_is"},
    {FeedbackEvent::Kind::SentEdited, u"sent_edited"},
    {FeedbackEvent::Kind::Rejected, u"rejected"},
    {FeedbackEvent::Kind::Flagged, u"flagged"},
    {FeedbackEvent::Kind::Regenerated, u"regenerated"},
    {FeedbackEvent::Kind::Escalated, u"escalated"},
    {FeedbackEvent::Kind::FlagResolved, u"flag_resolved"},
};
} // namespace

QString FeedbackEvent::reasonCode() const
{
    return reason.section(u':', 0, 0).trimmed();
}

QString FeedbackEvent::kindName(Kind kind)
{
    for (const auto &k : kKindNames)
        if (k.kind == kind)
            return QString::fromUtf16(k.name);
    return {};
}

std::optional<FeedbackEvent::Kind> FeedbackEvent::kindFromName(QStringView name)
{
    for (const auto &k : kKindNames)
        if (name == QStringView(k.name))
            return k.kind;
    return std::nullopt;
}

namespace {
// One table per enum: the name on the wire for each value.
template <typename E> struct Named {
    E value;
    const char16_t *name;
};
template <typename E, size_t N> QString nameOf(const Named<E> (&table)[N], E value)
{
    for (const auto &n : table)
        if (n.value == value)
            return QString::fromUtf16(n.name);
    return {};
}
template <typename E, size_t N> std::optional<E> valueOf(const Named<E> (&table)[N], QStringView name)
{
    for (const auto &n : table)
        if (name == QStringView(n.name))
            return n.value;
    return std::nullopt;
}
constexpr Named<DraftSentence::Support> kSupportNames[] = {
    {DraftSentence::Support::Kb, u"kb"},
    {DraftSentence::Support::Ticket, u"ticket"},
    {DraftSentence::Support::Voice, u"voice"},
    {DraftSentence::Support::Placeholder, u"placeholder"},
    {DraftSentence::Support::Unsupported, u"unsupported"},
};
constexpr Named<DraftSentence::Claim> kClaimNames[] = {
    {DraftSentence::Claim::None, u"none"},
    {DraftSentence::Claim::Action, u"action"},
    {DraftSentence::Claim::Fact, u"fact"},
};
constexpr Named<Draft::Mode> kModeNames[] = {
    {Draft::Mode::Answer, u"answer"},
    {Draft::Mode::Handoff, u"handoff"},
    {Draft::Mode::Holding, u"holding"},
};
} // namespace

QString DraftSentence::supportName(Support s)
{
    return nameOf(kSupportNames, s);
}

std::optional<DraftSentence::Support> DraftSentence::supportFromName(QStringView name)
{
    return valueOf(kSupportNames, name);
}

QString DraftSentence::claimName(Claim c)
{
    return nameOf(kClaimNames, c);
}

std::optional<DraftSentence::Claim> DraftSentence::claimFromName(QStringView name)
{
    return valueOf(kClaimNames, name);
}

QString Draft::modeName(Mode m)
{
    return nameOf(kModeNames, m);
}

std::optional<Draft::Mode> Draft::modeFromName(QStringView name)
{
    return valueOf(kModeNames, name);
}

QString Draft::body() const
{
    QStringList parts;
    for (const DraftSentence &s : sentences)
        if (s.support != DraftSentence::Support::Voice)
            parts << s.text;
    return parts.join(QLatin1Char(' '));
}

QStringList Draft::placeholders(const QString &text)
{
    // "[refund amount]": lower-case words in square brackets, not a Markdown link's "[text](url)".
    static const QRegularExpression re(QStringLiteral("\\[([a-z][a-z0-9 /'-]{1,40})\\](?!\\()"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace understudy

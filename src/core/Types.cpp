// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/Types.h>

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

} // namespace understudy

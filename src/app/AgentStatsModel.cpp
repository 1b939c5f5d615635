// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentStatsModel.h"

#include "StatsJson.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QLocale>

#include <set>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {

using namespace statsjson;

/// Numbers for the CSV: no locale, no trailing noise.
QString number(double v, int decimals)
{
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(u'.')) {
        while (s.endsWith(u'0'))
            s.chop(1);
        if (s.endsWith(u'.'))
            s.chop(1);
    }
    return s;
}

QString optionalCsv(std::optional<double> v, int decimals, double scale = 1)
{
    return v ? number(*v * scale, decimals) : QString();
}

} // namespace

std::optional<double> AgentStatsRow::share(qint64 n) const
{
    const qint64 acted = actedOn();
    return acted > 0 ? std::optional<double>(double(n) / double(acted)) : std::nullopt;
}

AgentStatsRow AgentStatsRow::fromJson(const QJsonObject &o)
{
    AgentStatsRow r;
    r.agent = o.value(u"agent"_s).toString();
    r.team = o.value(u"team"_s).toString();
    r.shown = count(o, u"shown"_s);
    r.sentAsIs = count(o, u"sent_as_is"_s);
    r.sentEdited = count(o, u"sent_edited"_s);
    r.rejected = count(o, u"rejected"_s);
    r.flagged = count(o, u"flagged"_s);
    r.regenerated = count(o, u"regenerated"_s);
    r.escalated = count(o, u"escalated"_s);
    r.acceptance = o.value(u"acceptance"_s).toDouble();
    const QJsonObject reasons = o.value(u"rejected_by_reason"_s).toObject();
    for (auto it = reasons.begin(); it != reasons.end(); ++it)
        r.rejectedByReason.insert(it.key(), qint64(it.value().toDouble()));
    r.meanConfidence = optionalNumber(o, u"mean_confidence"_s);
    r.medianKept = optionalNumber(o, u"median_kept"_s);
    r.medianOpenToSendS = optionalNumber(o, u"median_open_to_send_s"_s);
    return r;
}

TrendWeek TrendWeek::fromJson(const QJsonObject &o)
{
    TrendWeek w;
    w.week = QDate::fromString(o.value(u"week"_s).toString(), Qt::ISODate);
    w.shown = count(o, u"shown"_s);
    w.sentAsIs = count(o, u"sent_as_is"_s);
    w.sentEdited = count(o, u"sent_edited"_s);
    w.rejected = count(o, u"rejected"_s);
    w.flagged = count(o, u"flagged"_s);
    w.escalated = count(o, u"escalated"_s);
    w.acceptance = o.value(u"acceptance"_s).toDouble();
    w.meanKept = optionalNumber(o, u"mean_kept"_s);
    w.engines = strings(o.value(u"engines"_s));
    return w;
}

std::optional<double> CalibrationBin::observed() const
{
    return drafts > 0 ? std::optional<double>(double(accepted) / double(drafts)) : std::nullopt;
}

CalibrationBin CalibrationBin::fromJson(const QJsonObject &o)
{
    CalibrationBin b;
    b.lo = o.value(u"lo"_s).toDouble();
    b.hi = o.value(u"hi"_s).toDouble();
    b.drafts = count(o, u"drafts"_s);
    b.accepted = count(o, u"accepted"_s);
    b.meanConfidence = optionalNumber(o, u"mean_confidence"_s);
    return b;
}

FlagItem FlagItem::fromJson(const QJsonObject &o)
{
    FlagItem f;
    f.id = o.value(u"id"_s).toString();
    f.agent = o.value(u"agent"_s).toString();
    f.ticketId = o.value(u"ticket_id"_s).toString();
    f.at = json::parseTime(o.value(u"at"_s).toString());
    f.reason = o.value(u"reason"_s).toString();
    f.confidence = o.value(u"confidence"_s).toDouble();
    f.draft = o.value(u"draft"_s).toString();
    for (const QJsonValue &v : o.value(u"sources"_s).toArray()) {
        const QJsonObject s = v.toObject();
        QString text = s.value(u"kind"_s).toString() + u':' + s.value(u"id"_s).toString();
        if (const QString title = s.value(u"title"_s).toString(); !title.isEmpty())
            text += u" — "_s + title;
        f.sources << text;
        f.sourceItems << FlagItem::Source{s.value(u"kind"_s).toString(), s.value(u"id"_s).toString(),
                                          s.value(u"title"_s).toString()};
    }
    const QJsonObject res = o.value(u"resolution"_s).toObject();
    f.resolution = res.value(u"resolution"_s).toString();
    f.note = res.value(u"note"_s).toString();
    f.resolvedBy = res.value(u"by"_s).toString();
    return f;
}

AgentStatsModel::AgentStatsModel(QObject *parent) : QAbstractTableModel(parent) {}

void AgentStatsModel::setRows(const QList<AgentStatsRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int AgentStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AgentStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AgentStatsModel::percentText(std::optional<double> share)
{
    if (!share)
        return u"—"_s;
    return tr("%1 %").arg(QLocale().toString(*share * 100, 'f', 1));
}

QString AgentStatsModel::durationText(std::optional<double> seconds)
{
    if (!seconds)
        return u"—"_s;
    const qint64 s = qRound64(*seconds);
    if (s == 0)
        return tr("under 1 s");
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 == 0 ? tr("%1 min").arg(s / 60) : tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QVariant AgentStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AgentStatsRow &r = m_rows.at(index.row());
    const auto col = Column(index.column());
    auto sortValue = [](std::optional<double> v) { return QVariant(v.value_or(-1.0)); };
    auto value = [&]() -> std::optional<double> {
        switch (col) {
        case ShownColumn:
            return double(r.shown);
        case SentAsIsColumn:
            return r.share(r.sentAsIs);
        case SentEditedColumn:
            return r.share(r.sentEdited);
        case MedianKeptColumn:
            return r.medianKept;
        case RejectedColumn:
            return r.share(r.rejected);
        case FlaggedColumn:
            return r.share(r.flagged);
        case EscalatedColumn:
            return r.share(r.escalated);
        case MeanConfidenceColumn:
            return r.meanConfidence;
        case AcceptanceColumn:
            return r.actedOn() > 0 ? std::optional<double>(r.acceptance) : std::nullopt;
        case OpenToSendColumn:
            return r.medianOpenToSendS;
        case AgentColumn:
        case TeamColumn:
        case ColumnCount:
            break;
        }
        return std::nullopt;
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case AgentColumn:
            return r.agent;
        case TeamColumn:
            return r.team.isEmpty() ? u"—"_s : r.team;
        case ShownColumn:
            return QLocale().toString(r.shown);
        case OpenToSendColumn:
            return durationText(r.medianOpenToSendS);
        default:
            return percentText(value());
        }
    case SortRole:
        if (col == AgentColumn)
            return r.agent;
        if (col == TeamColumn)
            return r.team;
        return sortValue(value());
    case AgentRole:
        return r.agent;
    case Qt::TextAlignmentRole:
        if (col == AgentColumn || col == TeamColumn)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (col == RejectedColumn && !r.rejectedByReason.isEmpty()) {
            QStringList lines{tr("%n rejected draft(s) of %1 acted on:", nullptr, int(r.rejected)).arg(r.actedOn())};
            for (auto it = r.rejectedByReason.begin(); it != r.rejectedByReason.end(); ++it)
                lines << tr("%1: %2 (%3)").arg(it.key()).arg(it.value()).arg(percentText(r.share(it.value())));
            return lines.join(u'\n');
        }
        if (col == ShownColumn)
            return tr("%1 draft(s) shown, %2 acted on, %3 regenerated")
                .arg(r.shown)
                .arg(r.actedOn())
                .arg(r.regenerated);
        if (col == MedianKeptColumn)
            return tr("Median share of the draft kept in edited sends");
        return {};
    default:
        return {};
    }
}

QVariant AgentStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section >= SentAsIsColumn && section <= EscalatedColumn &&
        section != MedianKeptColumn)
        return tr("Share of the drafts acted on (sent as is, sent after editing, rejected, flagged or escalated)");
    if (role == Qt::ToolTipRole && section == OpenToSendColumn)
        return tr("Median time from the first draft shown for a ticket to the agent's send of it (to the second "
                  "below 10 minutes, to the minute below an hour)");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case AgentColumn:
        return tr("Agent");
    case TeamColumn:
        return tr("Team");
    case ShownColumn:
        return tr("Drafts shown");
    case SentAsIsColumn:
        return tr("Sent as is");
    case SentEditedColumn:
        return tr("Sent after edit");
    case MedianKeptColumn:
        return tr("Median kept");
    case RejectedColumn:
        return tr("Rejected");
    case FlaggedColumn:
        return tr("Flagged");
    case EscalatedColumn:
        return tr("Escalated");
    case MeanConfidenceColumn:
        return tr("Mean confidence");
    case AcceptanceColumn:
        return tr("Acceptance");
    case OpenToSendColumn:
        return tr("Median open → send");
    case ColumnCount:
        break;
    }
    return {};
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString agentStatsCsv(const QList<AgentStatsRow> &rows)
{
    std::set<QString> reasons;
    for (const AgentStatsRow &r : rows)
        for (auto it = r.rejectedByReason.begin(); it != r.rejectedByReason.end(); ++it)
            reasons.insert(it.key());
    QStringList header{u"agent"_s,
                       u"team"_s,
                       u"shown"_s,
                       u"acted_on"_s,
                       u"sent_as_is"_s,
                       u"sent_edited"_s,
                       u"rejected"_s,
                       u"flagged"_s,
                       u"escalated"_s,
                       u"regenerated"_s,
                       u"sent_as_is_pct"_s,
                       u"sent_edited_pct"_s,
                       u"rejected_pct"_s,
                       u"flagged_pct"_s,
                       u"escalated_pct"_s,
                       u"acceptance_pct"_s,
                       u"median_kept_pct"_s,
                       u"mean_confidence"_s,
                       u"median_open_to_send_s"_s};
    for (const QString &reason : reasons)
        header << u"rejected_"_s + reason;
    QString out;
    auto line = [&out](const QStringList &fields) {
        QStringList quoted;
        for (const QString &f : fields)
            quoted << csvField(f);
        out += quoted.join(u',') + u"\r\n"_s;
    };
    line(header);
    for (const AgentStatsRow &r : rows) {
        QStringList f{r.agent,
                      r.team,
                      QString::number(r.shown),
                      QString::number(r.actedOn()),
                      QString::number(r.sentAsIs),
                      QString::number(r.sentEdited),
                      QString::number(r.rejected),
                      QString::number(r.flagged),
                      QString::number(r.escalated),
                      QString::number(r.regenerated),
                      optionalCsv(r.share(r.sentAsIs), 1, 100),
                      optionalCsv(r.share(r.sentEdited), 1, 100),
                      optionalCsv(r.share(r.rejected), 1, 100),
                      optionalCsv(r.share(r.flagged), 1, 100),
                      optionalCsv(r.share(r.escalated), 1, 100),
                      r.actedOn() > 0 ? number(r.acceptance * 100, 1) : QString(),
                      optionalCsv(r.medianKept, 1, 100),
                      optionalCsv(r.meanConfidence, 3),
                      optionalCsv(r.medianOpenToSendS, 0)};
        for (const QString &reason : reasons)
            f << QString::number(r.rejectedByReason.value(reason));
        line(f);
    }
    return out;
}

} // namespace understudy::app

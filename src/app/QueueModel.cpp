// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueModel.h"

#include "Database.h"
#include "Theme.h"

#include <understudy/Clock.h>

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPalette>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace understudy::app {

QueueModel::QueueModel(store::Store *store, QObject *parent) : QAbstractTableModel(parent), m_store(store) {}

void QueueModel::reload()
{
    const QScopedValueRollback guard(m_fetching, true);
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_exhausted = false;
    auto total = m_store->queueSize(m_query);
    m_total = total ? *total : 0;
    if (!total) {
        m_exhausted = true;
        endResetModel();
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(total.error().toString()));
        return;
    }
    auto page = m_store->queuePage(m_query, 0, m_pageSize);
    m_flagged.clear();
    if (page) {
        m_rows = *page;
        readFlags(m_rows);
        for (int i = 0; i < m_rows.size(); ++i)
            m_index.insert(m_rows[i].id, i);
        m_exhausted = m_rows.size() < m_pageSize;
    } else {
        m_exhausted = true;
    }
    endResetModel();
    if (!page)
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(page.error().toString()));
}

void QueueModel::refresh()
{
    if (m_fetching)
        return;
    const QScopedValueRollback guard(m_fetching, true);
    const int want = qMax(m_pageSize, int(m_rows.size()));
    auto total = m_store->queueSize(m_query);
    if (!total) {
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(total.error().toString()));
        return;
    }
    auto page = m_store->queuePage(m_query, 0, want);
    if (!page) {
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(page.error().toString()));
        return;
    }
    bool same = page->size() == m_rows.size();
    for (qsizetype i = 0; same && i < page->size(); ++i)
        same = page->at(i).id == m_rows.at(i).id;
    m_total = *total;
    if (same) {
        m_rows = *page;
        m_flagged.clear();
        readFlags(m_rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = *page;
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].id, i);
    m_flagged.clear();
    readFlags(m_rows);
    m_exhausted = m_rows.size() < want;
    endResetModel();
}

void QueueModel::readFlags(const QList<store::QueueRow> &rows)
{
    if (rows.isEmpty())
        return;
    QJsonArray ids;
    for (const store::QueueRow &r : rows)
        ids.append(r.id);
    // By the feedback_ticket index: one lookup per row of the page, never a scan of the log. A flag still waiting
    // for its reason (held_events: a handful at most) marks its ticket too.
    auto q = m_store->db().prepare(u"SELECT DISTINCT ticket_id FROM feedback_events WHERE kind = 'flagged' "
                                   "AND ticket_id IN (SELECT value FROM json_each(?1)) "
                                   "UNION SELECT json_extract(payload, '$.ticket_id') FROM held_events "
                                   "WHERE json_extract(payload, '$.kind') = 'flagged'"_s);
    if (!q) {
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(q.error().toString()));
        return;
    }
    (*q)->bind(1, QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)));
    const Status s = (*q)->forEachRow([this](store::Statement &row) { m_flagged.insert(row.text(0)); });
    if (!s)
        Q_EMIT loadFailed(tr("Cannot read the queue: %1").arg(s.error().toString()));
}

void QueueModel::setQuery(const store::QueueQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    reload();
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    using Sort = store::QueueQuery::Sort;
    store::QueueQuery q = m_query;
    switch (column) {
    case SubjectColumn:
        q.sort = Sort::Subject;
        break;
    case CustomerColumn:
        q.sort = Sort::Customer;
        break;
    case TierColumn:
        q.sort = Sort::Tier;
        break;
    case StatusColumn:
        q.sort = Sort::Status;
        break;
    case WaitingColumn:
        q.sort = Sort::Waiting;
        break;
    case ConfidenceColumn:
        q.sort = Sort::Confidence;
        break;
    case EscalationColumn:
        q.sort = Sort::Escalation;
        break;
    default:
        q.sort = Sort::Default;
        break;
    }
    q.descending = q.sort != Sort::Default && order == Qt::DescendingOrder;
    setQuery(q);
}

void QueueModel::refreshTicket(const QString &ticketId)
{
    const int row = rowOf(ticketId);
    if (row < 0)
        return;
    auto r = m_store->queueRow(ticketId);
    if (!r) {
        Q_EMIT loadFailed(tr("Cannot read ticket %1: %2").arg(ticketId, r.error().toString()));
        return;
    }
    if (!*r)
        return;
    m_rows[row] = **r;
    m_flagged.remove(ticketId);
    readFlags({**r});
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int QueueModel::rowOf(const QString &ticketId) const
{
    return m_index.value(ticketId, -1);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_fetching;
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask for more from inside the insert notifications; one fetch at a time.
    if (parent.isValid() || m_exhausted || m_fetching)
        return;
    const QScopedValueRollback guard(m_fetching, true);
    auto page = m_store->queuePage(m_query, int(m_rows.size()), m_pageSize);
    if (!page) {
        m_exhausted = true;
        Q_EMIT loadFailed(tr("Cannot read more of the queue: %1").arg(page.error().toString()));
        return;
    }
    // Rows that arrived since the first page (or were already refreshed) are not added twice.
    QList<store::QueueRow> fresh;
    for (const store::QueueRow &r : *page)
        if (!m_index.contains(r.id))
            fresh << r;
    if (page->size() < m_pageSize)
        m_exhausted = true;
    if (fresh.isEmpty())
        return;
    readFlags(fresh);
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const store::QueueRow &r : fresh) {
        m_index.insert(r.id, int(m_rows.size()));
        m_rows << r;
    }
    endInsertRows();
}

QString QueueModel::waitingText(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid())
        return QString();
    const qint64 s = qMax<qint64>(0, since.secsTo(now));
    if (s < 3600)
        return tr("%1 min").arg(qMax<qint64>(1, s / 60));
    if (s < 2 * 86400)
        return tr("%1 h").arg(s / 3600);
    return tr("%1 d").arg(s / 86400);
}

namespace {
QString statusText(const QString &status)
{
    if (status == u"open"_s)
        return QueueModel::tr("Open");
    if (status == u"pending"_s)
        return QueueModel::tr("Pending");
    if (status == u"resolved"_s)
        return QueueModel::tr("Resolved");
    if (status == u"closed"_s)
        return QueueModel::tr("Closed");
    return status;
}

QString tierText(const QString &tier)
{
    if (tier == u"free"_s)
        return QueueModel::tr("Free");
    if (tier == u"pro"_s)
        return QueueModel::tr("Pro");
    if (tier == u"enterprise"_s)
        return QueueModel::tr("Enterprise");
    return tier;
}
} // namespace

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::QueueRow &r = m_rows[index.row()];
    const bool active = r.status == u"open"_s || r.status == u"pending"_s;
    const bool escalated = (r.hasDraft && r.escalate) || r.escalatedByAgent;
    const bool flagged = m_flagged.contains(r.id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return r.subject.isEmpty() ? tr("(no subject)") : r.subject;
        case CustomerColumn:
            return r.customerName;
        case TierColumn:
            return tierText(r.customerTier);
        case StatusColumn:
            return statusText(r.status);
        case WaitingColumn:
            // Only the customer waits: after an agent's reply the ball is in their court.
            return active && r.lastAuthor == u"customer"_s ? waitingText(r.updatedAt, Clock::now()) : QString();
        case ConfidenceColumn:
            return r.hasDraft ? QVariant(u"%1%"_s.arg(qRound(100 * r.confidence))) : QVariant();
        case EscalationColumn:
            return (escalated ? escalatedMark() : QString()) + (flagged ? flaggedMark() : QString());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SubjectColumn)
            return u"%1 · %2"_s.arg(r.id, r.subject);
        if (index.column() == ConfidenceColumn && r.hasDraft)
            return r.lowConfidence ? tr("Low confidence: %1%").arg(qRound(100 * r.confidence))
                                   : tr("Confidence: %1%").arg(qRound(100 * r.confidence));
        if (index.column() == EscalationColumn) {
            QStringList tips;
            if (r.hasDraft && r.escalate)
                tips << tr("%1 Escalated: the latest draft routes this ticket to a human").arg(escalatedMark());
            else if (r.escalatedByAgent)
                tips << tr("%1 Escalated: an agent handed this ticket to a human").arg(escalatedMark());
            if (flagged)
                tips << tr("%1 Flagged: an agent flagged a draft of this ticket as a bad answer").arg(flaggedMark());
            return tips.isEmpty() ? QVariant() : QVariant(tips.join(u'\n'));
        }
        return {};
    case Qt::FontRole:
        if (active && !r.seen) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (!active)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if (index.column() == EscalationColumn)
            return Theme::color(Theme::Role::Escalation);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == EscalationColumn || index.column() == WaitingColumn)
            return int(Qt::AlignCenter);
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == EscalationColumn) {
            QStringList marks;
            if (escalated)
                marks << tr("escalated");
            if (flagged)
                marks << tr("flagged as a bad answer");
            return marks.join(u", "_s);
        }
        if (index.column() == ConfidenceColumn)
            return r.hasDraft ? tr("confidence %1 percent").arg(qRound(100 * r.confidence)) : tr("no draft yet");
        return data(index, Qt::DisplayRole);
    case TicketIdRole:
        return r.id;
    case ConfidenceRole:
        return r.confidence;
    case HasDraftRole:
        return r.hasDraft;
    case LowConfidenceRole:
        return r.hasDraft && r.lowConfidence;
    case EscalatedRole:
        return escalated;
    case FlaggedRole:
        return flagged;
    case StatusRole:
        return r.status;
    case TierRole:
        return r.customerTier;
    case UnseenRole:
        return !r.seen;
    case WaitingSinceRole:
        return r.updatedAt;
    case SearchTextRole:
        return u"%1 %2 %3"_s.arg(r.id, r.subject, r.customerName);
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == EscalationColumn && role == Qt::ToolTipRole)
        return tr("%1 escalated to a human · %2 a draft flagged as a bad answer").arg(escalatedMark(), flaggedMark());
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case CustomerColumn:
        return tr("Customer");
    case TierColumn:
        return tr("Tier");
    case StatusColumn:
        return tr("Status");
    case WaitingColumn:
        return tr("Waiting");
    case ConfidenceColumn:
        return tr("Confidence");
    case EscalationColumn:
        return escalatedMark() + flaggedMark();
    }
    return {};
}

} // namespace understudy::app

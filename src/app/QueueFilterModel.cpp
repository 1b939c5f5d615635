// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueFilterModel.h"

#include "QueueModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace understudy::app {

QueueFilterModel::QueueFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void QueueFilterModel::setSearchText(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void QueueFilterModel::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidateRowsFilter();
}

void QueueFilterModel::setTierFilter(const QString &tier)
{
    if (tier == m_tier)
        return;
    m_tier = tier;
    invalidateRowsFilter();
}

void QueueFilterModel::setEscalatedOnly(bool on)
{
    if (on == m_escalatedOnly)
        return;
    m_escalatedOnly = on;
    invalidateRowsFilter();
}

void QueueFilterModel::setLowConfidenceOnly(bool on)
{
    if (on == m_lowOnly)
        return;
    m_lowOnly = on;
    invalidateRowsFilter();
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString status = i.data(QueueModel::StatusRole).toString();
    switch (m_status) {
    case StatusFilter::All:
        break;
    case StatusFilter::Active:
        if (status != u"open"_s && status != u"pending"_s)
            return false;
        break;
    case StatusFilter::Open:
        if (status != u"open"_s)
            return false;
        break;
    case StatusFilter::Pending:
        if (status != u"pending"_s)
            return false;
        break;
    case StatusFilter::Resolved:
        if (status != u"resolved"_s)
            return false;
        break;
    case StatusFilter::Closed:
        if (status != u"closed"_s)
            return false;
        break;
    }
    if (!m_tier.isEmpty() && i.data(QueueModel::TierRole).toString() != m_tier)
        return false;
    if (m_escalatedOnly && !i.data(QueueModel::EscalatedRole).toBool())
        return false;
    if (m_lowOnly && !i.data(QueueModel::LowConfidenceRole).toBool())
        return false;
    if (!m_words.isEmpty()) {
        const QString text = i.data(QueueModel::SearchTextRole).toString();
        for (const QString &w : m_words)
            if (!text.contains(w, Qt::CaseInsensitive))
                return false;
    }
    return true;
}

bool QueueFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    switch (left.column()) {
    case QueueModel::ConfidenceColumn: {
        // Rows without a draft sort below every draft.
        const double l =
            left.data(QueueModel::HasDraftRole).toBool() ? left.data(QueueModel::ConfidenceRole).toDouble() : -1;
        const double r =
            right.data(QueueModel::HasDraftRole).toBool() ? right.data(QueueModel::ConfidenceRole).toDouble() : -1;
        return l < r;
    }
    case QueueModel::WaitingColumn:
        // Ascending = longest waiting (earliest message) first.
        return left.data(QueueModel::WaitingSinceRole).toDateTime() <
               right.data(QueueModel::WaitingSinceRole).toDateTime();
    case QueueModel::EscalationColumn:
        return left.data(QueueModel::EscalatedRole).toBool() < right.data(QueueModel::EscalatedRole).toBool();
    default:
        return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
    }
}

} // namespace understudy::app

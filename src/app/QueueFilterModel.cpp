// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueFilterModel.h"

#include "QueueModel.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcQueueFilter, "understudy.app.queue", QtInfoMsg)

QueueFilterModel::QueueFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // The store sorts and filters; the proxy never reorders what it passes through.
    setDynamicSortFilter(false);
}

void QueueFilterModel::setSourceModel(QAbstractItemModel *model)
{
    if (model && !qobject_cast<QueueModel *>(model)) {
        qCWarning(lcQueueFilter) << "QueueFilterModel needs a QueueModel as its source";
        return;
    }
    QSortFilterProxyModel::setSourceModel(model);
}

QueueModel *QueueFilterModel::queueModel() const
{
    return qobject_cast<QueueModel *>(sourceModel());
}

void QueueFilterModel::update(const std::function<void(store::QueueQuery &)> &change)
{
    QueueModel *source = queueModel();
    if (!source)
        return;
    store::QueueQuery q = source->query();
    change(q);
    source->setQuery(q);
}

void QueueFilterModel::setSearchText(const QString &text)
{
    const QString words = text.simplified();
    update([&](store::QueueQuery &q) { q.search = words; });
}

void QueueFilterModel::setStatusFilter(StatusFilter filter)
{
    update([&](store::QueueQuery &q) { q.status = filter; });
}

void QueueFilterModel::setTierFilter(const QString &tier)
{
    update([&](store::QueueQuery &q) { q.tier = tier; });
}

void QueueFilterModel::setEscalatedOnly(bool on)
{
    update([&](store::QueueQuery &q) { q.escalatedOnly = on; });
}

void QueueFilterModel::setLowConfidenceOnly(bool on)
{
    update([&](store::QueueQuery &q) { q.lowConfidenceOnly = on; });
}

void QueueFilterModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    if (QueueModel *source = queueModel())
        source->sort(column, order);
}

QueueFilterModel::StatusFilter QueueFilterModel::statusFilter() const
{
    QueueModel *source = queueModel();
    return source ? source->query().status : StatusFilter::All;
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Store.h"

#include <QSortFilterProxyModel>

#include <functional>

namespace understudy::app {

class QueueModel;

/// @brief The queue's search, filters and sort, as the view sees them. Nothing is filtered or sorted here: each
/// setter and sort() turns into the source QueueModel's store::QueueQuery, so they apply to every ticket of the
/// store, not only to the rows paged in so far. The proxy passes rows (and fetchMore) through in the store's order.
class QueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    /// @brief Which statuses pass: everything, the active ones (open + pending) or one status.
    using StatusFilter = store::QueueQuery::Status;

    explicit QueueFilterModel(QObject *parent = nullptr);

    /// @brief The source must be a QueueModel (anything else is refused with a warning).
    void setSourceModel(QAbstractItemModel *model) override;
    QueueModel *queueModel() const;

    /// @brief Words that must each begin a word of a row's id, subject or customer (case- and accent-insensitive).
    void setSearchText(const QString &text);
    void setStatusFilter(StatusFilter filter);
    /// @brief A tier ("free", "pro", "enterprise"), or empty for all.
    void setTierFilter(const QString &tier);
    void setEscalatedOnly(bool on);
    void setLowConfidenceOnly(bool on);
    /// @brief Sorts in the store by a QueueModel column (-1: the store's default order).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    StatusFilter statusFilter() const;
    /// @brief The column the store sorts by (-1 for the default order) and its direction.
    int sortedColumn() const { return m_sortColumn; }
    Qt::SortOrder sortedOrder() const { return m_sortOrder; }

private:
    void update(const std::function<void(store::QueueQuery &)> &change);

    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace understudy::app

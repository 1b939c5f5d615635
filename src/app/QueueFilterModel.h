// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace understudy::app {

/// @brief Search, filters and sorting over a QueueModel.
class QueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    /// @brief Which statuses pass: everything, the active ones (open + pending) or one status.
    enum class StatusFilter { All, Active, Open, Pending, Resolved, Closed };

    explicit QueueFilterModel(QObject *parent = nullptr);

    /// @brief Words that must all occur in a row's id, subject or customer (case-insensitive).
    void setSearchText(const QString &text);
    void setStatusFilter(StatusFilter filter);
    /// @brief A tier ("free", "pro", "enterprise"), or empty for all.
    void setTierFilter(const QString &tier);
    void setEscalatedOnly(bool on);
    void setLowConfidenceOnly(bool on);

    StatusFilter statusFilter() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
    StatusFilter m_status = StatusFilter::All;
    QString m_tier;
    bool m_escalatedOnly = false;
    bool m_lowOnly = false;
};

} // namespace understudy::app

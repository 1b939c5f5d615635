// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace understudy::app {

/// @brief Paints the queue's confidence column as a coloured badge ("82%"), or a dash without a draft.
class ConfidenceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ConfidenceDelegate(QObject *parent = nullptr);

    /// @brief Below this a badge is red (the engine's low-confidence threshold).
    void setLowThreshold(double threshold) { m_low = threshold; }
    double lowThreshold() const { return m_low; }

    /// @brief The colour band of @p confidence: red below @p low, amber below 0.75, green above.
    static QColor bandColor(double confidence, double low);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    double m_low = 0.5;
};

} // namespace understudy::app

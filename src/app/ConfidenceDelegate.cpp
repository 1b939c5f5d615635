// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConfidenceDelegate.h"

#include "QueueModel.h"
#include "Theme.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace understudy::app {

ConfidenceDelegate::ConfidenceDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QColor ConfidenceDelegate::bandColor(double confidence, double low)
{
    return Theme::bandColor(confidence, low);
}

void ConfidenceDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Background, selection and focus come from the style; only the badge is ours.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!index.data(QueueModel::HasDraftRole).toBool()) {
        painter->setPen(option.palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(option.rect, Qt::AlignCenter, u"–"_s);
        painter->restore();
        return;
    }
    const double c = index.data(QueueModel::ConfidenceRole).toDouble();
    const QString text = u"%1%"_s.arg(qRound(100 * c));
    const QFontMetrics fm(option.font);
    const int w = fm.horizontalAdvance(u"100%"_s) + 12;
    const int h = fm.height() + 2;
    QRect badge(0, 0, w, h);
    badge.moveCenter(option.rect.center());
    const QColor color = bandColor(c, m_low);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    painter->setPen(Theme::textOn(color)); // dark bands on light palettes, light bands on dark ones
    QFont f = option.font;
    f.setBold(true);
    painter->setFont(f);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize ConfidenceDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    s.setWidth(qMax(s.width(), fm.horizontalAdvance(u"100%"_s) + 20));
    s.setHeight(qMax(s.height(), fm.height() + 6));
    return s;
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace understudy::app {

MessageBar::MessageBar(QWidget *parent) : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(u"messageBar"_s);
    setAccessibleName(tr("Messages"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(u"messageText"_s);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setObjectName(u"messageClose"_s);
    m_close->setText(u"✕"_s);
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        m_last.clear();
        m_repeats = 0;
    });
    hide();
}

void MessageBar::showMessage(const QString &text, Kind kind)
{
    if (text == m_last && isVisible()) {
        ++m_repeats;
        m_label->setText(tr("%1 (×%2)").arg(text).arg(m_repeats + 1));
    } else {
        m_last = text;
        m_repeats = 0;
        m_label->setText(text);
    }
    QPalette p = palette();
    p.setColor(QPalette::Window, kind == Kind::Error ? QColor(0xfd, 0xec, 0xea) : QColor(0xe8, 0xf1, 0xfb));
    p.setColor(QPalette::WindowText, kind == Kind::Error ? QColor(0x8a, 0x1c, 0x12) : QColor(0x17, 0x3f, 0x6b));
    setPalette(p);
    m_label->setPalette(p);
    show();
}

QString MessageBar::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace understudy::app

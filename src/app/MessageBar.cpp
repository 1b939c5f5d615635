// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBar.h"

#include "Theme.h"

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
    connect(Theme::instance(), &Theme::changed, this, &MessageBar::applyColours);
    hide();
}

void MessageBar::applyColours()
{
    QPalette p = palette();
    const bool error = m_kind == Kind::Error;
    p.setColor(QPalette::Window, Theme::color(error ? Theme::Role::ErrorBackground : Theme::Role::InfoBackground));
    p.setColor(QPalette::WindowText, Theme::color(error ? Theme::Role::ErrorText : Theme::Role::InfoText));
    setPalette(p);
    m_label->setPalette(p);
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
    m_kind = kind;
    applyColours();
    show();
}

void MessageBar::withdraw(const QString &text)
{
    if (text.isEmpty() || text != m_last)
        return;
    hide();
    m_last.clear();
    m_repeats = 0;
}

QString MessageBar::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace understudy::app

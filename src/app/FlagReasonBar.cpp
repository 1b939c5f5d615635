// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlagReasonBar.h"

#include "RejectDialog.h"
#include "Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace understudy::app {

FlagReasonBar::FlagReasonBar(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(tr("Flagged as a bad answer. Why? (optional)"), this)),
      m_reasons(new QComboBox(this)), m_skip(new QToolButton(this))
{
    setObjectName(u"flagReasonBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::NoFocus);
    m_label->setWordWrap(true);
    m_reasons->setObjectName(u"flagReasonCombo"_s);
    m_reasons->setAccessibleName(tr("Why the draft is a bad answer"));
    m_reasons->setPlaceholderText(tr("Choose a reason…"));
    m_reasons->setFocusPolicy(Qt::ClickFocus); // never takes the focus from the reply by itself
    for (const auto &[reason, text] : reasonChoices())
        if (reason != RejectReason::Other) // "Other" needs the agent's words: that is what Reject… is for
            m_reasons->addItem(text, int(reason));
    m_skip->setObjectName(u"flagReasonSkip"_s);
    m_skip->setText(u"✕"_s);
    m_skip->setAutoRaise(true);
    m_skip->setToolTip(tr("Keep the flag without a reason"));
    m_skip->setAccessibleName(tr("Skip the reason"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 2, 2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_reasons);
    layout->addWidget(m_skip);
    connect(m_reasons, &QComboBox::activated, this,
            [this](int index) { Q_EMIT reasonChosen(RejectReason(m_reasons->itemData(index).toInt())); });
    connect(m_skip, &QToolButton::clicked, this, &FlagReasonBar::dismissed);
    connect(Theme::instance(), &Theme::changed, this, &FlagReasonBar::applyColours);
    applyColours();
    hide();
}

void FlagReasonBar::offer()
{
    m_reasons->setCurrentIndex(-1);
    show();
}

void FlagReasonBar::applyColours()
{
    QPalette p = palette();
    p.setColor(QPalette::Window, Theme::color(Theme::Role::InfoBackground));
    p.setColor(QPalette::WindowText, Theme::color(Theme::Role::InfoText));
    setPalette(p);
    m_label->setPalette(p);
}

} // namespace understudy::app

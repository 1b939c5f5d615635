// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DraftController.h"

#include <QFrame>

class QComboBox;
class QLabel;
class QToolButton;

namespace understudy::app {

/// @brief The optional reason for a flag, asked inline under the draft once the one-click flag is done: a line and
/// a short list of reasons. It never takes the focus nor blocks anything; the agent picks a reason, dismisses it,
/// or just goes on working (the DraftController then records the flag without one and the bar goes).
class FlagReasonBar : public QFrame {
    Q_OBJECT
public:
    explicit FlagReasonBar(QWidget *parent = nullptr);

    /// @brief Shows the bar with no reason picked.
    void offer();

Q_SIGNALS:
    /// @brief The agent picked @p reason.
    void reasonChosen(understudy::app::RejectReason reason);
    /// @brief The agent closed the bar: the flag goes without a reason.
    void dismissed();

private:
    void applyColours();

    QLabel *m_label;
    QComboBox *m_reasons;
    QToolButton *m_skip;
};

} // namespace understudy::app

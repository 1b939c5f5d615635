// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace understudy::app {

/// @brief An inline bar at the top of the window for errors and notices: never modal, closed by the agent.
/// Repeated messages are collapsed into one line with a count.
class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Information };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Error);
    /// @brief Hides the bar if it still shows @p text (a notice that no longer holds, such as "Working offline").
    void withdraw(const QString &text);
    QString text() const;

private:
    void applyColours();

    Kind m_kind = Kind::Error;
    QLabel *m_label;
    QToolButton *m_close;
    QString m_last;
    int m_repeats = 0;
};

} // namespace understudy::app

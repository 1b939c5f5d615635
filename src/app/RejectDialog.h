// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DraftController.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace understudy::app {

/// @brief The reasons an agent can give for a rejected or flagged draft, in the order they are offered, with their
/// labels in the interface language.
QList<std::pair<RejectReason, QString>> reasonChoices();
/// @brief A stored reason (a code, maybe followed by ": " and the agent's note) as the interface says it, e.g.
/// "outdated_information: the menu moved" -> "Outdated information: the menu moved"; other text as it is.
QString reasonText(const QString &stored);

/// @brief Asks why a draft is rejected: one of the fixed reasons, plus a note (required for "Other").
class RejectDialog : public QDialog {
    Q_OBJECT
public:
    explicit RejectDialog(QWidget *parent = nullptr);

    RejectReason reason() const;
    QString note() const;

private:
    void updateOk();

    QComboBox *m_reason;
    QLineEdit *m_note;
    QDialogButtonBox *m_buttons;
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DraftController.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace understudy::app {

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

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace understudy::app {

class SyncController;

/// @brief "Sign in to a server": server address, name, password. Stays open while signing in and shows a
/// failure inline; accepted once signed in. Widgets by objectName: serverEdit, nameEdit, passwordEdit,
/// rememberCheck (keep the sign-in in the desktop keyring, or for this session only), loginStatus.
class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(SyncController *sync, QWidget *parent = nullptr);

    void accept() override;

private:
    void setBusy(bool busy);

    SyncController *m_sync;
    QLineEdit *m_server;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace understudy::app

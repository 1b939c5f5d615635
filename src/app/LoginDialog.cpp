// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoginDialog.h"

#include "SyncController.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

LoginDialog::LoginDialog(SyncController *sync, QWidget *parent) : QDialog(parent), m_sync(sync)
{
    setWindowTitle(tr("Sign in to a server"));
    setObjectName(u"loginDialog"_s);
    m_server = new QLineEdit(this);
    m_server->setObjectName(u"serverEdit"_s);
    m_server->setPlaceholderText(u"http://127.0.0.1:8470"_s);
    m_server->setText(sync->server().isEmpty() ? u"http://127.0.0.1:8470"_s : sync->server().toString());
    m_name = new QLineEdit(sync->user(), this);
    m_name->setObjectName(u"nameEdit"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(tr("&Remember me on this computer (in the desktop keyring)"), this);
    m_remember->setObjectName(u"rememberCheck"_s);
    m_remember->setChecked(true);
    m_remember->setToolTip(tr("Unticked, the sign-in lasts for this session only and nothing is written to the "
                              "keyring: use it when no keyring (GNOME Keyring, KWallet) runs in your session."));
    m_status = new QLabel(this);
    m_status->setObjectName(u"loginStatus"_s);
    m_status->setWordWrap(true);
    m_status->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Corrections are kept on this computer and shared with your team through the "
                                    "server. Your password is not stored; the sign-in token goes to the desktop "
                                    "keyring, or is kept for this session only."),
                                 this));
    layout->itemAt(0)->widget()->setProperty("wordWrap", true);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    (m_name->text().isEmpty() ? m_name : m_password)->setFocus();

    connect(sync, &SyncController::signedIn, this, [this] {
        setBusy(false);
        QDialog::accept();
    });
    connect(sync, &SyncController::signInFailed, this, [this](const QString &why) {
        setBusy(false);
        m_status->setText(why);
        m_status->setStyleSheet(u"color: palette(highlighted-text); background: #b3261e; padding: 4px;"_s);
        m_status->show();
        m_password->selectAll();
        m_password->setFocus();
    });
}

void LoginDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_name),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_remember)})
        w->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    if (busy) {
        m_status->setStyleSheet({});
        m_status->setText(tr("Signing in…"));
        m_status->show();
    }
}

void LoginDialog::accept()
{
    setBusy(true);
    m_sync->signIn(QUrl::fromUserInput(m_server->text().trimmed()), m_name->text().trimmed(), m_password->text(),
                   m_remember->isChecked());
}

} // namespace understudy::app

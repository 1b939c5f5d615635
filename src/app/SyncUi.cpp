// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncUi.h"

#include "DraftController.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "SyncController.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {

void showMode(QLabel *label, SyncController *sync)
{
    const QString server = sync->server().toString();
    switch (sync->mode()) {
    case SyncController::Mode::Standalone:
        label->setText(MainWindow::tr("Offline — standalone mode"));
        label->setToolTip(MainWindow::tr(
            "No server is configured: drafts and corrections stay on this computer until sync is set up."));
        break;
    case SyncController::Mode::SignedOut:
        label->setText(MainWindow::tr("Signed out — File ▸ Sign in…"));
        label->setToolTip(MainWindow::tr("Corrections are queued until you sign in to %1 again.").arg(server));
        break;
    case SyncController::Mode::Offline:
        label->setText(MainWindow::tr("Offline — queued"));
        label->setToolTip(MainWindow::tr("%1 cannot be reached; corrections are queued and sent when it is back.")
                              .arg(server));
        break;
    case SyncController::Mode::Online:
        label->setText(MainWindow::tr("Online — %1").arg(sync->user()));
        label->setToolTip(MainWindow::tr("Synced with %1").arg(server));
        break;
    case SyncController::Mode::Syncing:
        label->setText(MainWindow::tr("Syncing…"));
        label->setToolTip(MainWindow::tr("Exchanging changes with %1").arg(server));
        break;
    }
}

} // namespace

void installSync(MainWindow *window, SyncController *sync)
{
    auto *signIn = new QAction(MainWindow::tr("Sign &in…"), window);
    signIn->setObjectName(u"signInAction"_s);
    auto *signOut = new QAction(MainWindow::tr("Sign &out"), window);
    signOut->setObjectName(u"signOutAction"_s);
    const QList<QAction *> menus = window->menuBar()->actions();
    if (QMenu *file = menus.isEmpty() ? nullptr : menus.first()->menu()) {
        QAction *first = file->actions().value(0);
        file->insertActions(first, {signIn, signOut});
        file->insertSeparator(first);
    } else {
        window->addActions({signIn, signOut});
    }
    QObject::connect(signIn, &QAction::triggered, window, [window, sync] {
        auto *dialog = new LoginDialog(sync, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QObject::connect(signOut, &QAction::triggered, sync, &SyncController::signOut);

    auto *mode = window->findChild<QLabel *>(u"modeLabel"_s);
    auto *last = window->findChild<QLabel *>(u"syncLabel"_s);
    auto *bar = window->findChild<MessageBar *>(u"messageBar"_s);
    auto refresh = [=] {
        if (mode)
            showMode(mode, sync);
        if (last && sync->lastSync().isValid())
            last->setText(MainWindow::tr("Last sync: %1")
                              .arg(QLocale().toString(sync->lastSync().toLocalTime(), QLocale::ShortFormat)));
        const bool signedIn = sync->mode() != SyncController::Mode::Standalone &&
                              sync->mode() != SyncController::Mode::SignedOut;
        signOut->setEnabled(signedIn);
        signIn->setText(signedIn ? MainWindow::tr("Sign in as someone &else…") : MainWindow::tr("Sign &in…"));
    };
    refresh();
    QObject::connect(sync, &SyncController::modeChanged, window, refresh);
    QObject::connect(sync, &SyncController::lastSyncChanged, window, [last](const QDateTime &at) {
        if (last)
            last->setText(MainWindow::tr("Last sync: %1").arg(QLocale().toString(at.toLocalTime(),
                                                                                 QLocale::ShortFormat)));
    });
    // The outbox also shrinks when the server acknowledges: the window's outbox label follows the
    // controller's signal, so re-announce the size there.
    DraftController *controller = window->controller();
    QObject::connect(sync, &SyncController::outboxChanged, controller, &DraftController::outboxChanged);
    QObject::connect(controller, &DraftController::eventRecorded, sync, &SyncController::outboxGrew);
    QObject::connect(sync, &SyncController::teamLearned, controller, &DraftController::absorbTeamLearning);
    // A sync may bring articles and tickets: the engine is rebuilt in the background if the content changed.
    QObject::connect(sync, &SyncController::lastSyncChanged, controller, &DraftController::noteContentChanged);
    QObject::connect(sync, &SyncController::message, window, [bar, window](const QString &text, bool error) {
        if (bar)
            bar->showMessage(text, error ? MessageBar::Kind::Error : MessageBar::Kind::Information);
        else
            window->showError(text);
    });
    QObject::connect(sync, &SyncController::messageWithdrawn, window, [bar](const QString &text) {
        if (bar)
            bar->withdraw(text);
    });
    // Tickets a sync resolved or brought in show at once, not at the next change of filter.
    QObject::connect(sync, &SyncController::queueChanged, window, &MainWindow::refreshQueue);
    // Signed in, the account is the agent events are recorded under (the sign-off name is a setting of its own).
    auto followAccount = [sync, controller] {
        if (sync->mode() != SyncController::Mode::Standalone && !sync->user().isEmpty())
            controller->setAgent(sync->user());
    };
    QObject::connect(sync, &SyncController::modeChanged, controller, followAccount);
    QObject::connect(sync, &SyncController::signedIn, controller, followAccount);
}

} // namespace understudy::app

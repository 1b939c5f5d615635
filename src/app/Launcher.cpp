// SPDX-License-Identifier: GPL-3.0-or-later
#include "Launcher.h"

#include "DemoData.h"
#include "DraftController.h"
#include "LeadView.h"
#include "Logging.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "StartupProbe.h"
#include "SyncController.h"
#include "SyncUi.h"
#include "Theme.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPixmap>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcLauncher, "understudy.app.launcher")

namespace {

void printError(const QString &message)
{
    std::fprintf(stderr, "understudy: %s\n", message.toUtf8().constData());
}

QString defaultDbPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + u"/understudy.db"_s;
}

// With --screenshot: select the first ticket, wait for its draft, save the window as a PNG, quit.
void scheduleScreenshot(MainWindow *window, const QString &file)
{
    auto *controller = window->controller();
    auto save = [window, file] {
        const QPixmap shot = window->grab();
        const bool saved = shot.save(file, "PNG");
        if (!saved)
            printError(QApplication::translate("Launcher", "cannot write the screenshot to %1").arg(file));
        QApplication::exit(saved ? 0 : 1);
    };
    QObject::connect(
        controller, &DraftController::draftReady, window,
        [save] {
            // One more turn of the event loop so layouts settle before grabbing.
            QTimer::singleShot(150, save);
        },
        Qt::SingleShotConnection);
    QTimer::singleShot(30000, window, [] {
        printError(QApplication::translate("Launcher", "no draft within 30 s; no screenshot taken"));
        QApplication::exit(2);
    });
    QTimer::singleShot(0, window, [window] {
        if (!window->selectFirstTicket()) {
            printError(QApplication::translate("Launcher", "the queue is empty; nothing to show (use --demo)"));
            QApplication::exit(2);
        }
    });
}

} // namespace

int Launcher::run(const QStringList &arguments)
{
    // The system locale first, so --help and start-up errors are translated; the override is in the store.
    Translations::apply(QString());
    QCommandLineParser p;
    p.setApplicationDescription(
        QApplication::translate("Launcher", "Understudy: a desktop copilot for support agents."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOption({u"db"_s,
                 QApplication::translate("Launcher", "The local store (default: in the per-user data folder)."),
                 u"PATH"_s});
    p.addOption({u"demo"_s, QApplication::translate(
                                "Launcher", "Import the bundled demo help centre first if the store is empty.")});
    p.addOption(
        {u"agent"_s,
         QApplication::translate("Launcher", "The agent's name (events and sign-off; a sign-in uses the account's)."),
         u"NAME"_s});
    p.addOption(
        {u"screenshot"_s,
         QApplication::translate("Launcher", "Select a ticket, wait for its draft, save the window as PNG and exit."),
         u"FILE"_s});
    // For bench/bench_app: report on stdout when the queue is interactive (see StartupProbe) and when the engine
    // has loaded.
    p.addOption(
        {u"report-startup"_s,
         QApplication::translate("Launcher", "Print interactive_ms=… once the queue is shown and accepts input.")});
    p.addOption({u"theme"_s,
                 QApplication::translate("Launcher", "Colour theme for this run: system, light or dark."),
                 u"THEME"_s});
    p.addOption({u"exit-when-interactive"_s,
                 QApplication::translate("Launcher", "With --report-startup: exit right after reporting.")});
    p.process(arguments);
    const bool headless = p.isSet(u"screenshot"_s);
    auto fail = [headless](const QString &message) {
        printError(message);
        if (!headless)
            QMessageBox::critical(nullptr, QApplication::translate("Launcher", "Understudy cannot start"), message);
        return 1;
    };

    installLogging(u"understudy"_s);
    QElapsedTimer started;
    started.start();
    const QString path = p.isSet(u"db"_s) ? p.value(u"db"_s) : defaultDbPath();
    auto store = store::Store::open(path);
    if (!store)
        return fail(store.error().toString());
    if (p.isSet(u"demo"_s)) {
        auto size = (*store)->queueSize();
        if (!size)
            return fail(size.error().toString());
        if (*size == 0) {
            auto imported = demo::importDemoData(**store, {}, demo::History::With);
            if (!imported)
                return fail(QApplication::translate("Launcher", "cannot import the demo data: %1")
                                .arg(imported.error().toString()));
            qCInfo(lcLauncher) << "imported demo data:" << imported->articles << "articles," << imported->tickets
                               << "tickets";
        }
    }

    // Before any window exists, so nothing needs retranslating.
    auto language = (*store)->setting(QString::fromUtf16(SettingsDialog::kLanguageKey));
    if (language && !language->isEmpty())
        Translations::apply(*language);
    // The colour theme too, so the first paint already has it (--theme overrides the setting for this run).
    const auto theme = (*store)->setting(QString::fromUtf16(SettingsDialog::kThemeKey));
    const QString themeName = p.isSet(u"theme"_s) ? p.value(u"theme"_s) : (theme ? *theme : QString());
    if (Theme::modeFromName(themeName) != Theme::Mode::System)
        Theme::instance()->apply(Theme::modeFromName(themeName));

    engine::EngineConfig config = SettingsDialog::engineConfig(**store);
    // Who the events are recorded under: --agent, else the login name until a sign-in makes it the account's
    // (installSync). Never the sign-off name, which defaults to the team ("The Support team").
    QString agent = p.value(u"agent"_s);
    if (agent.isEmpty())
        agent = qEnvironmentVariable("USER");
    if (p.isSet(u"agent"_s))
        config.voice.agent = agent;

    auto *controller = new DraftController(std::move(*store));
    controller->setAgent(agent);
    MainWindow window(controller);
    controller->loadEngine(config);
    // Sync with a server once one is configured (File ▸ Sign in…); without one the client stays standalone.
    auto *sync = new SyncController(controller->store(), nullptr, &window);
    installSync(&window, sync);
    installLeadView(&window, sync);
    sync->restore();
    if (p.isSet(u"report-startup"_s)) {
        new StartupProbe(window.findChild<QTableView *>(u"queueView"_s), p.isSet(u"exit-when-interactive"_s), &window);
        QObject::connect(controller, &DraftController::engineLoaded, &window,
                         [] { StartupProbe::report("engine_ready"); });
        QObject::connect(controller, &DraftController::engineFailed, &window,
                         [] { StartupProbe::report("engine_failed"); });
    }
    window.show();
    qCInfo(lcLauncher) << "queue interactive after" << started.elapsed() << "ms";
    if (headless)
        scheduleScreenshot(&window, p.value(u"screenshot"_s));
    return QApplication::exec();
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Launcher.h"

#include "DemoData.h"
#include "DraftController.h"
#include "LeadController.h"
#include "LeadView.h"
#include "Logging.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "StartupProbe.h"
#include "SyncController.h"
#include "SyncUi.h"
#include "Theme.h"
#include "Translations.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPixmap>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

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

/// The window as the screen shows it: under X11 with its window manager's frame (the screen's pixels), elsewhere
/// (offscreen, Wayland) the widget's own rendering.
QPixmap windowShot(QWidget *window)
{
    QScreen *screen = window->screen();
    if (QGuiApplication::platformName() == u"xcb"_s && screen) {
        const QRect frame = window->frameGeometry();
        return screen->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    }
    return window->grab();
}

void saveShot(QWidget *window, const QString &file)
{
    const bool saved = windowShot(window).save(file, "PNG");
    if (!saved)
        printError(QApplication::translate("Launcher", "cannot write the screenshot to %1").arg(file));
    QApplication::exit(saved ? 0 : 1);
}

// With --screenshot: select the first ticket, wait for its draft, save the window as a PNG, quit.
void scheduleScreenshot(MainWindow *window, const QString &file)
{
    auto *controller = window->controller();
    QObject::connect(
        controller, &DraftController::draftReady, window,
        [window, file] {
            // A moment for layouts to settle (and the window manager to draw its frame) before grabbing.
            QTimer::singleShot(400, window, [window, file] { saveShot(window, file); });
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

// With --screenshot and --screenshot-view TAB: open the team statistics on that tab once the sync is online (or
// at once without a server), wait for the figures, save the statistics window, quit.
void scheduleLeadScreenshot(MainWindow *window, SyncController *sync, int tab, const QString &file)
{
    auto open = [window, tab, file] {
        auto *action = window->findChild<QAction *>(u"leadViewAction"_s);
        if (!action)
            return;
        action->trigger();
        auto *view = window->findChild<LeadView *>();
        if (!view)
            return;
        view->resize(1180, 740);
        if (auto *tabs = view->findChild<QTabWidget *>(u"leadTabs"_s)) {
            tabs->setCurrentIndex(tab);
            tabs->setFocus(); // not the date field, whose selected year would show
        }
        QObject::connect(
            view->controller(), &LeadController::refreshed, view,
            [view, file] { QTimer::singleShot(800, view, [view, file] { saveShot(view, file); }); },
            Qt::SingleShotConnection);
    };
    auto opened = std::make_shared<bool>(false);
    auto openOnce = [open, opened] {
        if (!std::exchange(*opened, true))
            open();
    };
    if (sync->mode() == SyncController::Mode::Standalone) {
        QTimer::singleShot(0, window, openOnce);
    } else {
        QObject::connect(sync, &SyncController::modeChanged, window, [openOnce](SyncController::Mode mode) {
            if (mode == SyncController::Mode::Online)
                openOnce();
        });
        QTimer::singleShot(10000, window, openOnce); // offline or signed out: the saved figures, or the empty state
    }
    QTimer::singleShot(40000, window, [] {
        printError(
            QApplication::translate("Launcher", "the statistics did not arrive within 40 s; no screenshot taken"));
        QApplication::exit(2);
    });
}

/// The tab of --screenshot-view (the lead view's order), -1 for the agent's main window, -2 when unknown.
int screenshotTab(const QString &view)
{
    static const QStringList tabs{u"agents"_s, u"trends"_s, u"calibration"_s, u"flags"_s, u"gaps"_s};
    if (view.isEmpty() || view == u"agent"_s)
        return -1;
    const int i = int(tabs.indexOf(view));
    return i >= 0 ? i : -2;
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
    p.addOption({u"theme"_s, QApplication::translate("Launcher", "Colour theme for this run: system, light or dark."),
                 u"THEME"_s});
    p.addOption({u"screenshot-view"_s,
                 QApplication::translate("Launcher",
                                         "With --screenshot: what to show: agent (the main window, default), or the "
                                         "team statistics' agents, trends, calibration, flags or gaps tab."),
                 u"VIEW"_s});
    p.addOption({u"language"_s,
                 QApplication::translate("Launcher", "Interface language for this run: en, de or fr (Settings ▸ "
                                                     "Language keeps a choice)."),
                 u"LANG"_s});
    p.addOption({u"exit-when-interactive"_s,
                 QApplication::translate("Launcher", "With --report-startup: exit right after reporting.")});
    p.process(arguments);
    const bool headless = p.isSet(u"screenshot"_s);
    const int shotTab = screenshotTab(p.value(u"screenshot-view"_s));
    if (shotTab == -2) {
        printError(QApplication::translate("Launcher", "unknown --screenshot-view %1 (agent, agents, trends, "
                                                       "calibration, flags or gaps)")
                       .arg(p.value(u"screenshot-view"_s)));
        return 1;
    }
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
    if (p.isSet(u"language"_s))
        language = p.value(u"language"_s); // this run only: the setting stays
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
    if (headless && shotTab >= 0)
        scheduleLeadScreenshot(&window, sync, shotTab, p.value(u"screenshot"_s));
    else if (headless)
        scheduleScreenshot(&window, p.value(u"screenshot"_s));
    return QApplication::exec();
}

} // namespace understudy::app

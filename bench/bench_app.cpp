// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client's responsiveness against a store of 100,000 tickets, as ratios to a bare Qt window with a
// 100,000-row table view (bench_bare_window) measured in the same run:
//   1. process start -> interactive queue: the real `understudy` started as a child (offscreen) --runs times,
//      reporting through --report-startup (StartupProbe); the figure is CLOCK_MONOTONIC noted here just before
//      the start vs the child's CLOCK_MONOTONIC when interactive, so exec and dynamic loading count;
//   2. resident memory (VmRSS) of the child at interactive, and once its engine has loaded;
//   3. ticket selection -> draft painted, in process: the real MainWindow over the same store (plus the demo
//      knowledge base), engine loaded beforehand, rows selected in the queue view one after another.
//
//   bench_app [--tickets 100000] [--runs 10] [--selections 300] [--work-dir DIR] [--json FILE]
//             [--app PATH] [--bare PATH]
//
// The generated store is cached in --work-dir (tickets-<N>-v1.db); each run works on a copy of it.
//
// With --queue-sorts, instead: the queue's first page of 200 rows under every order and direction, over all
// tickets and open-and-pending ones, in process (Store::queuePage; median of 5).
//
// With --first-draft, instead: the client's first draft at scale, on a store of --articles (100,000) synthetic
// articles and on one of --answers (1,000,000) past answers (SyntheticCorpus, BANKING77 vocabulary; cached in
// --work-dir), each with one open ticket:
//   cold    the engine snapshot removed: DraftController created (store opened) -> engine built, snapshot
//           written -> the ticket's draftReady (what every start cost before the snapshot);
//   warm    the same with the snapshot present (--runs times), and its load time and size;
//   child   the real `understudy` started on the store until its engine is ready (process start included);
//   rebuild new content while the client runs: the background rebuild's time, the longest the GUI thread's
//           event loop went without turning meanwhile, and drafts served during it.
//   bench_app --first-draft [--articles 100000] [--answers 1000000] [--runs 3] [--work-dir DIR] [--json FILE]

#include "BenchSupport.h"
#include "DemoData.h"
#include "DraftController.h"
#include "EngineSnapshot.h"
#include "MainWindow.h"
#include "QueueFilterModel.h"
#include "QueueModel.h"
#include "SettingsDialog.h"
#include "StartupProbe.h"
#include "Store.h"
#include "SyntheticCorpus.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using namespace understudy;
using SteadyClock = std::chrono::steady_clock;
using understudy::app::StartupProbe;

namespace {

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_app: %s\n", qPrintable(what));
    std::exit(1);
}

double msSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2) : u"?"_s;
}

using Stats = bench::Percentiles;

Stats stats(std::vector<double> v)
{
    return bench::percentiles(std::move(v));
}

QJsonObject toJson(const Stats &s)
{
    return {{u"n"_s, s.n},     {u"min"_s, s.min}, {u"p50"_s, s.p50},  {u"p90"_s, s.p90},
            {u"p99"_s, s.p99}, {u"max"_s, s.max}, {u"mean"_s, s.mean}};
}

// ---- the synthetic helpdesk ---------------------------------------------------------------------------------

struct Topic {
    const char *intent;
    std::vector<const char *> subjects;
    std::vector<const char *> problems;
    const char *fix;
};

const std::vector<Topic> &topics()
{
    static const std::vector<Topic> t = {
        {"account_locked",
         {"Locked out of my account", "account locked after password attempts", "can't log in - locked"},
         {"I typed my password wrong a few times and now it says my account is locked.",
          "Since this morning the login page says my account is temporarily locked. I need to get in for a client "
          "call."},
         "Accounts unlock automatically after 30 minutes; you can also reset your password from the sign-in page to "
         "unlock it at once."},
        {"billing_refund",
         {"Refund for annual plan", "charged twice, need refund", "refund request"},
         {"I was charged twice for the annual plan this month and would like a refund for the duplicate.",
          "We upgraded by mistake and would like the difference refunded. Is that possible within 14 days?"},
         "I've refunded the duplicate charge; it takes 5-10 business days to show on your statement."},
        {"download_invoice",
         {"Where can I download invoices?", "invoice for March", "need a VAT invoice"},
         {"Our accountant needs the invoices for the last quarter with our VAT number on them.",
          "I can't find where to download the invoice for last month's payment."},
         "Invoices are under Settings > Billing > Invoices; add your VAT number there and they are regenerated."},
        {"export_csv",
         {"Export to CSV", "how do I export my projects", "CSV export missing columns"},
         {"I need to export all tasks of a project to CSV for a report, including custom fields.",
          "The CSV export doesn't include the due dates. Is there a setting for that?"},
         "Use Project > Export > CSV and tick 'Include custom fields'; due dates are in the 'due_at' column."},
        {"failed_payment",
         {"Payment failed", "card declined on renewal", "workspace suspended after failed payment"},
         {"Our renewal payment failed and now the workspace shows a banner that it will be suspended.",
          "My card was declined although it has enough funds. We use a corporate Visa."},
         "Update the card under Settings > Billing and click 'Retry payment'; the banner disappears within minutes."},
        {"app_slow",
         {"App is very slow", "board takes ages to load", "performance problems since update"},
         {"Since the last update the board view takes 20 seconds to load in Chrome. Other sites are fine.",
          "Everything is sluggish today, switching projects freezes the browser tab for several seconds."},
         "Please clear the app cache (Settings > Advanced > Clear cache) and disable extensions that rewrite pages."},
        {"invite_members",
         {"Can't invite team members", "invite email never arrives", "how to add colleagues"},
         {"I invited three colleagues yesterday but none of them received the invitation e-mail.",
          "How do I add people from my company to the workspace without sending individual invites?"},
         "Invitations can be resent from Members > Pending; with a verified domain colleagues can join directly."},
        {"change_plan",
         {"Upgrade to Pro", "downgrade plan", "switch to monthly billing"},
         {"We'd like to move from the annual Pro plan to monthly billing. What happens to the remaining months?",
          "How do I upgrade only my team to Enterprise while keeping the others on Pro?"},
         "Plan changes are under Settings > Billing > Plan; unused time is credited to your next invoice."},
        {"delete_account",
         {"Delete my account", "close account and remove data", "GDPR deletion request"},
         {"Please delete my account and all data you hold about me under GDPR.",
          "We're shutting down the company and need all workspaces and personal data removed."},
         "Account deletion is under Settings > Account > Delete; it removes all data within 30 days."},
        {"email_not_received",
         {"Not receiving notification emails", "no password reset email", "emails go missing"},
         {"I requested a password reset three times but no e-mail arrives, not even in spam.",
          "Notification e-mails stopped arriving for our whole team last week."},
         "Please allow-list notifications@example.com; I've re-sent the e-mail and checked it was delivered."},
        {"file_upload_fails",
         {"File upload fails", "attachments won't upload", "upload stuck at 99%"},
         {"Uploading a 40 MB PDF fails with 'Something went wrong'. Smaller files work.",
          "Attachments get stuck at 99% and then disappear."},
         "The upload limit is 25 MB on Pro; larger files can be linked from cloud storage."},
        {"api_rate_limits",
         {"API returns 429", "rate limit too low", "API throttling"},
         {"Our integration gets HTTP 429 Too Many Requests after about 100 calls per minute.",
          "What are the API rate limits on Enterprise? We sync about 50k records a day."},
         "The limit is 100 requests per minute per token; use the bulk endpoints or ask us to raise it on Enterprise."},
        {"calendar_sync",
         {"Google Calendar sync not working", "due dates not in calendar", "calendar duplicates"},
         {"Tasks with due dates no longer show up in my Google Calendar since Monday.",
          "The calendar sync creates every event twice."},
         "Disconnect and reconnect Google Calendar under Integrations; duplicates are cleaned up on the next sync."},
        {"mobile_notifications",
         {"No push notifications on iPhone", "Android notifications delayed", "mobile alerts"},
         {"I don't get push notifications on my iPhone anymore, although they are enabled.",
          "Notifications on Android arrive hours late."},
         "Please check that background refresh is on and sign out and in again in the mobile app."},
        {"change_email",
         {"Change login email", "update my email address", "wrong email on account"},
         {"I changed jobs and need to move my account to my new e-mail address.",
          "My login e-mail has a typo, can you fix it?"},
         "You can change it under Settings > Profile > E-mail; we send a confirmation to the new address."},
    };
    return t;
}

const char *const kFirst[] = {"Amara",  "Jonas", "Mei",   "Lucas", "Priya", "Sven", "Olivia", "Mateo", "Hana",   "Noah",
                              "Fatima", "Liam",  "Sofia", "Kenji", "Elena", "Omar", "Chloe",  "Arjun", "Ingrid", "Tom"};
const char *const kLast[] = {"Okafor", "Schmidt", "Chen",   "Martin", "Patel",  "Larsen",  "Brown", "Garcia", "Sato",
                             "Novak",  "Haddad",  "Murphy", "Rossi",  "Tanaka", "Popescu", "Khan",  "Dubois", "Singh"};
const char *const kOpeners[] = {"Hi,",           "Hello support team,", "Hi there,",
                                "Good morning,", "Dear Sir or Madam,",  "Hey,"};
const char *const kDetails[] = {"We're on the {tier} plan with about {n} users.",
                                "This is urgent, our team can't work.",
                                "I already tried logging out and in again.",
                                "Browser: Firefox {n}, Windows 11.",
                                "Order reference: INV-{n}.",
                                "It worked fine until last week.",
                                "Screenshot attached.",
                                "Could you please look into it today?"};
const char *const kClosers[] = {"Thanks!", "Best regards,", "Cheers,", "Thank you in advance,", "Kind regards,"};
const char *const kFollowUps[] = {"Thanks, that worked!", "I tried that but it still doesn't work.",
                                  "Any update on this?", "Perfect, thank you for the quick help."};

QList<Ticket> makeTickets(int first, int count, int customers)
{
    QList<Ticket> out;
    out.reserve(count);
    const QDateTime epoch = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const char *tiers[] = {"free", "free", "free", "pro", "pro", "enterprise"};
    for (int i = first; i < first + count; ++i) {
        std::mt19937_64 rng(0x5eed0000ULL + uint64_t(i));
        auto pick = [&rng](size_t n) { return size_t(rng() % n); };
        const Topic &topic = topics()[pick(topics().size())];
        Ticket t;
        t.id = u"B-%1"_s.arg(i, 6, 10, QChar(u'0'));
        const int c = int(rng() % uint64_t(customers));
        const char *firstName = kFirst[c % std::size(kFirst)];
        const char *lastName = kLast[(c / 7) % std::size(kLast)];
        t.customer.id = u"BC-%1"_s.arg(c, 5, 10, QChar(u'0'));
        t.customer.name = QString::fromLatin1(firstName) + u' ' + QString::fromLatin1(lastName);
        t.customer.email = u"%1.%2.%3@customer.example"_s
                               .arg(QString::fromLatin1(firstName).toLower(), QString::fromLatin1(lastName).toLower())
                               .arg(c);
        t.customer.tier = QString::fromLatin1(tiers[c % std::size(tiers)]);
        t.subject = QString::fromLatin1(topic.subjects[pick(topic.subjects.size())]);
        t.language = u"en"_s;
        const uint64_t s = rng() % 100;
        t.status = s < 25 ? u"open"_s : s < 35 ? u"pending"_s : s < 85 ? u"resolved"_s : u"closed"_s;
        if (s >= 35 && rng() % 2)
            t.intent = QString::fromLatin1(topic.intent);
        t.createdAt = epoch.addSecs(qint64(rng() % (365ULL * 86400)));

        QString detail = QString::fromLatin1(kDetails[pick(std::size(kDetails))]);
        detail.replace(u"{tier}"_s, t.customer.tier).replace(u"{n}"_s, QString::number(rng() % 900 + 10));
        const QString body = QString::fromLatin1(kOpeners[pick(std::size(kOpeners))]) + u"\n\n"_s +
                             QString::fromLatin1(topic.problems[pick(topic.problems.size())]) + u' ' + detail +
                             u"\n\n"_s + QString::fromLatin1(kClosers[pick(std::size(kClosers))]) + u'\n' +
                             t.customer.name;
        QDateTime at = t.createdAt;
        t.messages.append({u"customer"_s, body, at});
        const QString reply = u"Hi %1,\n\nThanks for reaching out. %2\n\nBest,\nSam from Support"_s.arg(
            QString::fromLatin1(firstName), QString::fromLatin1(topic.fix));
        const bool resolved = s >= 35;
        const int rounds = int(rng() % 2); // extra customer/agent exchanges
        for (int r = 0; r < rounds; ++r) {
            at = at.addSecs(3600 + qint64(rng() % 20000));
            t.messages.append({u"agent"_s, reply, at});
            at = at.addSecs(600 + qint64(rng() % 20000));
            t.messages.append({u"customer"_s, QString::fromLatin1(kFollowUps[pick(std::size(kFollowUps))]), at});
        }
        if (resolved || t.status == u"pending"_s) {
            at = at.addSecs(1800 + qint64(rng() % 20000));
            t.messages.append({u"agent"_s, reply, at});
        }
        out.append(std::move(t));
    }
    return out;
}

// The cached store: demo knowledge base, macros and tickets, then @p tickets synthetic tickets.
QString cachedStore(const QString &workDir, int tickets)
{
    const QString path = workDir + u"/tickets-%1-v1.db"_s.arg(tickets);
    if (QFileInfo::exists(path))
        return path;
    const QString partial = path + u".partial"_s;
    for (const QString &f : {partial, partial + u"-wal"_s, partial + u"-shm"_s})
        QFile::remove(f);
    std::printf("generating %d tickets into %s (once; cached)...\n", tickets, qPrintable(path));
    std::fflush(stdout);
    const auto start = SteadyClock::now();
    {
        auto store = store::Store::open(partial);
        if (!store)
            fail(store.error().toString());
        if (auto demo = demo::importDemoData(**store); !demo)
            fail(u"demo data: "_s + demo.error().toString());
        const int batch = 5000;
        const int customers = std::max(1, tickets / 4);
        for (int i = 0; i < tickets; i += batch) {
            auto r = (*store)->importTickets(makeTickets(i, std::min(batch, tickets - i), customers), u"bench"_s);
            if (!r)
                fail(u"importTickets: "_s + r.error().toString());
        }
    }
    if (!QFile::rename(partial, path))
        fail(u"cannot rename "_s + partial);
    std::printf("generated in %.1f s (%.0f MB)\n", msSince(start) / 1e3, double(QFileInfo(path).size()) / 1e6);
    return path;
}

// ---- children ---------------------------------------------------------------------------------------------

struct ChildRun {
    double startMs = 0;   ///< our CLOCK_MONOTONIC before start -> the child's when interactive
    double selfMs = 0;    ///< the child's own interactive_ms (kernel start time, 10 ms ticks)
    double rssMb = 0;     ///< at interactive
    double engineMs = -1; ///< with waitForEngine: start -> engine loaded
    double engineRssMb = 0;
};

QHash<QString, QString> fields(const QByteArray &line)
{
    QHash<QString, QString> h;
    for (const QByteArray &kv : line.trimmed().split(' ')) {
        const qsizetype eq = kv.indexOf('=');
        if (eq > 0)
            h.insert(QString::fromLatin1(kv.left(eq)), QString::fromLatin1(kv.mid(eq + 1)));
    }
    return h;
}

ChildRun runChild(const QString &program, const QStringList &args, const QProcessEnvironment &env, bool waitForEngine)
{
    QProcess proc;
    proc.setProgram(program);
    proc.setArguments(args);
    proc.setProcessEnvironment(env);
    ChildRun run;
    bool interactive = false;
    QByteArray buffer;
    const long long t0 = StartupProbe::nowNs(CLOCK_MONOTONIC);
    proc.start();
    if (!proc.waitForStarted(10000))
        fail(program + u": "_s + proc.errorString());
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 300000) {
        if (!proc.waitForReadyRead(1000)) {
            if (proc.state() == QProcess::NotRunning)
                break;
            continue;
        }
        buffer += proc.readAllStandardOutput();
        qsizetype nl;
        bool done = false;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(nl);
            buffer.remove(0, nl + 1);
            const auto f = fields(line);
            const double ms = double(f.value(u"monotonic_ns"_s).toLongLong() - t0) / 1e6;
            const double rss = f.value(u"rss_kb"_s).toDouble() / 1024.0;
            if (f.contains(u"interactive_ms"_s)) {
                interactive = true;
                run.startMs = ms;
                run.selfMs = f.value(u"interactive_ms"_s).toDouble();
                run.rssMb = rss;
                done = !waitForEngine;
            } else if (f.contains(u"engine_ready_ms"_s)) {
                run.engineMs = ms;
                run.engineRssMb = rss;
                done = interactive;
            } else if (f.contains(u"engine_failed_ms"_s)) {
                fail(program + u": the engine failed to load"_s);
            }
        }
        if (done)
            break;
    }
    proc.kill();
    proc.waitForFinished(10000);
    if (!interactive)
        fail(program + u" never reported interactive; stderr:\n"_s +
             QString::fromLocal8Bit(proc.readAllStandardError()));
    return run;
}

// ---- in process: selection -> draft painted ----------------------------------------------------------------

class PaintWatch : public QObject {
public:
    bool armed = false;
    bool painted = false;
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (armed && event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

struct SelectionResult {
    std::vector<double> readyMs, paintedMs;
    int failed = 0;
    double engineLoadMs = 0;
    int queueRows = 0;
};

SelectionResult measureSelections(const QString &dbPath, int selections)
{
    SelectionResult result;
    auto store = store::Store::open(dbPath);
    if (!store)
        fail(store.error().toString());
    const engine::EngineConfig config = app::SettingsDialog::engineConfig(**store);
    auto *controller = new app::DraftController(std::move(*store));
    controller->setAgent(u"bench"_s);
    app::MainWindow window(controller);
    window.resize(1280, 800);

    bool engineDone = false;
    QObject::connect(controller, &app::DraftController::engineLoaded, &window, [&engineDone] { engineDone = true; });
    QObject::connect(controller, &app::DraftController::engineFailed, &window,
                     [](const QString &message) { fail(u"engine: "_s + message); });
    QTimer tick; // wakes WaitForMoreEvents so the time limits below are checked
    tick.start(50);
    const auto engineStart = SteadyClock::now();
    controller->loadEngine(config);
    window.show();
    while (!engineDone && msSince(engineStart) < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (!engineDone)
        fail(u"the engine did not load within 10 minutes"_s);
    result.engineLoadMs = msSince(engineStart);

    auto *view = window.findChild<QTableView *>(u"queueView"_s);
    auto *editor = window.findChild<QPlainTextEdit *>(u"replyEditor"_s);
    if (!view || !editor)
        fail(u"queueView or replyEditor not found"_s);
    // A few pages of the queue, as an agent scrolling down would load them.
    while (window.queueModel()->rowCount() < 3000 && window.queueModel()->canFetchMore({}))
        window.queueModel()->fetchMore({});
    QAbstractItemModel *rows = view->model();
    result.queueRows = rows->rowCount();
    if (result.queueRows < 2)
        fail(u"the queue is empty"_s);

    PaintWatch watch;
    editor->viewport()->installEventFilter(&watch);
    QString wanted;
    bool ready = false, failed = false;
    SteadyClock::time_point t0;
    double readyMs = 0;
    QObject::connect(controller, &app::DraftController::draftReady, &window, [&](const QString &id) {
        if (id != wanted)
            return;
        ready = true;
        readyMs = msSince(t0);
        watch.armed = true; // MainWindow::onDraftReady (connected first) has filled the panel
    });
    QObject::connect(controller, &app::DraftController::draftFailed, &window, [&](const QString &id) {
        if (id == wanted)
            failed = true;
    });

    std::mt19937 rng(77);
    const int warmup = 10;
    int previous = -1;
    for (int i = 0; i < warmup + selections; ++i) {
        int row;
        do
            row = int(rng() % uint32_t(result.queueRows));
        while (row == previous);
        previous = row;
        const QModelIndex index = rows->index(row, 0);
        view->scrollTo(index); // the row is on screen before the agent clicks it
        QCoreApplication::processEvents();
        wanted = index.data(app::QueueModel::TicketIdRole).toString();
        ready = failed = watch.armed = watch.painted = false;
        t0 = SteadyClock::now();
        view->setCurrentIndex(index);
        while (!watch.painted && !failed && msSince(t0) < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const double paintedMs = msSince(t0);
        if (!watch.painted) {
            ++result.failed;
            continue;
        }
        if (i >= warmup) {
            result.readyMs.push_back(readyMs);
            result.paintedMs.push_back(paintedMs);
        }
    }
    return result;
}

// ---- --first-draft: the client's first draft on a large store ----------------------------------------------

// A store of @p articles synthetic articles or @p answers past answers (as bench_draft fills them) and one open
// ticket, generated once into @p workDir.
QString largeStore(const QString &workDir, const bench::SyntheticCorpus &corpus, qsizetype articles, qsizetype answers)
{
    const QString path =
        workDir + (articles > 0 ? u"/articles-%1-v1.db"_s.arg(articles) : u"/answers-%1-v1.db"_s.arg(answers));
    if (QFileInfo::exists(path))
        return path;
    const QString partial = path + u".partial"_s;
    for (const QString &f : {partial, partial + u"-wal"_s, partial + u"-shm"_s})
        QFile::remove(f);
    std::printf("generating %s (once; cached)...\n", qPrintable(path));
    std::fflush(stdout);
    const auto start = SteadyClock::now();
    {
        auto store = store::Store::open(partial);
        if (!store)
            fail(store.error().toString());
        constexpr qsizetype kBatch = 20000;
        for (qsizetype from = 0; from < articles; from += kBatch) {
            QList<Article> batch;
            for (qsizetype i = from; i < std::min(articles, from + kBatch); ++i) {
                Article a;
                a.id = u"kb-%1"_s.arg(i);
                a.title = corpus.document(1, uint64_t(i), 6);
                for (uint64_t part = 0; part < 3; ++part)
                    a.body += u"## "_s + corpus.document(2, uint64_t(i) * 3 + part, 4) + u"\n\n"_s +
                              corpus.document(3, uint64_t(i) * 3 + part, 80) + u"\n\n"_s;
                a.url = u"https://help.example/"_s + a.id;
                batch << a;
            }
            if (auto r = (*store)->importArticles(batch, u"bench"_s, false); !r)
                fail(r.error().toString());
        }
        for (qsizetype from = 0; from < answers; from += kBatch) {
            QList<store::Answer> batch;
            for (qsizetype i = from; i < std::min(answers, from + kBatch); ++i) {
                store::Answer a;
                a.key = u"bench:%1"_s.arg(i);
                a.question = corpus.document(4, uint64_t(i), 65);
                a.reply = u"Hi,\n\n"_s + corpus.document(5, uint64_t(i), 60) + u"\n\nBest,\nSam"_s;
                a.intent = u"intent-%1"_s.arg(i % 400);
                a.origin = u"bench"_s;
                batch << a;
            }
            if (auto r = (*store)->addAnswers(batch); !r)
                fail(r.error().toString());
        }
        Ticket t;
        t.id = u"T-FIRST"_s;
        t.subject = u"Card payment declined"_s;
        t.status = u"open"_s;
        t.customer = Customer{u"C-1"_s, u"Alex Doe"_s, u"alex@example.com"_s, u"pro"_s};
        t.createdAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        t.messages << Message{u"customer"_s, corpus.queries().value(0), t.createdAt};
        if (auto r = (*store)->importTickets({t}, u"bench"_s); !r)
            fail(r.error().toString());
    }
    if (!QFile::rename(partial, path))
        fail(u"cannot rename "_s + partial);
    std::printf("generated in %.1f s (%.0f MB)\n", msSince(start) / 1e3, double(QFileInfo(path).size()) / 1e6);
    return path;
}

// Turns the event loop until @p done, at most @p limitMs.
template <typename Done> bool waitFor(Done done, double limitMs)
{
    QTimer tick; // wakes WaitForMoreEvents so the limit is checked
    tick.start(20);
    const auto start = SteadyClock::now();
    while (!done() && msSince(start) < limitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

struct FirstDraft {
    double firstDraftMs = 0; ///< controller created (store opened) -> the first draftReady
    engine::SnapshotReport report;
};

FirstDraft firstDraft(const QString &db)
{
    FirstDraft r;
    const auto t0 = SteadyClock::now();
    auto store = store::Store::open(db);
    if (!store)
        fail(store.error().toString());
    const engine::EngineConfig config = app::SettingsDialog::engineConfig(**store);
    app::DraftController c(std::move(*store));
    c.setContentCheckInterval(0);
    bool ready = false;
    QObject::connect(&c, &app::DraftController::engineFailed, [](const QString &m) { fail(u"engine: "_s + m); });
    QObject::connect(&c, &app::DraftController::draftReady, [&] {
        if (!ready)
            r.firstDraftMs = msSince(t0);
        ready = true;
    });
    c.loadEngine(config);
    c.selectTicket(u"T-FIRST"_s);
    if (!waitFor([&] { return ready; }, 900000))
        fail(u"no first draft within 15 minutes"_s);
    r.report = c.snapshotReport();
    return r;
}

struct Rebuild {
    double callMs = 0;          ///< noteContentChanged() itself, on the GUI thread
    double rebuildMs = 0;       ///< noteContentChanged() -> engineRebuilt
    double maxStallMs = 0;      ///< the longest the GUI event loop went without turning meanwhile (10 ms timer)
    std::vector<double> drafts; ///< drafts requested during the rebuild: selection -> draftReady (ms)
    double peakRssMb = 0;
};

// New content arrives while the client runs: the rebuild happens beside it while the agent keeps drafting.
Rebuild backgroundRebuild(const QString &db)
{
    Rebuild r;
    auto store = store::Store::open(db);
    if (!store)
        fail(store.error().toString());
    const engine::EngineConfig config = app::SettingsDialog::engineConfig(**store);
    app::DraftController c(std::move(*store));
    c.setContentCheckInterval(0);
    bool loaded = false, rebuilt = false;
    QObject::connect(&c, &app::DraftController::engineLoaded, [&] { loaded = true; });
    QObject::connect(&c, &app::DraftController::engineRebuilt, [&] { rebuilt = true; });
    c.loadEngine(config);
    if (!waitFor([&] { return loaded; }, 900000))
        fail(u"the engine did not load"_s);
    Article a;
    a.id = u"kb-new-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    a.title = u"A new article"_s;
    a.body = u"## New\n\nSomething new to know about card payments and refunds."_s;
    if (auto st = c.store().importArticles({a}, u"bench-new"_s, false); !st)
        fail(st.error().toString());
    Ticket other; // drafts alternate between two tickets, so each request is a real draft
    other.id = u"T-OTHER"_s;
    other.subject = u"Refund"_s;
    other.status = u"open"_s;
    other.messages << Message{u"customer"_s, u"I would like a refund for the duplicate card payment."_s, {}};
    if (auto st = c.store().importTickets({other}, u"bench-new"_s); !st)
        fail(st.error().toString());
    QString wanted;
    bool ready = false;
    QObject::connect(&c, &app::DraftController::draftReady, [&](const QString &id) { ready = ready || id == wanted; });
    const auto start = SteadyClock::now();
    c.noteContentChanged();
    r.callMs = msSince(start);
    if (!c.isRebuilding())
        fail(u"no rebuild started"_s);
    auto last = SteadyClock::now();
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        r.maxStallMs = std::max(r.maxStallMs, msSince(last));
        last = SteadyClock::now();
    });
    tick.start(10);
    for (int n = 0; !rebuilt && msSince(start) < 900000; ++n) {
        wanted = n % 2 ? u"T-FIRST"_s : u"T-OTHER"_s;
        ready = false;
        const auto t0 = SteadyClock::now();
        c.selectTicket(wanted);
        while (!ready && !rebuilt)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (ready && !rebuilt)
            r.drafts.push_back(msSince(t0));
        const auto pause = SteadyClock::now(); // the agent reads the draft for a while
        while (!rebuilt && msSince(pause) < 500)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    if (!rebuilt)
        fail(u"the rebuild did not finish"_s);
    r.rebuildMs = msSince(start);
    r.peakRssMb = bench::peakRssBytes() / (1024.0 * 1024.0);
    return r;
}

// --queue-sorts: the queue's first page (Store::queuePage, 200 rows) under every order, both directions, over all
// tickets and the open-and-pending filter; the median of 5 after one warm-up. Then what the GUI thread waits for
// in QueueModel::sort() under each order and how long until the page is shown (median of 4 after two warm-ups,
// directions alternating).
int queueSortsMain(const QString &storePath)
{
    auto store = store::Store::open(storePath);
    if (!store)
        fail(store.error().toString());
    using Sort = store::QueueQuery::Sort;
    using Status = store::QueueQuery::Status;
    const std::pair<Sort, const char *> sorts[] = {{Sort::Default, "default"},       {Sort::Subject, "subject"},
                                                   {Sort::Customer, "customer"},     {Sort::Tier, "tier"},
                                                   {Sort::Status, "status"},         {Sort::Waiting, "waiting"},
                                                   {Sort::Confidence, "confidence"}, {Sort::Escalation, "escalation"}};
    std::printf("\n%-28s %12s %12s %12s %12s\n", "queue first page (ms, p50)", "all asc", "all desc", "active asc",
                "active desc");
    double worst = 0;
    for (const auto &[sort, name] : sorts) {
        std::printf("%-28s", name);
        for (const Status status : {Status::All, Status::Active})
            for (const bool descending : {false, true}) {
                store::QueueQuery q;
                q.sort = sort;
                q.status = status;
                q.descending = descending;
                std::vector<double> ms;
                for (int i = 0; i < 6; ++i) {
                    const auto t0 = SteadyClock::now();
                    auto page = (*store)->queuePage(q, 0, 200);
                    if (!page)
                        fail(page.error().toString());
                    if (i > 0)
                        ms.push_back(msSince(t0));
                }
                const double p50 = stats(ms).p50;
                worst = std::max(worst, p50);
                std::printf(" %12.2f", p50);
            }
        std::printf("\n");
    }
    std::printf("slowest first page: %.2f ms\n", worst);

    // What the GUI thread waits for through app::QueueModel::sort(): the orders the store must sort are read on
    // the model's worker, so sort() returns at once and the page arrives later (pageLoaded).
    app::QueueModel model(store->get());
    model.reload();
    std::printf("\n%-28s %14s %14s\n", "QueueModel::sort (ms, p50)", "GUI thread", "page shown");
    double worstGui = 0;
    for (const auto &[sort, name] : sorts) {
        if (sort == Sort::Default)
            continue;
        std::vector<double> gui, shown;
        for (int i = 0; i < 6; ++i) {
            model.sort(-1);
            QElapsedTimer t;
            t.start();
            model.sort(int(sort) - 1, i % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
            const double returned = double(t.nsecsElapsed()) / 1e6;
            while (model.isLoading())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
            if (i > 1) {
                gui.push_back(returned);
                shown.push_back(double(t.nsecsElapsed()) / 1e6);
            }
        }
        worstGui = std::max(worstGui, stats(gui).p50);
        std::printf("%-28s %14.2f %14.2f\n", name, stats(gui).p50, stats(shown).p50);
    }
    std::printf("longest GUI-thread wait in QueueModel::sort: %.2f ms\n", worstGui);
    return 0;
}

int firstDraftMain(const QCommandLineParser &p)
{
    const QString workDir = QDir(p.value(u"work-dir"_s)).absolutePath();
    QDir().mkpath(workDir);
    const int runs = p.isSet(u"runs"_s) ? std::max(1, p.value(u"runs"_s).toInt()) : 3;
    bench::SyntheticCorpus::Options options;
    options.banking77Dir = QStringLiteral(UNDERSTUDY_SOURCE_DIR) + u"/../shared/datasets/banking77"_s;
    options.knowledgeBaseDir = QStringLiteral(UNDERSTUDY_SOURCE_DIR) + u"/resources/demo/kb"_s;
    auto corpus = bench::SyntheticCorpus::create(options);
    if (!corpus)
        fail(corpus.error().toString());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    for (const char *xdg : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        env.insert(QString::fromLatin1(xdg), workDir + u"/xdg"_s);
    QJsonObject json;
    const QString loadBefore = loadAverage();
    const qsizetype sizes[2][2] = {{p.value(u"articles"_s).toLongLong(), 0}, {0, p.value(u"answers"_s).toLongLong()}};
    for (const auto &[articles, answers] : sizes) {
        if (articles + answers <= 0)
            continue;
        const QString db = largeStore(workDir, *corpus, articles, answers);
        QFile::remove(engine::EngineSnapshot::pathFor(db));
        std::printf("\n== %lld articles, %lld answers (store %.0f MB) ==\n", qlonglong(articles), qlonglong(answers),
                    double(QFileInfo(db).size()) / 1e6);
        std::fflush(stdout);
        const FirstDraft cold = firstDraft(db);
        if (!cold.report.saved)
            fail(u"the snapshot was not written: "_s + cold.report.saveError);
        std::printf("  cold (no snapshot)  first draft %.0f ms: engine built in %.0f ms, snapshot written in %.0f ms "
                    "(%.1f MB)\n",
                    cold.firstDraftMs, cold.report.loadMs, cold.report.saveMs, double(cold.report.bytes) / 1e6);
        std::fflush(stdout);
        std::vector<double> warmFirst, warmLoad;
        for (int i = 0; i < runs; ++i) {
            const FirstDraft warm = firstDraft(db);
            if (!warm.report.loaded)
                fail(u"the snapshot was not used: "_s + warm.report.rebuiltBecause);
            warmFirst.push_back(warm.firstDraftMs);
            warmLoad.push_back(warm.report.loadMs);
        }
        const Stats wf = stats(warmFirst), wl = stats(warmLoad);
        std::printf("  warm (snapshot)     first draft p50 %.0f ms, max %.0f (target <= 1000: %s); snapshot load p50 "
                    "%.0f ms, max %.0f (target <= 500: %s); %d runs\n",
                    wf.p50, wf.max, wf.max <= 1000 ? "met" : "NOT met", wl.p50, wl.max,
                    wl.max <= 500 ? "met" : "NOT met", runs);
        std::fflush(stdout);
        const ChildRun child = runChild(p.value(u"app"_s), {u"--db"_s, db, u"--report-startup"_s}, env, true);
        std::printf(
            "  child `understudy`  process start -> interactive %.0f ms, -> engine ready %.0f ms (RSS %.0f MB)\n",
            child.startMs, child.engineMs, child.engineRssMb);
        std::fflush(stdout);
        const Rebuild rebuild = backgroundRebuild(db);
        const Stats drafts = stats(rebuild.drafts);
        std::printf("  background rebuild  %.0f ms after new content; noteContentChanged() %.2f ms on the GUI thread; "
                    "longest event-loop stall meanwhile %.0f ms; %d drafts served during it (p50 %.0f ms, max %.0f "
                    "ms); peak RSS of this process %.0f MB\n",
                    rebuild.rebuildMs, rebuild.callMs, rebuild.maxStallMs, drafts.n, drafts.p50, drafts.max,
                    rebuild.peakRssMb);
        std::fflush(stdout);
        json.insert(articles > 0 ? u"articles"_s : u"answers"_s,
                    QJsonObject{{u"articles"_s, articles},
                                {u"answers"_s, answers},
                                {u"cold_first_draft_ms"_s, cold.firstDraftMs},
                                {u"build_ms"_s, cold.report.loadMs},
                                {u"snapshot_save_ms"_s, cold.report.saveMs},
                                {u"snapshot_bytes"_s, double(cold.report.bytes)},
                                {u"warm_first_draft_ms"_s, toJson(wf)},
                                {u"snapshot_load_ms"_s, toJson(wl)},
                                {u"child_interactive_ms"_s, child.startMs},
                                {u"child_engine_ready_ms"_s, child.engineMs},
                                {u"rebuild_ms"_s, rebuild.rebuildMs},
                                {u"rebuild_call_ms"_s, rebuild.callMs},
                                {u"rebuild_max_stall_ms"_s, rebuild.maxStallMs},
                                {u"drafts_during_rebuild_ms"_s, toJson(drafts)},
                                {u"peak_rss_mb"_s, rebuild.peakRssMb}});
    }
    std::printf("\nload average %s -> %s (%d cores)\n", qPrintable(loadBefore), qPrintable(loadAverage()),
                QThread::idealThreadCount());
    if (p.isSet(u"json"_s)) {
        QFile f(p.value(u"json"_s));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(json).toJson()) < 0)
            fail(u"cannot write "_s + p.value(u"json"_s));
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qapp(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(u"Start-up, selection latency and memory of the desktop client vs a bare Qt window."_s);
    p.addHelpOption();
    p.addOption({u"tickets"_s, u"Tickets in the store (default 100000)."_s, u"N"_s, u"100000"_s});
    p.addOption({u"runs"_s, u"Timed start-ups of each program (default 10)."_s, u"N"_s, u"10"_s});
    p.addOption({u"selections"_s, u"Timed ticket selections (default 300)."_s, u"N"_s, u"300"_s});
    p.addOption({u"work-dir"_s, u"Where the generated store is cached."_s, u"DIR"_s,
                 QDir::tempPath() + u"/understudy-bench-app"_s});
    p.addOption({u"json"_s, u"Also write the figures as JSON."_s, u"FILE"_s});
    p.addOption({u"queue-sorts"_s, u"Measure the queue's first page under every order instead (see the top)."_s});
    p.addOption({u"app"_s, u"The understudy executable."_s, u"PATH"_s, QStringLiteral(UNDERSTUDY_APP_PATH)});
    p.addOption({u"bare"_s, u"The bench_bare_window executable."_s, u"PATH"_s, QStringLiteral(BARE_WINDOW_PATH)});
    p.addOption({u"first-draft"_s, u"Measure the first draft after start on large stores instead (see the top)."_s});
    p.addOption(
        {u"articles"_s, u"--first-draft: articles in the first store (default 100000)."_s, u"N"_s, u"100000"_s});
    p.addOption(
        {u"answers"_s, u"--first-draft: answers in the second store (default 1000000)."_s, u"N"_s, u"1000000"_s});
    p.process(qapp);
    if (p.isSet(u"first-draft"_s))
        return firstDraftMain(p);
    const int tickets = p.value(u"tickets"_s).toInt();
    const int runs = std::max(1, p.value(u"runs"_s).toInt());
    const int selections = std::max(1, p.value(u"selections"_s).toInt());
    const QString workDir = QDir(p.value(u"work-dir"_s)).absolutePath();
    QDir().mkpath(workDir);
    const QString loadBefore = loadAverage();

    const QString cached = cachedStore(workDir, tickets);
    const QString runDb = workDir + u"/run.db"_s;
    for (const QString &f : {runDb, runDb + u"-wal"_s, runDb + u"-shm"_s})
        QFile::remove(f);
    if (!QFile::copy(cached, runDb))
        fail(u"cannot copy the store to "_s + runDb);
    if (p.isSet(u"queue-sorts"_s))
        return queueSortsMain(runDb);

    // Children: offscreen, with their settings, logs and caches inside the work dir.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    for (const char *xdg : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        env.insert(QString::fromLatin1(xdg), workDir + u"/xdg"_s);
    const QString appPath = p.value(u"app"_s), barePath = p.value(u"bare"_s);
    const QStringList appArgs = {u"--db"_s, runDb, u"--report-startup"_s, u"--exit-when-interactive"_s};
    const QStringList bareArgs = {u"--rows"_s, QString::number(tickets), u"--exit-when-interactive"_s};

    std::printf("start-ups: %d of each, interleaved (one untimed warm-up each)...\n", runs);
    std::fflush(stdout);
    runChild(barePath, bareArgs, env, false);
    runChild(appPath, appArgs, env, false);
    std::vector<double> bareStart, appStart, bareSelf, appSelf, bareRss, appRss;
    for (int i = 0; i < runs; ++i) {
        const ChildRun b = runChild(barePath, bareArgs, env, false);
        const ChildRun a = runChild(appPath, appArgs, env, false);
        bareStart.push_back(b.startMs);
        bareSelf.push_back(b.selfMs);
        bareRss.push_back(b.rssMb);
        appStart.push_back(a.startMs);
        appSelf.push_back(a.selfMs);
        appRss.push_back(a.rssMb);
    }
    std::printf("app once more, until its engine has loaded...\n");
    std::fflush(stdout);
    const ChildRun settled = runChild(appPath, {u"--db"_s, runDb, u"--report-startup"_s}, env, true);

    std::printf("selections: %d timed (10 warm-up), in process...\n", selections);
    std::fflush(stdout);
    const SelectionResult sel = measureSelections(runDb, selections);
    const QString loadAfter = loadAverage();

    const Stats bs = stats(bareStart), as = stats(appStart), bself = stats(bareSelf), aself = stats(appSelf);
    const Stats br = stats(bareRss), ar = stats(appRss);
    const Stats ready = stats(sel.readyMs), painted = stats(sel.paintedMs);
    const double startRatio = bs.p50 > 0 ? as.p50 / bs.p50 : 0;
    const double rssRatio = br.p50 > 0 ? ar.p50 / br.p50 : 0;
    const double settledRatio = br.p50 > 0 ? settled.engineRssMb / br.p50 : 0;
    auto verdict = [](bool ok) { return ok ? "yes" : "NO"; };

    std::printf("\nbench_app: %d tickets (store %.0f MB), %d start-ups each, %d selections; load average %s -> %s "
                "(%d cores)\n",
                tickets, double(QFileInfo(cached).size()) / 1e6, runs, selections, qPrintable(loadBefore),
                qPrintable(loadAfter), QThread::idealThreadCount());
    std::printf("%-44s %10s %10s %10s %10s %8s %8s %6s\n", "", "bare p50", "app p50", "app min", "app max", "ratio",
                "target", "met");
    std::printf("%-44s %10.1f %10.1f %10.1f %10.1f %7.1fx %8s %6s\n", "start -> interactive queue (ms)", bs.p50, as.p50,
                as.min, as.max, startRatio, "< 500", verdict(as.p50 < 500));
    std::printf("%-44s %10.1f %10.1f %10.1f %10.1f %7.1fx %8s %6s\n", "  same, child's own clock (ms, 10 ms ticks)",
                bself.p50, aself.p50, aself.min, aself.max, bself.p50 > 0 ? aself.p50 / bself.p50 : 0, "", "");
    std::printf("%-44s %10.1f %10.1f %10.1f %10.1f %7.1fx %8s %6s\n", "RSS at interactive (MB)", br.p50, ar.p50, ar.min,
                ar.max, rssRatio, "< 150", verdict(ar.p50 < 150));
    std::printf("%-44s %10.1f %10.1f %10s %10s %7.1fx %8s %6s\n", "RSS once the engine has loaded (MB)", br.p50,
                settled.engineRssMb, "", "", settledRatio, "< 150", verdict(settled.engineRssMb < 150));
    std::printf("%-44s %10s %10.1f\n", "start -> engine loaded, child (ms)", "", settled.engineMs);
    std::printf("\n%-44s %10s %10s %10s %10s %10s\n", "selection -> (ms), in process", "p50", "p90", "p99", "max",
                "target");
    std::printf("%-44s %10.1f %10.1f %10.1f %10.1f %10s\n", "  draftReady (engine done, panel filled)", ready.p50,
                ready.p90, ready.p99, ready.max, "");
    std::printf("%-44s %10.1f %10.1f %10.1f %10.1f %10s  met: %s\n", "  draft painted", painted.p50, painted.p90,
                painted.p99, painted.max, "p99 < 100", verdict(painted.n > 0 && painted.p99 < 100));
    std::printf("(%d selections over the first %d queue rows; %d without a draft within 30 s; in-process engine load "
                "%.0f ms)\n",
                painted.n, sel.queueRows, sel.failed, sel.engineLoadMs);

    if (p.isSet(u"json"_s)) {
        QJsonObject j{
            {u"tickets"_s, tickets},
            {u"runs"_s, runs},
            {u"load_before"_s, loadBefore},
            {u"load_after"_s, loadAfter},
            {u"bare"_s,
             QJsonObject{{u"start_ms"_s, toJson(bs)}, {u"self_ms"_s, toJson(bself)}, {u"rss_mb"_s, toJson(br)}}},
            {u"app"_s, QJsonObject{{u"start_ms"_s, toJson(as)},
                                   {u"self_ms"_s, toJson(aself)},
                                   {u"rss_mb"_s, toJson(ar)},
                                   {u"engine_ready_ms"_s, settled.engineMs},
                                   {u"engine_rss_mb"_s, settled.engineRssMb}}},
            {u"ratios"_s, QJsonObject{{u"start"_s, startRatio}, {u"rss"_s, rssRatio}, {u"rss_engine"_s, settledRatio}}},
            {u"selection"_s, QJsonObject{{u"ready_ms"_s, toJson(ready)},
                                         {u"painted_ms"_s, toJson(painted)},
                                         {u"failed"_s, sel.failed},
                                         {u"queue_rows"_s, sel.queueRows},
                                         {u"engine_load_ms"_s, sel.engineLoadMs}}},
            {u"targets"_s, QJsonObject{{u"start_ms"_s, 500}, {u"selection_p99_ms"_s, 100}, {u"rss_mb"_s, 150}}},
        };
        QFile f(p.value(u"json"_s));
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(j).toJson()) < 0)
            fail(u"cannot write "_s + p.value(u"json"_s));
    }
    return 0;
}

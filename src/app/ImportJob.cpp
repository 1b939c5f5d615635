// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportJob.h"

#include "Importers.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent>

#include <sqlite3.h>

#include <atomic>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {
Q_LOGGING_CATEGORY(lcImport, "understudy.app.import", QtInfoMsg)

/// How often the dialog's progress is brought up to date.
constexpr int kPollMs = 100;

/// The first line of @p path with text in it (at most 64 KiB read).
QByteArray firstLine(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = f.read(64 * 1024);
    for (const QByteArray &line : head.split('\n'))
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    return {};
}
} // namespace

struct ImportJob::State {
    std::atomic<bool> cancel{false};
    std::atomic<bool> interruptPending{false};
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{-1};
    std::function<void(qint64)> hook; ///< set before start, read only by the worker
};

qsizetype ImportOutcome::records() const
{
    qsizetype n = 0;
    for (const ImportedFile &f : files)
        n += f.records;
    return n;
}

ImportJob::ImportJob(const QString &databasePath, const QStringList &paths, ImportKind kind, QObject *parent)
    : QObject(parent), m_databasePath(databasePath), m_paths(paths), m_kind(kind), m_state(std::make_shared<State>()),
      m_poll(new QTimer(this))
{
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, [this] { Q_EMIT progressed(done(), total()); });
}

ImportJob::~ImportJob()
{
    if (m_running) {
        cancel();
        m_future.waitForFinished(); // at the next record or file: the transaction is rolled back
    }
}

ImportKind ImportJob::guessKind(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return ImportKind::Knowledge;
    const QString ext = fi.suffix().toLower();
    if (ext == u"csv"_s || ext == u"tsv"_s)
        return ImportKind::Tickets;
    if (ext == u"jsonl"_s || ext == u"ndjson"_s) {
        const QJsonObject o = QJsonDocument::fromJson(firstLine(path)).object();
        const bool ticket = o.contains(u"messages"_s) || o.contains(u"customer"_s) || o.contains(u"subject"_s) ||
                            o.contains(u"status"_s);
        return ticket && !o.contains(u"body"_s) ? ImportKind::Tickets : ImportKind::Knowledge;
    }
    if (ext == u"json"_s) {
        // The top-level key names the export; read no further than needed.
        QFile f(path);
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.read(4096) : QByteArray();
        const qsizetype tickets = head.indexOf("\"tickets\"");
        const qsizetype macros = head.indexOf("\"macros\"");
        const qsizetype articles = head.indexOf("\"articles\"");
        const auto first = [](qsizetype a, qsizetype b) { return a >= 0 && (b < 0 || a < b); };
        if (first(tickets, articles) && first(tickets, macros))
            return ImportKind::Tickets;
        if (first(macros, articles))
            return ImportKind::Macros;
        return ImportKind::Knowledge;
    }
    return ImportKind::Knowledge;
}

bool ImportJob::isImportable(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return true;
    static const QStringList known{u"md"_s,     u"markdown"_s, u"html"_s, u"htm"_s, u"jsonl"_s,
                                   u"ndjson"_s, u"json"_s,     u"csv"_s,  u"tsv"_s};
    return fi.isFile() && known.contains(fi.suffix().toLower());
}

void ImportJob::setRecordHook(std::function<void(qint64)> hook)
{
    m_state->hook = std::move(hook);
}

bool ImportJob::isRunning() const
{
    return m_running;
}

bool ImportJob::isCancelling() const
{
    return m_running && m_state->cancel.load();
}

qint64 ImportJob::done() const
{
    return m_state->done.load();
}

qint64 ImportJob::total() const
{
    return m_state->total.load();
}

void ImportJob::cancel()
{
    if (m_running)
        m_state->cancel.store(true);
}

void ImportJob::start()
{
    if (m_running)
        return;
    m_running = true;
    auto *watcher = new QFutureWatcher<ImportOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_poll->stop();
        m_running = false;
        m_outcome = watcher->result();
        Q_EMIT progressed(done(), total());
        Q_EMIT finished();
    });
    m_future = QtConcurrent::run(&ImportJob::run, m_state, m_databasePath, m_paths, m_kind);
    watcher->setFuture(m_future);
    m_poll->start();
}

ImportOutcome ImportJob::run(const std::shared_ptr<State> &state, const QString &databasePath, const QStringList &paths,
                             ImportKind kind)
{
    ImportOutcome outcome;
    const auto cancelled = [&outcome] {
        outcome.status = ImportOutcome::Status::Cancelled;
        outcome.files.clear();
        return outcome;
    };
    const auto failed = [&outcome](const Error &e) {
        outcome.status = ImportOutcome::Status::Failed;
        outcome.error = e.toString();
        outcome.files.clear();
        return outcome;
    };

    // Read every file first: one that cannot be read leaves the store untouched.
    QList<QList<Article>> articles;
    QList<QList<Ticket>> tickets;
    QList<QList<Macro>> macros;
    qint64 total = 0;
    for (const QString &path : paths) {
        if (state->cancel.load())
            return cancelled();
        ImportedFile file;
        file.path = path;
        if (kind == ImportKind::Knowledge) {
            auto read = connectors::readKnowledge({path});
            if (!read)
                return failed(read.error());
            file.records = read->size();
            articles << std::move(*read);
        } else if (kind == ImportKind::Tickets) {
            auto read = connectors::readTickets(path, connectors::TicketReadOptions{});
            if (!read)
                return failed(read.error());
            file.records = read->size();
            tickets << std::move(*read);
        } else {
            auto read = connectors::readMacros(path);
            if (!read)
                return failed(read.error());
            file.records = read->size();
            macros << std::move(*read);
        }
        total += file.records;
        outcome.files << file;
    }
    state->total.store(total);
    if (state->cancel.load())
        return cancelled();

    auto store = store::Store::open(databasePath);
    if (!store)
        return failed(store.error());
    store::Database &db = (*store)->db();
    auto tx = db.transaction("import from the client");
    if (!tx.status())
        return state->cancel.load() ? cancelled() : failed(tx.status().error());
    // Cancel between records: the next statement on this connection is interrupted (SQLITE_INTERRUPT), the import
    // returns that error and every transaction rolls back. The handler is installed only once Cancel is asked, so
    // an import that runs to its end pays nothing for it.
    qint64 before = 0;
    const store::Store::Progress progress = [&](qsizetype done, qsizetype) {
        state->done.store(before + done);
        if (state->hook)
            state->hook(before + done);
        if (state->cancel.load() && !state->interruptPending.exchange(true))
            sqlite3_progress_handler(
                db.handle(), 1,
                [](void *s) -> int { return static_cast<State *>(s)->interruptPending.exchange(false) ? 1 : 0; },
                state.get());
    };
    for (qsizetype i = 0; i < outcome.files.size(); ++i) {
        ImportedFile &file = outcome.files[i];
        // The origin is the file's absolute path, as understudyctl gives it: either can re-import the other's file.
        const QFileInfo fi(file.path);
        const QString origin = fi.exists() ? fi.absoluteFilePath() : file.path;
        Result<store::ImportReport> report =
            kind == ImportKind::Knowledge ? (*store)->importArticles(articles[i], origin, true, progress)
            : kind == ImportKind::Tickets ? (*store)->importTickets(tickets[i], origin, progress)
                                          : (*store)->importMacros(macros[i]);
        if (!report) {
            if (state->cancel.load())
                return cancelled();
            return failed(report.error());
        }
        file.report = *report;
        before += file.records;
        state->done.store(before);
        if (state->cancel.load())
            return cancelled(); // between files (macros have no per-record progress)
    }
    if (state->cancel.load())
        return cancelled();
    if (auto committed = tx.commit(); !committed)
        return failed(committed.error());
    sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    qCInfo(lcImport) << "imported" << total << "records from" << paths.size() << "file(s)";
    outcome.status = ImportOutcome::Status::Done;
    return outcome;
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Store.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QTimer;

namespace understudy::app {

/// @brief What the files of an import hold.
enum class ImportKind { Knowledge, Tickets, Macros };

/// @brief What one file of an import did (the figures `understudyctl import` prints for it).
struct ImportedFile {
    QString path;
    qsizetype records = 0; ///< read from the file
    store::ImportReport report;
};

/// @brief How an import ended.
struct ImportOutcome {
    enum class Status { Done, Failed, Cancelled };
    Status status = Status::Failed;
    QString error; ///< Failed: the importer's or the store's error, naming the file and line
    QList<ImportedFile> files;
    /// @brief Records read from all the files.
    qsizetype records() const;
};

/// @brief Imports knowledge, tickets or macros into the client's store off the GUI thread, with the readers and
/// store imports `understudyctl import` uses (connectors::readKnowledge / readTickets / readMacros, then
/// Store::importArticles / importTickets / importMacros), so a file means the same and fails with the same error
/// (file and line) in both.
///
/// Every file is read before anything is written, then all of them are written in ONE transaction on the job's own
/// connection to the store file: a bad file, an error or Cancel leaves the store as it was. Cancel takes effect
/// after the file being read, or after the record being written (the next statement is interrupted and the
/// transaction rolled back). Progress is polled on the GUI thread; nothing crosses threads but atomics.
class ImportJob : public QObject {
    Q_OBJECT
public:
    /// @brief Imports @p paths (files, or folders of knowledge) as @p kind into the store at @p databasePath.
    ImportJob(const QString &databasePath, const QStringList &paths, ImportKind kind, QObject *parent = nullptr);
    /// @brief Cancels a running import and waits for its rollback.
    ~ImportJob() override;

    /// @brief What @p path most likely holds: by extension (.md, .html: knowledge; .csv, .tsv: tickets), and for
    /// JSON by its content ({"articles"}, {"tickets"}, {"macros"}; JSONL: a ticket's "messages" or an article's
    /// "body"). A folder is knowledge.
    static ImportKind guessKind(const QString &path);
    /// @brief Whether @p path is a folder or a file of a type some import reads.
    static bool isImportable(const QString &path);

    void start();
    /// @brief Asks the import to stop and leave the store as it was; finished() follows with Cancelled (or Done,
    /// when the transaction had committed already).
    void cancel();
    bool isRunning() const;
    bool isCancelling() const;
    ImportKind kind() const { return m_kind; }
    QStringList paths() const { return m_paths; }
    /// @brief Records written so far and in all (-1 while the files are being read).
    qint64 done() const;
    qint64 total() const;
    /// @brief The outcome once finished().
    const ImportOutcome &outcome() const { return m_outcome; }

    /// @brief Tests: called on the import's thread after each record is written, inside the transaction.
    void setRecordHook(std::function<void(qint64 done)> hook);

Q_SIGNALS:
    /// @brief Progress, polled a few times a second while running.
    void progressed(qint64 done, qint64 total);
    void finished();

private:
    struct State;
    static ImportOutcome run(const std::shared_ptr<State> &state, const QString &databasePath, const QStringList &paths,
                             ImportKind kind);

    QString m_databasePath;
    QStringList m_paths;
    ImportKind m_kind;
    std::shared_ptr<State> m_state;
    QFuture<ImportOutcome> m_future;
    QTimer *m_poll;
    ImportOutcome m_outcome;
    bool m_running = false;
};

} // namespace understudy::app

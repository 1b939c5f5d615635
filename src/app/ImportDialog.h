// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ImportJob.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace understudy::app {

/// @brief File ▸ Import… and files dropped on the window: what the files will be imported as (guessed from the
/// first file, changeable), then the import with its progress, Cancel (the store is left as it was), and what it
/// did or why it failed (the importer's error, naming the file and line). Closing it while an import runs cancels
/// the import. Non-modal work: the import runs on its own thread (ImportJob).
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(const QString &databasePath, const QStringList &paths, QWidget *parent = nullptr);

    QStringList paths() const { return m_paths; }
    ImportKind kind() const;
    void setKind(ImportKind kind);
    /// @brief Starts the import (the Import button).
    void startImport();
    /// @brief The running or last import; null before the first.
    ImportJob *job() const { return m_job; }
    /// @brief Tests: handed to each import's ImportJob::setRecordHook().
    void setRecordHook(std::function<void(qint64)> hook) { m_hook = std::move(hook); }

    /// @brief "%file: 3 articles (3 added, 0 updated, …)" for each file of @p outcome, as understudyctl says it.
    static QStringList summary(ImportKind kind, const ImportOutcome &outcome);

    void reject() override;

Q_SIGNALS:
    /// @brief An import of @p kind committed: the store has new content.
    void imported(understudy::app::ImportKind kind);

private:
    void showProgress(qint64 done, qint64 total);
    void onFinished();
    void showResult(const QString &text, bool error);

    QString m_databasePath;
    QStringList m_paths;
    std::function<void(qint64)> m_hook;
    ImportJob *m_job = nullptr;
    bool m_closeWhenDone = false;
    QLabel *m_files;
    QComboBox *m_kind;
    QLabel *m_kindHelp;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_import;
    QPushButton *m_cancel;
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportDialog.h"

#include "Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <climits>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {
QString kindHelp(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Knowledge:
        return ImportDialog::tr("Articles: Markdown with front matter, HTML, JSONL (one article per line) or a "
                                "Zendesk Help Center export (.json); a folder is read whole. Articles are matched "
                                "by id; those a file no longer has are marked removed.");
    case ImportKind::Tickets:
        return ImportDialog::tr("Tickets: JSONL, CSV or TSV (a \"text\" column with the customer's message), a "
                                "Zendesk tickets export or labelled pairs (.json). Resolved tickets with a reply "
                                "teach the drafts.");
    case ImportKind::Macros:
        return ImportDialog::tr("Macros: {\"macros\": [...]} (.json), as Zendesk exports them.");
    }
    return {};
}
} // namespace

ImportDialog::ImportDialog(const QString &databasePath, const QStringList &paths, QWidget *parent)
    : QDialog(parent), m_databasePath(databasePath), m_paths(paths), m_files(new QLabel(this)),
      m_kind(new QComboBox(this)), m_kindHelp(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_import(new QPushButton(tr("&Import"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"importDialog"_s);
    setWindowTitle(tr("Import"));

    QStringList names;
    for (const QString &p : paths)
        names << QFileInfo(p).fileName();
    m_files->setObjectName(u"importFiles"_s);
    m_files->setText(names.size() <= 5
                         ? names.join(u", "_s)
                         : tr("%1 and %n more", nullptr, int(names.size() - 4)).arg(names.mid(0, 4).join(u", "_s)));
    m_files->setToolTip(paths.join(u'\n'));
    m_files->setWordWrap(true);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_kind->setObjectName(u"importKind"_s);
    m_kind->setAccessibleName(tr("Import as"));
    m_kind->addItem(tr("Knowledge base articles"), int(ImportKind::Knowledge));
    m_kind->addItem(tr("Tickets"), int(ImportKind::Tickets));
    m_kind->addItem(tr("Macros"), int(ImportKind::Macros));
    m_kindHelp->setObjectName(u"importKindHelp"_s);
    m_kindHelp->setWordWrap(true);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { m_kindHelp->setText(kindHelp(kind())); });
    setKind(paths.isEmpty() ? ImportKind::Knowledge : ImportJob::guessKind(paths.first()));
    m_kindHelp->setText(kindHelp(kind()));

    m_progress->setObjectName(u"importProgress"_s);
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->hide();
    m_status->setObjectName(u"importStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_import->setObjectName(u"importButton"_s);
    m_import->setDefault(true);
    m_cancel->setObjectName(u"importCancelButton"_s);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_job || !m_job->isRunning()) {
            reject();
            return;
        }
        // Cancel stays to say so; closing the window while an import runs (reject()) cancels and closes.
        m_cancel->setEnabled(false);
        m_job->cancel();
        showProgress(m_job->done(), m_job->total());
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Files:"), m_files);
    form->addRow(tr("Import &as:"), m_kind);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_kindHelp);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

ImportKind ImportDialog::kind() const
{
    return ImportKind(m_kind->currentData().toInt());
}

void ImportDialog::setKind(ImportKind kind)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(int(kind))));
}

void ImportDialog::startImport()
{
    if (m_job && m_job->isRunning())
        return;
    delete m_job;
    m_job = new ImportJob(m_databasePath, m_paths, kind(), this);
    if (m_hook)
        m_job->setRecordHook(m_hook);
    connect(m_job, &ImportJob::progressed, this, &ImportDialog::showProgress);
    connect(m_job, &ImportJob::finished, this, &ImportDialog::onFinished);
    m_import->setEnabled(false);
    m_kind->setEnabled(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setEnabled(true);
    m_status->setStyleSheet({});
    m_progress->show();
    showProgress(-1, -1);
    m_job->start();
}

void ImportDialog::showProgress(qint64 done, qint64 total)
{
    if (m_job && m_job->isCancelling()) {
        m_status->setText(tr("Cancelling… the store is being left as it was."));
        return;
    }
    if (total < 0) {
        m_progress->setRange(0, 0); // busy: the files are being read
        m_status->setText(tr("Reading the files…"));
        return;
    }
    // The bar counts in per mille so that any number of records fits an int.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(1000 * done / total) : 1000);
    m_status->setText(tr("Importing %1 of %n record(s)…", nullptr, int(qMin<qint64>(total, INT_MAX))).arg(done));
}

QStringList ImportDialog::summary(ImportKind kind, const ImportOutcome &outcome)
{
    QStringList lines;
    for (const ImportedFile &f : outcome.files) {
        const QString name = QFileInfo(f.path).fileName();
        const store::ImportReport &r = f.report;
        const int n = int(f.records);
        switch (kind) {
        case ImportKind::Knowledge:
            lines << tr("%1: %n article(s) (%2 added, %3 updated, %4 unchanged, %5 marked removed)", nullptr, n)
                         .arg(name)
                         .arg(r.added)
                         .arg(r.updated)
                         .arg(r.unchanged)
                         .arg(r.removed);
            break;
        case ImportKind::Tickets:
            lines << tr("%1: %n ticket(s) (%2 added, %3 updated, %4 answer-bank entries)", nullptr, n)
                         .arg(name)
                         .arg(r.added)
                         .arg(r.updated)
                         .arg(r.answers);
            break;
        case ImportKind::Macros:
            lines << tr("%1: %n macro(s) (%2 added, %3 updated, %4 unchanged)", nullptr, n)
                         .arg(name)
                         .arg(r.added)
                         .arg(r.updated)
                         .arg(r.unchanged);
            break;
        }
    }
    return lines;
}

void ImportDialog::onFinished()
{
    const ImportOutcome &o = m_job->outcome();
    m_progress->hide();
    m_kind->setEnabled(true);
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
    switch (o.status) {
    case ImportOutcome::Status::Done:
        m_import->hide();
        m_cancel->setDefault(true);
        showResult(tr("Imported.") + u'\n' + summary(m_job->kind(), o).join(u'\n'), false);
        Q_EMIT imported(m_job->kind());
        break;
    case ImportOutcome::Status::Failed:
        m_import->setEnabled(true);
        showResult(tr("Nothing was imported: %1").arg(o.error), true);
        break;
    case ImportOutcome::Status::Cancelled:
        m_import->setEnabled(true);
        showResult(tr("Import cancelled: nothing was imported."), false);
        break;
    }
    if (m_closeWhenDone)
        QDialog::reject();
}

void ImportDialog::showResult(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: %1"_s.arg(Theme::color(Theme::Role::Danger).name()) : QString());
}

void ImportDialog::reject()
{
    if (m_job && m_job->isRunning()) {
        // Cancel, and close once the store is as it was (the rollback takes a moment).
        m_closeWhenDone = true;
        m_cancel->setEnabled(false);
        m_job->cancel();
        showProgress(m_job->done(), m_job->total());
        return;
    }
    QDialog::reject();
}

} // namespace understudy::app

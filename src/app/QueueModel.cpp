// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueueModel.h"

#include "Database.h"
#include "QueueRepository.h"
#include "Theme.h"

#include <understudy/Clock.h>

#include <QFileInfo>
#include <QFont>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QPalette>
#include <QScopedValueRollback>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

using namespace Qt::StringLiterals;

namespace understudy::app {

struct QueueModel::Loaded {
    Result<qint64> total = qint64(0); ///< not read for Append
    Result<QList<store::QueueRow>> rows = QList<store::QueueRow>();
    Result<QSet<QString>> flagged = QSet<QString>();
};

namespace {
QueueModel::Loaded read(store::QueueRepository &queue, const QueueModel::Load &load)
{
    QueueModel::Loaded out;
    if (load.kind != QueueModel::Load::Kind::Append) {
        out.total = queue.size(load.query);
        if (!out.total)
            return out;
    }
    out.rows = queue.page(load.query, load.offset, load.limit);
    if (out.rows) {
        QStringList ids;
        for (const store::QueueRow &r : std::as_const(*out.rows))
            ids << r.id;
        out.flagged = queue.flaggedAmong(ids);
    }
    return out;
}

QString problem(const Error &e)
{
    return QueueModel::tr("Cannot read the queue: %1").arg(e.toString());
}
} // namespace

/// @brief The worker's read connection to the store's file, opened on its first read. The pool has one thread,
/// so one read at a time uses it.
class QueueModel::Reader {
public:
    explicit Reader(QString path) : m_path(std::move(path)) {}

    Loaded read(const Load &load)
    {
        if (!m_queue) {
            store::Database::Options options;
            options.readOnly = true;
            options.wal = false; // the store's own connection made the file WAL
            auto db = store::Database::open(m_path, options);
            if (!db) {
                Loaded failed;
                failed.total = db.error();
                failed.rows = db.error();
                return failed;
            }
            m_db = std::move(*db);
            m_queue = std::make_unique<store::QueueRepository>(*m_db);
        }
        return understudy::app::read(*m_queue, load);
    }

private:
    QString m_path;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::QueueRepository> m_queue;
};

QueueModel::QueueModel(store::Store *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    // A store without a file of its own (in memory) has no second connection to read it: pages are read at once.
    if (const QString path = store->db().path(); QFileInfo(path).isFile())
        m_reader = std::make_shared<Reader>(path);
    m_pool.setMaxThreadCount(1);
}

QueueModel::~QueueModel()
{
    m_pending = nullptr;
    m_pool.waitForDone(); // the worker holds its own reference to the reader; its page is dropped with the watcher
}

bool QueueModel::offGuiThread(const store::QueueQuery &query) const
{
    if (!m_reader)
        return false;
    switch (m_loading) {
    case Loading::OnGuiThread:
        return false;
    case Loading::SlowOffGuiThread:
        return store::QueueRepository::sortsEveryRow(query);
    case Loading::OffGuiThread:
        return true;
    }
    return false;
}

void QueueModel::start(const Load &load)
{
    // A newer read makes the page being read on the worker void (its watcher drops it when it arrives).
    m_pending = nullptr;
    if (!offGuiThread(load.query)) {
        Loaded loaded = read(m_store->queueRepository(), load);
        apply(load, loaded);
        return;
    }
    auto *watcher = new QFutureWatcher<Loaded>(this);
    m_pending = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, load] {
        watcher->deleteLater();
        if (m_pending != watcher)
            return;
        m_pending = nullptr;
        Loaded loaded = watcher->result();
        apply(load, loaded);
        Q_EMIT pageLoaded();
        if (std::exchange(m_refreshAgain, false))
            refresh();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [reader = m_reader, load] { return reader->read(load); }));
}

void QueueModel::apply(const Load &load, Loaded &loaded)
{
    switch (load.kind) {
    case Load::Kind::Reset:
        applyReset(load, loaded);
        break;
    case Load::Kind::Refresh:
        applyRefresh(load, loaded);
        break;
    case Load::Kind::Append:
        applyAppend(load, loaded);
        break;
    }
    if (loaded.total && loaded.rows && !loaded.flagged)
        Q_EMIT loadFailed(problem(loaded.flagged.error()));
}

void QueueModel::reload()
{
    start({Load::Kind::Reset, m_query, 0, m_pageSize});
}

void QueueModel::applyReset(const Load &load, Loaded &loaded)
{
    const QScopedValueRollback guard(m_fetching, true);
    const bool read = loaded.total && loaded.rows;
    beginResetModel();
    m_rows = read ? *loaded.rows : QList<store::QueueRow>();
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].id, i);
    m_flagged = read && loaded.flagged ? *loaded.flagged : QSet<QString>();
    m_total = loaded.total ? *loaded.total : 0;
    m_exhausted = !read || m_rows.size() < load.limit;
    endResetModel();
    if (!loaded.total)
        Q_EMIT loadFailed(problem(loaded.total.error()));
    else if (!loaded.rows)
        Q_EMIT loadFailed(problem(loaded.rows.error()));
}

void QueueModel::refresh()
{
    if (m_fetching)
        return;
    if (m_pending) {
        m_refreshAgain = true; // after the page being read: it may have been read before the change
        return;
    }
    start({Load::Kind::Refresh, m_query, 0, qMax(m_pageSize, int(m_rows.size()))});
}

void QueueModel::applyRefresh(const Load &load, Loaded &loaded)
{
    const QScopedValueRollback guard(m_fetching, true);
    if (!loaded.total || !loaded.rows) {
        Q_EMIT loadFailed(problem(!loaded.total ? loaded.total.error() : loaded.rows.error()));
        return;
    }
    const QList<store::QueueRow> &page = *loaded.rows;
    bool same = page.size() == m_rows.size();
    for (qsizetype i = 0; same && i < page.size(); ++i)
        same = page.at(i).id == m_rows.at(i).id;
    m_total = *loaded.total;
    if (same) {
        m_rows = page;
        m_flagged = loaded.flagged ? *loaded.flagged : QSet<QString>();
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = page;
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].id, i);
    m_flagged = loaded.flagged ? *loaded.flagged : QSet<QString>();
    m_exhausted = m_rows.size() < load.limit;
    endResetModel();
}

void QueueModel::setQuery(const store::QueueQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    reload();
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    using Sort = store::QueueQuery::Sort;
    store::QueueQuery q = m_query;
    switch (column) {
    case SubjectColumn:
        q.sort = Sort::Subject;
        break;
    case CustomerColumn:
        q.sort = Sort::Customer;
        break;
    case TierColumn:
        q.sort = Sort::Tier;
        break;
    case StatusColumn:
        q.sort = Sort::Status;
        break;
    case WaitingColumn:
        q.sort = Sort::Waiting;
        break;
    case ConfidenceColumn:
        q.sort = Sort::Confidence;
        break;
    case EscalationColumn:
        q.sort = Sort::Escalation;
        break;
    default:
        q.sort = Sort::Default;
        break;
    }
    q.descending = q.sort != Sort::Default && order == Qt::DescendingOrder;
    setQuery(q);
}

void QueueModel::refreshTicket(const QString &ticketId)
{
    const int row = rowOf(ticketId);
    if (row < 0)
        return;
    auto r = m_store->queueRow(ticketId);
    if (!r) {
        Q_EMIT loadFailed(tr("Cannot read ticket %1: %2").arg(ticketId, r.error().toString()));
        return;
    }
    if (!*r)
        return;
    m_rows[row] = **r;
    m_flagged.remove(ticketId);
    if (auto flagged = m_store->flaggedAmong({ticketId}); !flagged)
        Q_EMIT loadFailed(problem(flagged.error()));
    else
        m_flagged.unite(*flagged);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int QueueModel::rowOf(const QString &ticketId) const
{
    return m_index.value(ticketId, -1);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_fetching && !m_pending;
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask for more from inside the insert notifications; one fetch at a time.
    if (parent.isValid() || m_exhausted || m_fetching || m_pending)
        return;
    const QScopedValueRollback guard(m_fetching, true);
    start({Load::Kind::Append, m_query, int(m_rows.size()), m_pageSize});
}

void QueueModel::applyAppend(const Load &load, Loaded &loaded)
{
    const QScopedValueRollback guard(m_fetching, true);
    if (!loaded.rows) {
        m_exhausted = true;
        Q_EMIT loadFailed(tr("Cannot read more of the queue: %1").arg(loaded.rows.error().toString()));
        return;
    }
    // Rows that arrived since the first page (or were already refreshed) are not added twice.
    QList<store::QueueRow> fresh;
    for (const store::QueueRow &r : std::as_const(*loaded.rows))
        if (!m_index.contains(r.id))
            fresh << r;
    if (loaded.rows->size() < load.limit)
        m_exhausted = true;
    if (loaded.flagged)
        m_flagged.unite(*loaded.flagged);
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const store::QueueRow &r : std::as_const(fresh)) {
        m_index.insert(r.id, int(m_rows.size()));
        m_rows << r;
    }
    endInsertRows();
}

QString QueueModel::waitingText(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid())
        return QString();
    const qint64 s = qMax<qint64>(0, since.secsTo(now));
    if (s < 3600)
        return tr("%1 min").arg(qMax<qint64>(1, s / 60));
    if (s < 2 * 86400)
        return tr("%1 h").arg(s / 3600);
    return tr("%1 d").arg(s / 86400);
}

namespace {
QString statusText(const QString &status)
{
    if (status == u"open"_s)
        return QueueModel::tr("Open");
    if (status == u"pending"_s)
        return QueueModel::tr("Pending");
    if (status == u"resolved"_s)
        return QueueModel::tr("Resolved");
    if (status == u"closed"_s)
        return QueueModel::tr("Closed");
    return status;
}

QString tierText(const QString &tier)
{
    if (tier == u"free"_s)
        return QueueModel::tr("Free");
    if (tier == u"pro"_s)
        return QueueModel::tr("Pro");
    if (tier == u"enterprise"_s)
        return QueueModel::tr("Enterprise");
    return tier;
}

QVariant displayData(const store::QueueRow &r, int column, bool escalated, bool flagged)
{
    using M = QueueModel;
    switch (column) {
    case M::SubjectColumn:
        return r.subject.isEmpty() ? M::tr("(no subject)") : r.subject;
    case M::CustomerColumn:
        return r.customerName;
    case M::TierColumn:
        return tierText(r.customerTier);
    case M::StatusColumn:
        return statusText(r.status);
    case M::WaitingColumn:
        // Only the customer waits: after an agent's reply the ball is in their court.
        return (r.status == u"open"_s || r.status == u"pending"_s) && r.lastAuthor == u"customer"_s
                   ? M::waitingText(r.updatedAt, Clock::now())
                   : QString();
    case M::ConfidenceColumn:
        return r.hasDraft ? QVariant(u"%1%"_s.arg(qRound(100 * r.confidence))) : QVariant();
    case M::EscalationColumn:
        return (escalated ? M::escalatedMark() : QString()) + (flagged ? M::flaggedMark() : QString());
    }
    return {};
}

QVariant toolTip(const store::QueueRow &r, int column, bool flagged)
{
    using M = QueueModel;
    if (column == M::SubjectColumn)
        return u"%1 · %2"_s.arg(r.id, r.subject);
    if (column == M::ConfidenceColumn && r.hasDraft)
        return r.lowConfidence ? M::tr("Low confidence: %1%").arg(qRound(100 * r.confidence))
                               : M::tr("Confidence: %1%").arg(qRound(100 * r.confidence));
    if (column != M::EscalationColumn)
        return {};
    QStringList tips;
    if (r.hasDraft && r.escalate)
        tips << M::tr("%1 Escalated: the latest draft routes this ticket to a human").arg(M::escalatedMark());
    else if (r.escalatedByAgent)
        tips << M::tr("%1 Escalated: an agent handed this ticket to a human").arg(M::escalatedMark());
    if (flagged)
        tips << M::tr("%1 Flagged: an agent flagged a draft of this ticket as a bad answer").arg(M::flaggedMark());
    return tips.isEmpty() ? QVariant() : QVariant(tips.join(u'\n'));
}
} // namespace

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::QueueRow &r = m_rows[index.row()];
    const bool active = r.status == u"open"_s || r.status == u"pending"_s;
    const bool escalated = (r.hasDraft && r.escalate) || r.escalatedByAgent;
    const bool flagged = m_flagged.contains(r.id);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, index.column(), escalated, flagged);
    case Qt::ToolTipRole:
        return toolTip(r, index.column(), flagged);
    case Qt::FontRole:
        if (active && !r.seen) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (!active)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if (index.column() == EscalationColumn)
            return Theme::color(Theme::Role::Escalation);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == EscalationColumn || index.column() == WaitingColumn)
            return int(Qt::AlignCenter);
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == EscalationColumn) {
            QStringList marks;
            if (escalated)
                marks << tr("escalated");
            if (flagged)
                marks << tr("flagged as a bad answer");
            return marks.join(u", "_s);
        }
        if (index.column() == ConfidenceColumn)
            return r.hasDraft ? tr("confidence %1 percent").arg(qRound(100 * r.confidence)) : tr("no draft yet");
        return data(index, Qt::DisplayRole);
    case TicketIdRole:
        return r.id;
    case ConfidenceRole:
        return r.confidence;
    case HasDraftRole:
        return r.hasDraft;
    case LowConfidenceRole:
        return r.hasDraft && r.lowConfidence;
    case EscalatedRole:
        return escalated;
    case FlaggedRole:
        return flagged;
    case StatusRole:
        return r.status;
    case TierRole:
        return r.customerTier;
    case UnseenRole:
        return !r.seen;
    case WaitingSinceRole:
        return r.updatedAt;
    case SearchTextRole:
        return u"%1 %2 %3"_s.arg(r.id, r.subject, r.customerName);
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == EscalationColumn && role == Qt::ToolTipRole)
        return tr("%1 escalated to a human · %2 a draft flagged as a bad answer").arg(escalatedMark(), flaggedMark());
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case CustomerColumn:
        return tr("Customer");
    case TierColumn:
        return tr("Tier");
    case StatusColumn:
        return tr("Status");
    case WaitingColumn:
        return tr("Waiting");
    case ConfidenceColumn:
        return tr("Confidence");
    case EscalationColumn:
        return escalatedMark() + flaggedMark();
    }
    return {};
}

} // namespace understudy::app

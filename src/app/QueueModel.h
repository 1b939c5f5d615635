// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Store.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QThreadPool>

#include <memory>

namespace understudy::app {

/// @brief The agent's queue: the tickets of the local store that pass a store::QueueQuery (search, filters,
/// sort — all run in SQL), loaded lazily a page at a time (canFetchMore/fetchMore). A new query resets the model.
///
/// Pages the store must sort (QueueRepository::sortsEveryRow: by customer or tier, 100-250 ms at 100k tickets)
/// are read on a worker thread with a read connection of its own (the store is in WAL mode): the model keeps
/// showing the rows it has, answers at once, and replaces them in one reset when the page arrives (isLoading()
/// meanwhile; a newer query makes a late page void). Pages that walk an index (3-16 ms) are read at once.
class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SubjectColumn,
        CustomerColumn,
        TierColumn,
        StatusColumn,
        WaitingColumn,
        ConfidenceColumn,
        EscalationColumn,
        ColumnCount
    };
    enum Role {
        TicketIdRole = Qt::UserRole + 1, ///< QString: the ticket id
        ConfidenceRole,                  ///< double in [0,1]: the latest draft's confidence (0 without a draft)
        HasDraftRole,                    ///< bool: a draft exists for the ticket
        LowConfidenceRole,               ///< bool: the latest draft is marked low-confidence
        EscalatedRole,                   ///< bool: the latest draft escalates the ticket or an agent escalated it
        FlaggedRole,                     ///< bool: an agent flagged a draft of the ticket as a bad answer
        StatusRole,                      ///< QString: "open", "pending", "resolved", "closed"
        TierRole,                        ///< QString: the customer's tier ("free", "pro", "enterprise", "")
        UnseenRole,                      ///< bool: no draft of the ticket was shown to an agent yet
        WaitingSinceRole,                ///< QDateTime: the latest message's time (invalid when unknown)
        SearchTextRole,                  ///< QString: id, subject and customer, for the search box
    };
    Q_ENUM(Role)

    /// @brief Where pages are read.
    enum class Loading {
        OnGuiThread,      ///< every page at once, on the caller's thread (stores without a file: always)
        SlowOffGuiThread, ///< pages the store must sort on the worker, the others at once (the default)
        OffGuiThread,     ///< every page on the worker
    };
    Q_ENUM(Loading)

    explicit QueueModel(store::Store *store, QObject *parent = nullptr);
    ~QueueModel() override;

    void setLoading(Loading loading) { m_loading = loading; }
    Loading loading() const { return m_loading; }
    /// @brief True while a page is being read on the worker (the rows shown are the previous ones).
    bool isLoading() const { return m_pending != nullptr; }

    /// @brief Rows read per fetchMore() (default 200).
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    /// @brief Drops what is loaded and reads the first page again.
    void reload();
    /// @brief Reads the loaded rows again (after a sync changed tickets): the rows in place when the same tickets
    /// are listed in the same order, else a reset with as many rows as were loaded.
    void refresh();
    /// @brief Shows the tickets that pass @p query, in its order (a model reset); a query equal to the current
    /// one changes nothing.
    void setQuery(const store::QueueQuery &query);
    const store::QueueQuery &query() const { return m_query; }
    /// @brief Sorts in the store: the columns map to QueueQuery::Sort; -1 restores the store's default order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// @brief Re-reads one ticket's row (after a draft or an action changed it).
    void refreshTicket(const QString &ticketId);
    /// @brief The row of @p ticketId among the loaded rows, or -1.
    int rowOf(const QString &ticketId) const;
    qint64 totalRows() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// @brief "3 min", "5 h", "2 d": how long a ticket has been waiting.
    static QString waitingText(const QDateTime &since, const QDateTime &now);
    /// @brief The marks column's symbols: escalated to a human, and a draft flagged as a bad answer.
    static QString escalatedMark() { return QStringLiteral("⇧"); }
    static QString flaggedMark() { return QStringLiteral("⚑"); }

Q_SIGNALS:
    /// @brief Reading the store failed; the queue keeps what it has.
    void loadFailed(const QString &message);
    /// @brief A page read on the worker was shown (or its error reported).
    void pageLoaded();

public:
    /// @brief One read of the store: what to read, and what it gave.
    struct Load {
        enum class Kind { Reset, Refresh, Append } kind = Kind::Reset;
        store::QueueQuery query;
        int offset = 0;
        int limit = 0;
    };
    struct Loaded;
    class Reader;

private:
    /// @brief Reads @p load at once or on the worker, then shows it.
    void start(const Load &load);
    void apply(const Load &load, Loaded &loaded);
    void applyReset(const Load &load, Loaded &loaded);
    void applyRefresh(const Load &load, Loaded &loaded);
    void applyAppend(const Load &load, Loaded &loaded);
    bool offGuiThread(const store::QueueQuery &query) const;

    store::Store *m_store;
    std::shared_ptr<Reader> m_reader; ///< the worker's connection, opened on first use
    Loading m_loading = Loading::SlowOffGuiThread;
    QObject *m_pending = nullptr; ///< the watcher of the page being read on the worker
    bool m_refreshAgain = false;  ///< refresh() was asked while a page was being read
    QSet<QString> m_flagged;
    store::QueueQuery m_query;
    QList<store::QueueRow> m_rows;
    QHash<QString, int> m_index;
    qint64 m_total = 0;
    int m_pageSize = 200;
    bool m_exhausted = false;
    bool m_fetching = false;
    QThreadPool m_pool; ///< one thread: the worker
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace understudy::app {

/// @brief One agent's row of GET /stats/agents or /stats/me (docs/protocol.md, "Agent stats row").
struct AgentStatsRow {
    QString agent;
    QString team; ///< empty when the agent has none (or the server predates teams)
    qint64 shown = 0;
    qint64 sentAsIs = 0;
    qint64 sentEdited = 0;
    qint64 rejected = 0;
    qint64 flagged = 0;
    qint64 regenerated = 0;
    qint64 escalated = 0;
    double acceptance = 0;
    QMap<QString, qint64> rejectedByReason;
    std::optional<double> meanConfidence;
    std::optional<double> medianKept;
    std::optional<double> medianOpenToSendS;

    /// @brief The drafts acted on: sent as is or edited, rejected, flagged, escalated (the server's
    /// denominator of `acceptance`, and of every share in the table).
    qint64 actedOn() const { return sentAsIs + sentEdited + rejected + flagged + escalated; }
    /// @brief @p n as a share of actedOn(); null when nothing was acted on.
    std::optional<double> share(qint64 n) const;

    static AgentStatsRow fromJson(const QJsonObject &o);
};

/// @brief One ISO week of GET /stats/trends.
struct TrendWeek {
    QDate week;
    qint64 shown = 0, sentAsIs = 0, sentEdited = 0, rejected = 0, flagged = 0, escalated = 0;
    double acceptance = 0;
    std::optional<double> meanKept;
    QStringList engines;

    static TrendWeek fromJson(const QJsonObject &o);
};

/// @brief One bin of GET /stats/calibration.
struct CalibrationBin {
    double lo = 0, hi = 0;
    qint64 drafts = 0, accepted = 0;
    std::optional<double> meanConfidence;

    /// @brief Where the bin sits on the confidence axis: its drafts' mean confidence, else its middle.
    double displayed() const { return meanConfidence.value_or((lo + hi) / 2); }
    /// @brief accepted / drafts; null for an empty bin.
    std::optional<double> observed() const;

    static CalibrationBin fromJson(const QJsonObject &o);
};

/// @brief One flagged draft of GET /flags.
struct FlagItem {
    QString id;
    QString agent;
    QString ticketId;
    QDateTime at;
    QString reason;
    double confidence = 0;
    QString draft;
    QStringList sources; ///< "kind:id" (with the title when the server sends one)
    /// @brief The same sources as sent: kind ("article", "answer", "macro"), id and title (empty when unknown).
    struct Source {
        QString kind;
        QString id;
        QString title;
    };
    QList<Source> sourceItems;
    QString resolution; ///< empty while open
    QString note;
    QString resolvedBy;

    static FlagItem fromJson(const QJsonObject &o);
};

/// @brief The per-agent table of the lead view. Shares are of the drafts acted on (AgentStatsRow::actedOn).
class AgentStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        AgentColumn,
        TeamColumn,
        ShownColumn,
        SentAsIsColumn,
        SentEditedColumn,
        MedianKeptColumn,
        RejectedColumn,
        FlaggedColumn,
        EscalatedColumn,
        MeanConfidenceColumn,
        AcceptanceColumn,
        OpenToSendColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< double: the cell's number for sorting (null figures as -1); text for names
        AgentRole,                   ///< QString: the row's agent
    };
    Q_ENUM(Role)

    explicit AgentStatsModel(QObject *parent = nullptr);

    void setRows(const QList<AgentStatsRow> &rows);
    const QList<AgentStatsRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief "12.5 %" in the current locale; "—" for null.
    static QString percentText(std::optional<double> share);
    /// @brief "45 s", "2 min 5 s", "2 min", "1 h 20 min"; "under 1 s" for 0 (the server keeps this median to the
    /// second below 10 minutes, so a 0 is a send within the first second); "—" for null.
    static QString durationText(std::optional<double> seconds);

private:
    QList<AgentStatsRow> m_rows;
};

/// @brief The rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break in double
/// quotes, quotes doubled), one column per reject reason seen in any row. Numbers are locale-free.
QString agentStatsCsv(const QList<AgentStatsRow> &rows);

/// @brief One CSV field quoted as RFC 4180 requires.
QString csvField(const QString &text);

} // namespace understudy::app

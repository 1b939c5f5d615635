// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QDialog>

class QAction;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace understudy::store {
class Store;
}

namespace understudy::app {

class AgentStatsModel;
class GapsModel;
class LeadController;
class MainWindow;
class MessageBar;
class SyncController;

/// @brief Team statistics for a lead (My statistics for an agent): date range and team, the per-agent table
/// (sortable, Export CSV…), weekly trends and calibration charts, the flag review queue, and (for a lead) the
/// knowledge gaps: topics and articles whose drafts had problems, to mark reviewed or open, under the spikes of
/// the week holding the last day. Shows saved figures with an "Offline — figures as of …" banner when the
/// server cannot be reached.
/// Widgets by objectName: fromEdit, toEdit, teamCombo, refreshButton, exportButton, offlineBanner, leadTabs,
/// agentTable, emptyState, chartAgentCombo, trendsChart, calibrationChart, flagList, flagDetail,
/// resolutionCombo, resolutionNote, resolveButton, leadMessageBar, gapsPage, spikesBanner, showReviewedCheck,
/// topicsSummary, topicTable, markTopicReviewedButton, articlesSummary, articleTable, markArticleReviewedButton,
/// openArticleButton, replySummary, replyTable (past replies and macros behind flags), trendsNote,
/// calibrationNote.
class LeadView : public QDialog {
    Q_OBJECT
public:
    /// @brief @p store must outlive the view; @p sync may be null (standalone: saved figures only).
    LeadView(store::Store &store, SyncController *sync, QWidget *parent = nullptr);
    ~LeadView() override;

    LeadController *controller() const { return m_controller; }
    AgentStatsModel *agentModel() const { return m_model; }
    QSortFilterProxyModel *agentProxy() const { return m_proxy; }
    GapsModel *topicModel() const { return m_topicModel; }
    GapsModel *articleModel() const { return m_articleModel; }
    /// @brief Past replies and macros that flagged drafts were built on (kept apart from the articles).
    GapsModel *replyModel() const { return m_replyModel; }
    /// @brief The fewest drafts a calibration bin needs to be drawn on the line (fewer: a point apart).
    static constexpr qint64 kMinBinDrafts = 5;
    /// @brief The table as CSV, rows in the order on screen (what Export CSV… writes).
    QString csv() const;
    /// @brief Writes csv() to @p path (UTF-8); the error for people otherwise.
    Result<bool> exportCsv(const QString &path) const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    /// @brief Open article @p articleId of the knowledge base (installLeadView shows it in the main window's
    /// knowledge-base browser).
    void articleRequested(const QString &articleId);

private:
    void buildUi();
    void applyRole(bool lead);
    void onRefreshed();
    void showOffline();
    void updateAgents();
    void updateTrends();
    void updateCalibration();
    void updateFlags();
    void showFlag();
    void resolveSelected();
    void chooseExportFile();
    void chartAgentChosen();
    void updateGaps();
    void updateGapButtons();
    void updateSpikes();
    void markReviewed(GapsModel *model, QTableView *table);
    void openSelectedArticle();
    /// @brief "Article · Card delivery times (kb-1)": the kind and the title, from the server or this store.
    QString sourceText(const QString &kind, const QString &id, const QString &title) const;

    store::Store &m_store;
    LeadController *m_controller;
    AgentStatsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    MessageBar *m_messages = nullptr;
    QLabel *m_banner = nullptr;
    QDateEdit *m_fromEdit = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QLabel *m_teamLabel = nullptr;
    QComboBox *m_team = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_chartAgent = nullptr;
    QChartView *m_trendsView = nullptr;
    QChartView *m_calibrationView = nullptr;
    QWidget *m_flagsPage = nullptr;
    QLabel *m_flagsSummary = nullptr;
    QListWidget *m_flagList = nullptr;
    QTextBrowser *m_flagDetail = nullptr;
    QComboBox *m_resolution = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_resolve = nullptr;
    GapsModel *m_topicModel;
    GapsModel *m_articleModel;
    GapsModel *m_replyModel;
    QLabel *m_trendsNote = nullptr;
    QLabel *m_calibrationNote = nullptr;
    QLabel *m_repliesSummary = nullptr;
    QTableView *m_replyTable = nullptr;
    QWidget *m_gapsPage = nullptr;
    QLabel *m_spikes = nullptr;
    QCheckBox *m_showReviewed = nullptr;
    QLabel *m_topicsSummary = nullptr;
    QTableView *m_topicTable = nullptr;
    QPushButton *m_markTopic = nullptr;
    QLabel *m_articlesSummary = nullptr;
    QTableView *m_articleTable = nullptr;
    QPushButton *m_markArticle = nullptr;
    QPushButton *m_openArticle = nullptr;
};

/// @brief View ▸ Team statistics… (My statistics… for an agent; Ctrl+Shift+L; objectName leadViewAction) in
/// @p window's menu bar, opening one LeadView on the window's store.
void installLeadView(MainWindow *window, SyncController *sync);

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QTableView;
class QTimer;

namespace understudy::store {
struct QueueQuery;
}

namespace understudy::app {

class ConfidenceDelegate;
class DeliveryState;
class DraftController;
class DraftPanel;
class ImportDialog;
class KnowledgeBrowser;
class MessageBar;
class QueueFilterModel;
class QueueModel;
class TicketView;

/// @brief The agent's main window: queue (left), ticket (centre), draft panel (right), message bar on top,
/// status bar below. Widgets by objectName: queueView, queueSearch, statusFilter, tierFilter, escalatedFilter,
/// lowConfidenceFilter, ticketView, draftPanel, replyEditor, sourcesView, escalationBanner, messageBar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// @brief Takes ownership of @p controller.
    explicit MainWindow(DraftController *controller, QWidget *parent = nullptr);
    ~MainWindow() override;

    DraftController *controller() const { return m_controller; }
    QueueModel *queueModel() const { return m_queue; }
    QueueFilterModel *queueFilter() const { return m_filter; }
    /// @brief Selects @p ticketId in the queue (loading pages until it is there); false if it is not.
    bool selectTicket(const QString &ticketId);
    /// @brief Selects the first row of the filtered queue.
    bool selectFirstTicket();
    /// @brief The knowledge-base browser, created on first use.
    KnowledgeBrowser *knowledgeBrowser();
    /// @brief Shows @p text in the inline message bar (never a modal dialog).
    void showError(const QString &text);
    /// @brief Reads the queue's rows again (a sync changed tickets); the ticket being worked on stays selected.
    void refreshQueue();
    /// @brief Opens the import dialog for @p paths (files, or folders of articles), as File ▸ Import… and a drop
    /// on the window do; after an import the queue and the drafting knowledge are brought up to date.
    ImportDialog *importFiles(const QStringList &paths);

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    /// @brief Files dropped on the window are imported (importFiles()).
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildActions();
    void buildUi();
    void updateActions();
    void updateOutbox(qint64 size);
    void onTicketChanged(const QString &ticketId);
    void showTicketDetails();
    void reselectCurrentTicket();
    /// @brief From the search box into the results: the queue gets the focus and, if none is, the first row.
    void focusResults();
    /// @brief "No tickets match" when the search and filters leave nothing.
    void updateEmptyState();
    /// @brief The articles behind the current draft, offered by the knowledge-base browser before a search.
    void suggestArticles();
    /// @brief Shows @p query in the search box and filter widgets without running it again.
    void showFilters(const store::QueueQuery &query);
    void onDraftReady(const QString &ticketId);
    /// @brief Sends the reply; asks once first when a placeholder ("[refund amount]") is still in it.
    void onSend();
    void sendReply(const QString &text);
    void onReject();
    void onFlag();
    /// @brief The flag's optional reason: the inline bar follows the controller's waiting flag.
    void connectFlagReason();
    void onRegenerate();
    void onEscalate();
    void openSource(const QString &kind, const QString &id);
    void showAbout();
    void showSettings();
    void showShortcuts();
    void showShortcutsOver(QWidget *parent);
    /// @brief File ▸ Import…: asks for the files, then importFiles().
    void chooseImportFiles();

    DraftController *m_controller;
    QueueModel *m_queue;
    QueueFilterModel *m_filter;
    ConfidenceDelegate *m_delegate;
    QTableView *m_queueView = nullptr;
    QLabel *m_queueEmpty = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchTimer = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tier = nullptr;
    QCheckBox *m_escalated = nullptr;
    QCheckBox *m_low = nullptr;
    TicketView *m_ticketView = nullptr;
    DeliveryState *m_deliveryState = nullptr;
    DraftPanel *m_draftPanel = nullptr;
    MessageBar *m_messages = nullptr;
    QPointer<KnowledgeBrowser> m_browser;
    QPointer<QMessageBox> m_placeholderQuestion; ///< open while Send asks about placeholders left
    QLabel *m_modeLabel = nullptr;
    QLabel *m_outboxLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QLabel *m_engineLabel = nullptr;
    QWidget *m_undoBox = nullptr;
    QLabel *m_undoLabel = nullptr;

    QAction *m_sendAction = nullptr;
    QAction *m_rejectAction = nullptr;
    QAction *m_flagAction = nullptr;
    QAction *m_regenerateAction = nullptr;
    QAction *m_escalateAction = nullptr;
    QAction *m_undoSendAction = nullptr;
    QAction *m_kbAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_focusQueueAction = nullptr;
    QAction *m_focusSearchAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_quitAction = nullptr;
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "ConfidenceDelegate.h"
#include "DeliveryState.h"
#include "DraftController.h"
#include "DraftPanel.h"
#include "FlagReasonBar.h"
#include "ImportDialog.h"
#include "KnowledgeBrowser.h"
#include "MessageBar.h"
#include "QueueFilterModel.h"
#include "QueueModel.h"
#include "RejectDialog.h"
#include "SettingsDialog.h"
#include "SourcesModel.h"
#include "SpellChecker.h"
#include "TicketView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace understudy::app {

MainWindow::MainWindow(DraftController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller), m_queue(new QueueModel(&controller->store(), this)),
      m_filter(new QueueFilterModel(this)), m_delegate(new ConfidenceDelegate(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Understudy"));
    m_controller->setParent(this);
    m_filter->setSourceModel(m_queue);
    m_delegate->setLowThreshold(m_controller->lowConfidenceThreshold());
    buildActions();
    buildUi();

    connect(m_queue, &QueueModel::loadFailed, this, &MainWindow::showError);
    connect(m_controller, &DraftController::errorOccurred, this, &MainWindow::showError);
    connect(m_controller, &DraftController::ticketChanged, this, &MainWindow::onTicketChanged);
    connect(m_controller, &DraftController::draftReady, this, &MainWindow::onDraftReady);
    connect(m_controller, &DraftController::draftFailed, this, [this](const QString &, const QString &message) {
        m_draftPanel->showFailed(message);
        updateActions();
    });
    connect(m_controller, &DraftController::draftRequested, this, [this] {
        m_draftPanel->showDrafting();
        updateActions();
    });
    connect(m_controller, &DraftController::engineLoaded, this, [this] {
        m_engineLabel->setText(tr("Drafting ready"));
        m_delegate->setLowThreshold(m_controller->lowConfidenceThreshold());
        updateActions();
    });
    connect(m_controller, &DraftController::engineFailed, this,
            [this] { m_engineLabel->setText(tr("Drafting unavailable")); });
    connect(m_controller, &DraftController::eventRecorded, this, [this](const QString &ticketId, const QString &kind) {
        m_queue->refreshTicket(ticketId);
        if (kind == u"flagged"_s)
            statusBar()->showMessage(
                tr("Flagged as a bad answer. Thank you — this draft will count against its sources."), 4000);
        else if (kind == u"rejected"_s)
            statusBar()->showMessage(tr("Draft rejected."), 3000);
        else if (kind == u"escalated"_s)
            statusBar()->showMessage(tr("Escalated to a human."), 3000);
        else if (kind == u"sent_as_is"_s || kind == u"sent_edited"_s)
            statusBar()->showMessage(tr("Reply sent."), 3000);
        updateActions();
    });
    connect(m_controller, &DraftController::outboxChanged, this, &MainWindow::updateOutbox);
    connect(m_controller, &DraftController::sendPending, this, [this](const QString &, int ms) {
        m_undoLabel->setText(tr("Sent — "));
        m_undoBox->setVisible(ms > 0);
        m_draftPanel->setSendState(true, true);
        updateActions();
    });
    connect(m_controller, &DraftController::sendUndone, this, [this] {
        m_undoBox->hide();
        m_draftPanel->setSendState(false, m_controller->isSent());
        statusBar()->showMessage(tr("Send undone — the reply was not sent."), 3000);
        updateActions();
    });
    connect(m_controller, &DraftController::eventRecorded, this, [this](const QString &, const QString &kind) {
        if (kind == u"sent_as_is"_s || kind == u"sent_edited"_s) {
            m_undoBox->hide();
            m_draftPanel->setSendState(false, true);
        } else if (kind == u"rejected"_s) {
            m_draftPanel->setSendState(false, true);
        }
    });
    connect(m_draftPanel, &DraftPanel::sourceActivated, this, [this](const Source &s) { openSource(s.kind, s.id); });
    // Spell-check: the team dictionary is kept in the store; a language without a dictionary is said in the status bar.
    m_draftPanel->spellChecker()->setStore(&m_controller->store());
    connect(m_draftPanel->spellChecker(), &SpellChecker::unavailable, this,
            [this](const QString &hint) { statusBar()->showMessage(hint, 10000); });
    connectFlagReason();

    connect(m_controller, &DraftController::ticketUpdated, this, [this](const QString &ticketId) {
        showTicketDetails();
        m_queue->refreshTicket(ticketId);
    });
    // A new query resets the queue; the ticket being worked on stays selected when it is still listed.
    connect(m_queue, &QAbstractItemModel::modelReset, this, &MainWindow::reselectCurrentTicket);

    // The first query: open and pending tickets (the default store order is the store's own).
    m_filter->setStatusFilter(QueueFilterModel::StatusFilter::Active);
    if (auto n = m_controller->store().outboxSize(); n)
        updateOutbox(*n);
    m_engineLabel->setText(m_controller->engineReady() ? tr("Drafting ready") : tr("Loading knowledge…"));
    updateActions();
    setAcceptDrops(true); // knowledge and ticket files dropped on the window are imported
    setMinimumSize(960, 600);
    resize(1440, 880);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setToolTip(u"%1 (%2)"_s.arg(QString(text).remove(u'&'), key.toString(QKeySequence::NativeText)));
        }
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work wherever the focus is in the window
        return a;
    };
    m_sendAction = make(u"sendAction"_s, tr("&Send"), QKeySequence(Qt::CTRL | Qt::Key_Return), &MainWindow::onSend);
    m_rejectAction =
        make(u"rejectAction"_s, tr("&Reject…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::onReject);
    m_flagAction = make(u"flagAction"_s, tr("&Flag bad answer"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                        &MainWindow::onFlag);
    m_regenerateAction =
        make(u"regenerateAction"_s, tr("Re&generate"), QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::onRegenerate);
    m_escalateAction =
        make(u"escalateAction"_s, tr("&Escalate"), QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::onEscalate);
    m_undoSendAction = make(u"undoSendAction"_s, tr("&Undo send"), QKeySequence(Qt::CTRL | Qt::Key_Z),
                            [this] { m_controller->undoSend(); });
    m_kbAction = make(u"knowledgeAction"_s, tr("&Knowledge base…"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        suggestArticles();
        knowledgeBrowser()->show();
        knowledgeBrowser()->raise();
    });
    m_focusQueueAction = make(u"focusQueueAction"_s, tr("Go to &queue"), QKeySequence(Qt::CTRL | Qt::Key_1),
                              [this] { m_queueView->setFocus(); });
    m_focusSearchAction = make(u"focusSearchAction"_s, tr("Search the &queue"), QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    m_importAction =
        make(u"importAction"_s, tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::chooseImportFiles);
    m_settingsAction =
        make(u"settingsAction"_s, tr("&Settings…"), QKeySequence::Preferences, &MainWindow::showSettings);
    m_aboutAction = make(u"aboutAction"_s, tr("&About Understudy"), {}, &MainWindow::showAbout);
    m_shortcutsAction = make(u"shortcutsAction"_s, tr("&Keyboard shortcuts"), {}, &MainWindow::showShortcuts);
    m_quitAction = make(u"quitAction"_s, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_kbAction);
    file->addAction(m_importAction);
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *ticket = menuBar()->addMenu(tr("&Ticket"));
    for (QAction *a :
         {m_sendAction, m_undoSendAction, m_rejectAction, m_flagAction, m_regenerateAction, m_escalateAction})
        ticket->addAction(a);
    ticket->addSeparator();
    ticket->addAction(m_focusQueueAction);
    ticket->addAction(m_focusSearchAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addAction(m_aboutAction);
}

void MainWindow::buildUi()
{
    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(6, 6, 6, 6);
    m_messages = new MessageBar(central);
    outer->addWidget(m_messages);

    // Queue: search and filters above the table.
    auto *queuePane = new QWidget(central);
    queuePane->setObjectName(u"queuePane"_s);
    m_search = new QLineEdit(queuePane);
    m_search->setObjectName(u"queueSearch"_s);
    m_search->setAccessibleName(tr("Search the queue"));
    m_search->setPlaceholderText(tr("Search subject, customer, id…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Down or Enter moves into the results"));
    m_search->installEventFilter(this); // Down moves into the results
    m_status = new QComboBox(queuePane);
    m_status->setObjectName(u"statusFilter"_s);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("Open and pending"), int(QueueFilterModel::StatusFilter::Active));
    m_status->addItem(tr("All statuses"), int(QueueFilterModel::StatusFilter::All));
    m_status->addItem(tr("Open"), int(QueueFilterModel::StatusFilter::Open));
    m_status->addItem(tr("Pending"), int(QueueFilterModel::StatusFilter::Pending));
    m_status->addItem(tr("Resolved"), int(QueueFilterModel::StatusFilter::Resolved));
    m_status->addItem(tr("Closed"), int(QueueFilterModel::StatusFilter::Closed));
    m_tier = new QComboBox(queuePane);
    m_tier->setObjectName(u"tierFilter"_s);
    m_tier->setAccessibleName(tr("Tier filter"));
    m_tier->addItem(tr("All tiers"), QString());
    m_tier->addItem(tr("Free"), u"free"_s);
    m_tier->addItem(tr("Pro"), u"pro"_s);
    m_tier->addItem(tr("Enterprise"), u"enterprise"_s);
    m_escalated = new QCheckBox(tr("Escalated"), queuePane);
    m_escalated->setObjectName(u"escalatedFilter"_s);
    m_low = new QCheckBox(tr("Low confidence"), queuePane);
    m_low->setObjectName(u"lowConfidenceFilter"_s);

    m_queueView = new QTableView(queuePane);
    m_queueView->setObjectName(u"queueView"_s);
    m_queueView->setAccessibleName(tr("Ticket queue"));
    m_queueView->setModel(m_filter);
    m_queueView->setItemDelegateForColumn(QueueModel::ConfidenceColumn, m_delegate);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The store's order until the agent picks a column (set first, so enabling sorting asks for no other).
    m_queueView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_queueView->setSortingEnabled(true);
    m_queueView->setWordWrap(false);
    m_queueView->setAlternatingRowColors(true);
    m_queueView->verticalHeader()->hide();
    m_queueView->verticalHeader()->setDefaultSectionSize(m_queueView->fontMetrics().height() + 10);
    QHeaderView *h = m_queueView->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::Interactive);
    h->setSectionResizeMode(QueueModel::SubjectColumn, QHeaderView::Stretch);
    h->setMinimumSectionSize(28);
    // Widths from the header's own (translated) titles and the longest short value a column shows, so German and
    // French titles fit; the agent can still drag them.
    QFont bold = m_queueView->font();
    bold.setBold(true); // unseen rows are bold
    const QFontMetrics fm(bold);
    const int pad = 2 * m_queueView->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_queueView) + 12;
    auto fit = [&](int column, std::initializer_list<QString> values, int atLeast) {
        int w = qMax(atLeast, h->sectionSizeHint(column));
        for (const QString &v : values)
            w = qMax(w, fm.horizontalAdvance(v) + pad);
        h->resizeSection(column, w);
    };
    fit(QueueModel::CustomerColumn, {}, fm.averageCharWidth() * 15);
    fit(QueueModel::TierColumn, {tr("Free"), tr("Pro"), tr("Enterprise")}, 0);
    fit(QueueModel::StatusColumn, {tr("Open"), tr("Pending"), tr("Resolved"), tr("Closed")}, 0);
    fit(QueueModel::WaitingColumn,
        {QueueModel::waitingText(QDateTime::fromSecsSinceEpoch(0), QDateTime::fromSecsSinceEpoch(59 * 60))}, 0);
    fit(QueueModel::ConfidenceColumn, {u"100%"_s}, 0);
    fit(QueueModel::EscalationColumn, {}, 0);
    h->setSectionHidden(QueueModel::StatusColumn, true);
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_controller->selectTicket(current.data(QueueModel::TicketIdRole).toString());
            });
    // Each query is a count and a page in SQL; a short pause in typing runs one instead of one per key.
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(150);
    connect(m_searchTimer, &QTimer::timeout, this, [this] { m_filter->setSearchText(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, m_searchTimer, [this] {
        m_searchTimer->stop();
        m_filter->setSearchText(m_search->text());
        focusResults();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const auto f = QueueFilterModel::StatusFilter(m_status->currentData().toInt());
        m_filter->setStatusFilter(f);
        m_queueView->setColumnHidden(QueueModel::StatusColumn, f != QueueFilterModel::StatusFilter::All);
    });
    connect(m_tier, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setTierFilter(m_tier->currentData().toString()); });
    connect(m_escalated, &QCheckBox::toggled, m_filter, &QueueFilterModel::setEscalatedOnly);
    connect(m_low, &QCheckBox::toggled, m_filter, &QueueFilterModel::setLowConfidenceOnly);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_tier);
    filters->addWidget(m_escalated);
    filters->addWidget(m_low);
    filters->addStretch();
    auto *ql = new QVBoxLayout(queuePane);
    ql->setContentsMargins(0, 0, 0, 0);
    ql->addWidget(m_search);
    ql->addLayout(filters);
    m_queueEmpty = new QLabel(queuePane);
    m_queueEmpty->setObjectName(u"queueEmptyState"_s);
    m_queueEmpty->setWordWrap(true);
    m_queueEmpty->setAlignment(Qt::AlignCenter);
    m_queueEmpty->setMargin(12);
    m_queueEmpty->hide();
    ql->addWidget(m_queueEmpty);
    ql->addWidget(m_queueView, 1);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);

    m_ticketView = new TicketView(central);
    // Where the ticket's sent replies stand (queued, delivered, failed with the helpdesk's reason, Retry), under it.
    m_deliveryState = new DeliveryState(m_ticketView);
    m_ticketView->layout()->addWidget(m_deliveryState);
    connect(m_deliveryState, &DeliveryState::errorOccurred, this, &MainWindow::showError);
    m_draftPanel = new DraftPanel(central);
    m_draftPanel->setActions({m_sendAction, m_rejectAction, m_flagAction, m_regenerateAction, m_escalateAction});

    auto *split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName(u"mainSplitter"_s);
    split->addWidget(queuePane);
    split->addWidget(m_ticketView);
    split->addWidget(m_draftPanel);
    split->setChildrenCollapsible(false);
    // The queue gets half the default width so subjects read whole; the ticket and the draft share the rest.
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 4);
    split->setSizes({720, 310, 410});
    outer->addWidget(split, 1);
    setCentralWidget(central);

    // Status bar: connection mode, outbox, last sync, engine; and the undo box while a send is held.
    m_undoBox = new QWidget(this);
    m_undoBox->setObjectName(u"undoBox"_s);
    auto *ul = new QHBoxLayout(m_undoBox);
    ul->setContentsMargins(0, 0, 0, 0);
    m_undoLabel = new QLabel(m_undoBox);
    auto *undo = new QPushButton(tr("Undo (Ctrl+Z)"), m_undoBox);
    undo->setObjectName(u"undoSendButton"_s);
    undo->setAccessibleName(tr("Undo send"));
    undo->setFlat(true);
    connect(undo, &QPushButton::clicked, m_undoSendAction, &QAction::trigger);
    ul->addWidget(m_undoLabel);
    ul->addWidget(undo);
    m_undoBox->hide();
    statusBar()->addWidget(m_undoBox);
    m_modeLabel = new QLabel(tr("Offline — standalone mode"), this);
    m_modeLabel->setObjectName(u"modeLabel"_s);
    m_modeLabel->setToolTip(
        tr("No server is configured: drafts and corrections stay on this computer until sync is set up."));
    m_outboxLabel = new QLabel(this);
    m_outboxLabel->setObjectName(u"outboxLabel"_s);
    m_syncLabel = new QLabel(tr("Last sync: never"), this);
    m_syncLabel->setObjectName(u"syncLabel"_s);
    m_engineLabel = new QLabel(this);
    m_engineLabel->setObjectName(u"engineLabel"_s);
    for (QLabel *l : {m_engineLabel, m_modeLabel, m_outboxLabel, m_syncLabel})
        statusBar()->addPermanentWidget(l);
}

void MainWindow::updateActions()
{
    const bool ticket = m_controller->ticket().has_value();
    const bool draft = m_controller->draft().has_value();
    const bool open = draft && !m_controller->isSent();
    m_sendAction->setEnabled(open);
    m_rejectAction->setEnabled(open);
    m_flagAction->setEnabled(draft);
    m_regenerateAction->setEnabled(ticket && m_controller->engineReady() && !m_controller->isDrafting());
    m_escalateAction->setEnabled(ticket);
    m_undoSendAction->setEnabled(m_controller->hasPendingSend());
}

void MainWindow::updateOutbox(qint64 size)
{
    m_outboxLabel->setText(tr("Outbox: %1").arg(size));
    m_outboxLabel->setToolTip(tr("%n correction(s) waiting to be synced", nullptr, int(size)));
}

void MainWindow::showError(const QString &text)
{
    m_messages->showMessage(text);
}

void MainWindow::refreshQueue()
{
    m_queue->refresh();
    updateEmptyState();
}

void MainWindow::focusResults()
{
    if (m_filter->rowCount() == 0)
        return;
    m_queueView->setFocus(Qt::ShortcutFocusReason);
    if (!m_queueView->currentIndex().isValid())
        m_queueView->setCurrentIndex(m_filter->index(0, 0));
}

void MainWindow::updateEmptyState()
{
    if (m_filter->rowCount() > 0) {
        m_queueEmpty->hide();
        return;
    }
    const QString search = m_queue->query().search.trimmed();
    m_queueEmpty->setText(search.isEmpty()
                              ? tr("No tickets in this view. Change the filters above to see more.")
                              : tr("No tickets match “%1”. Check the spelling, search for fewer words or change "
                                   "the filters.")
                                    .arg(search));
    m_queueEmpty->show();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown) && key->modifiers() == Qt::NoModifier) {
            if (m_searchTimer->isActive()) { // the search typed last has not run yet
                m_searchTimer->stop();
                m_filter->setSearchText(m_search->text());
            }
            focusResults();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::suggestArticles()
{
    QList<Source> articles;
    if (const auto &d = m_controller->draft())
        for (const Source &s : d->sources)
            if (s.kind == u"article"_s)
                articles << s;
    knowledgeBrowser()->setSuggestions(articles);
}

void MainWindow::onTicketChanged(const QString &ticketId)
{
    m_undoBox->hide();
    const auto &t = m_controller->ticket();
    if (ticketId.isEmpty() || !t) {
        m_ticketView->clear();
        m_deliveryState->clear();
        m_draftPanel->showNoTicket();
        updateActions();
        return;
    }
    showTicketDetails();
    if (!m_controller->draft())
        m_draftPanel->showDrafting();
    updateActions();
}

void MainWindow::showTicketDetails()
{
    const auto &t = m_controller->ticket();
    if (!t)
        return;
    QList<Ticket> history;
    if (!t->customer.id.isEmpty()) {
        auto h = m_controller->store().customerHistory(t->customer.id, t->id, 10);
        if (h)
            history = *h;
        else
            showError(tr("Cannot read the customer's history: %1").arg(h.error().toString()));
    }
    m_ticketView->showTicket(*t, history);
    m_deliveryState->showTicket(m_controller->store(), t->id);
    if (const auto &d = m_controller->draft())
        m_ticketView->showAlreadyTried(d->alreadyTried);
}

void MainWindow::reselectCurrentTicket()
{
    const auto &t = m_controller->ticket();
    if (!t)
        return;
    const int row = m_queue->rowOf(t->id);
    if (row < 0)
        return;
    const QModelIndex proxy = m_filter->mapFromSource(m_queue->index(row, 0));
    if (proxy.isValid())
        m_queueView->selectionModel()->setCurrentIndex(proxy,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::showFilters(const store::QueueQuery &q)
{
    const QSignalBlocker b1(m_search), b2(m_status), b3(m_tier), b4(m_escalated), b5(m_low);
    m_searchTimer->stop();
    m_search->setText(q.search);
    m_status->setCurrentIndex(qMax(0, m_status->findData(int(q.status))));
    m_tier->setCurrentIndex(qMax(0, m_tier->findData(q.tier)));
    m_escalated->setChecked(q.escalatedOnly);
    m_low->setChecked(q.lowConfidenceOnly);
    m_queueView->setColumnHidden(QueueModel::StatusColumn, q.status != QueueFilterModel::StatusFilter::All);
}

void MainWindow::onDraftReady(const QString &ticketId)
{
    const auto &d = m_controller->draft();
    if (!d)
        return;
    m_draftPanel->showDraft(*d, m_controller->lowConfidenceThreshold());
    if (const auto &t = m_controller->ticket())
        m_draftPanel->spellChecker()->setTicketWords({t->customer.name, m_controller->agent()});
    m_ticketView->showAlreadyTried(d->alreadyTried);
    m_queue->refreshTicket(ticketId);
    updateActions();
}

void MainWindow::onSend()
{
    if (!m_sendAction->isEnabled() || m_placeholderQuestion)
        return;
    const QString text = m_draftPanel->replyText();
    QStringList left = Draft::placeholders(text);
    if (left.isEmpty()) {
        sendReply(text);
        return;
    }
    left.removeDuplicates();
    // A placeholder sent to a customer reads as a broken reply, but the agent may mean it (a bracketed word): ask
    // once, with Go back as the default. Window-modal and non-blocking (open(), not exec()): no nested event loop.
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Placeholders left"),
                        tr("The reply still has placeholders to fill: %1. Send anyway?").arg(left.join(u", "_s)),
                        QMessageBox::NoButton, this);
    box->setObjectName(u"placeholderQuestion"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *sendAnyway = box->addButton(tr("&Send anyway"), QMessageBox::AcceptRole);
    sendAnyway->setObjectName(u"sendAnywayButton"_s);
    QPushButton *goBack = box->addButton(tr("&Go back"), QMessageBox::RejectRole);
    goBack->setObjectName(u"goBackButton"_s);
    box->setDefaultButton(goBack);
    box->setEscapeButton(goBack);
    const auto &draft = m_controller->draft();
    const QString draftKey = draft ? draft->ticketId + u'/' + draft->id : QString();
    connect(box, &QDialog::finished, this, [this, box, sendAnyway, text, draftKey] {
        if (box->clickedButton() != sendAnyway) {
            m_draftPanel->selectFirstPlaceholder();
            return;
        }
        const auto &now = m_controller->draft();
        if (now && now->ticketId + u'/' + now->id == draftKey && m_sendAction->isEnabled())
            sendReply(text); // the same draft still (the box is window-modal: the reply cannot have changed)
    });
    m_placeholderQuestion = box;
    box->open();
}

void MainWindow::sendReply(const QString &text)
{
    if (!m_controller->send(text))
        statusBar()->showMessage(tr("Nothing to send."), 3000);
    updateActions();
}

void MainWindow::onReject()
{
    if (!m_rejectAction->isEnabled())
        return;
    // Window-modal and non-blocking (open(), not exec()): no nested event loop.
    auto *dialog = new RejectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString ticketId = m_controller->ticket() ? m_controller->ticket()->id : QString();
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        if (!m_controller->ticket() || m_controller->ticket()->id != ticketId)
            return; // the agent moved on meanwhile
        m_controller->reject(dialog->reason(), dialog->note());
        updateActions();
    });
    dialog->open();
}

void MainWindow::connectFlagReason()
{
    FlagReasonBar *bar = m_draftPanel->flagReasonBar();
    connect(m_controller, &DraftController::flagReasonOffered, bar, &FlagReasonBar::offer);
    connect(m_controller, &DraftController::flagReasonOffered, m_queue, &QueueModel::refreshTicket);
    connect(m_controller, &DraftController::flagReasonClosed, bar, &QWidget::hide);
    connect(bar, &FlagReasonBar::reasonChosen, m_controller, &DraftController::giveFlagReason);
    connect(bar, &FlagReasonBar::dismissed, m_controller, &DraftController::recordWaitingFlag);
}

void MainWindow::onFlag()
{
    if (m_flagAction->isEnabled())
        m_controller->flag();
}

void MainWindow::onRegenerate()
{
    if (m_regenerateAction->isEnabled())
        m_controller->regenerate();
    updateActions();
}

void MainWindow::onEscalate()
{
    if (m_escalateAction->isEnabled())
        m_controller->escalate();
}

void MainWindow::openSource(const QString &kind, const QString &id)
{
    if (kind != u"article"_s) {
        statusBar()->showMessage(
            tr("Only articles open in the knowledge-base browser; see the tooltip for this source."), 4000);
        return;
    }
    suggestArticles();
    KnowledgeBrowser *b = knowledgeBrowser();
    b->showArticle(id);
    b->show();
    b->raise();
}

KnowledgeBrowser *MainWindow::knowledgeBrowser()
{
    if (!m_browser) {
        m_browser = new KnowledgeBrowser(&m_controller->store(), this);
        connect(m_browser, &KnowledgeBrowser::errorOccurred, this, &MainWindow::showError);
    }
    return m_browser;
}

bool MainWindow::selectTicket(const QString &ticketId)
{
    // Only the loaded rows are looked at. A ticket further down, or filtered out, is brought up by searching for
    // its id with every filter off (one query, shown in the search box), never by loading the whole queue.
    if (m_queue->rowOf(ticketId) < 0) {
        store::QueueQuery q;
        q.search = ticketId;
        q.sort = m_queue->query().sort;
        q.descending = m_queue->query().descending;
        showFilters(q);
        m_queue->setQuery(q);
    }
    const int row = m_queue->rowOf(ticketId);
    if (row < 0)
        return false;
    const QModelIndex proxy = m_filter->mapFromSource(m_queue->index(row, 0));
    if (!proxy.isValid())
        return false;
    m_queueView->setCurrentIndex(proxy);
    m_queueView->scrollTo(proxy);
    return true;
}

bool MainWindow::selectFirstTicket()
{
    const QModelIndex first = m_filter->index(0, 0);
    if (!first.isValid())
        return false;
    m_queueView->setCurrentIndex(first);
    return true;
}

void MainWindow::chooseImportFiles()
{
    // Non-blocking (open(), not exec()): no nested event loop.
    auto *dialog = new QFileDialog(this, tr("Import knowledge or tickets"));
    dialog->setObjectName(u"importFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("Knowledge, tickets and macros (*.md *.markdown *.html *.htm *.jsonl *.ndjson *.json "
                               "*.csv *.tsv)"),
                            tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this, &MainWindow::importFiles);
    dialog->open();
}

ImportDialog *MainWindow::importFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return nullptr;
    auto *dialog = new ImportDialog(m_controller->databasePath(), paths, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](ImportKind kind) {
        // The engine takes in the new content in the background (drafting goes on meanwhile); the queue shows
        // imported tickets at once.
        m_controller->noteContentChanged();
        refreshQueue();
        statusBar()->showMessage(kind == ImportKind::Tickets ? tr("Tickets imported.")
                                                             : tr("Imported: drafts will use it in a moment."),
                                 5000);
    });
    dialog->open();
    return dialog;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    const bool importable = !urls.isEmpty() && std::all_of(urls.cbegin(), urls.cend(), [](const QUrl &u) {
        return u.isLocalFile() && ImportJob::isImportable(u.toLocalFile());
    });
    if (importable)
        event->acceptProposedAction();
    else
        QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &u : event->mimeData()->urls())
        if (u.isLocalFile() && ImportJob::isImportable(u.toLocalFile()))
            paths << u.toLocalFile();
    if (paths.isEmpty()) {
        QMainWindow::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    importFiles(paths);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A held send is committed, not lost, when the window closes.
    m_controller->commitPendingSend();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("About Understudy"),
                        tr("<h3>Understudy %1</h3><p>A desktop copilot for customer-support agents: it drafts a "
                           "reply for the selected ticket, shows how confident it is and what it drew on, and "
                           "learns from every send, edit, rejection and flag.</p><p>Licensed under the GNU GPL "
                           "version 3 or later.</p>")
                            .arg(QApplication::applicationVersion()),
                        QMessageBox::Ok, this);
    box->setObjectName(u"aboutBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    showShortcutsOver(this);
}

void MainWindow::showShortcutsOver(QWidget *parent)
{
    QString rows;
    QList<QAction *> actions{m_sendAction,        m_undoSendAction, m_rejectAction, m_flagAction,
                             m_regenerateAction,  m_escalateAction, m_kbAction,     m_focusQueueAction,
                             m_focusSearchAction, m_settingsAction, m_importAction};
    if (auto *lead = findChild<QAction *>(u"leadViewAction"_s)) // View ▸ Team statistics, when installed
        actions << lead;
    for (QAction *a : std::as_const(actions))
        rows += u"<tr><td>%1</td><td><b>%2</b></td></tr>"_s.arg(
            QString(a->text()).remove(u'&').toHtmlEscaped(),
            a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard shortcuts"),
                                u"<table cellspacing=\"6\">%1</table>"_s.arg(rows), QMessageBox::Ok, parent);
    box->setObjectName(u"shortcutsBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(&m_controller->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::shortcutsRequested, this, [this, dialog] { showShortcutsOver(dialog); });
    connect(dialog, &QDialog::accepted, this, [this] {
        // The sign-off name is the voice's; the agent events are recorded under stays the account (or --agent).
        auto config = SettingsDialog::engineConfig(m_controller->store());
        m_engineLabel->setText(tr("Reloading knowledge…"));
        m_controller->loadEngine(config);
        statusBar()->showMessage(tr("Settings saved."), 3000);
    });
    dialog->open();
}

} // namespace understudy::app

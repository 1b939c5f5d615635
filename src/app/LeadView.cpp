// SPDX-License-Identifier: GPL-3.0-or-later
#include "LeadView.h"

#include "AgentStatsModel.h"
#include "DraftController.h"
#include "GapsModel.h"
#include "KnowledgeBrowser.h"
#include "LeadController.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RejectDialog.h"
#include "SourcesModel.h"
#include "Store.h"
#include "SyncController.h"

#include <QAction>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {

QChartView *makeChartView(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *view = new QChartView(chart, parent); // the view owns its chart
    view->setObjectName(name);
    view->setAccessibleName(accessible);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(480, 300);
    return view;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

/// At most one decimal, none for a whole number: "1", "1.3", "12.5".
QString shortNumber(double v)
{
    const double rounded = std::round(v * 10) / 10;
    return rounded == std::round(rounded) ? QLocale().toString(qint64(std::llround(rounded)))
                                          : QLocale().toString(rounded, 'f', 1);
}

QTableView *makeGapTable(const QString &name, const QString &accessible, QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

/// The selected row's index in @p table's column 0; invalid when none.
QModelIndex selectedRow(const QTableView *table)
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QModelIndex() : rows.first();
}

QString resolutionText(const QString &code)
{
    if (code == u"fixed_article"_s)
        return LeadView::tr("Fixed the article");
    if (code == u"bad_retrieval"_s)
        return LeadView::tr("Bad retrieval");
    return LeadView::tr("Agent error");
}

/// A series named for the tests (@p objectName) and the legend (@p title); the chart takes ownership.
template <typename Series = QLineSeries> Series *newSeries(const QString &objectName, const QString &title)
{
    auto *s = new Series;
    s->setObjectName(objectName);
    s->setName(title);
    return s;
}

} // namespace

LeadView::LeadView(store::Store &store, SyncController *sync, QWidget *parent)
    : QDialog(parent), m_store(store), m_controller(new LeadController(store, sync, this)),
      m_model(new AgentStatsModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_topicModel(new GapsModel(GapsModel::Kind::Topics, this)),
      m_articleModel(new GapsModel(GapsModel::Kind::Articles, this)),
      m_replyModel(new GapsModel(GapsModel::Kind::Articles, this))
{
    setObjectName(u"leadView"_s);
    setWindowFlag(Qt::Window);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AgentStatsModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    buildUi();
    applyRole(m_controller->isLead());

    using C = LeadController;
    connect(m_controller, &C::roleChanged, this, &LeadView::applyRole);
    connect(m_controller, &C::sectionChanged, this, [this](C::Section s) {
        switch (s) {
        case C::Section::Agents:
            return updateAgents();
        case C::Section::Trends:
            return updateTrends();
        case C::Section::Calibration:
            return updateCalibration();
        case C::Section::Flags:
            return updateFlags();
        case C::Section::Gaps:
            return updateGaps();
        case C::Section::Spikes:
            return updateSpikes();
        }
    });
    connect(m_controller, &C::sectionFailed, this,
            [this](C::Section, const QString &message) { m_messages->showMessage(message, MessageBar::Kind::Error); });
    // Refresh stays clickable while busy: a request swallowed by a sign-out must not lock the view.
    connect(m_controller, &C::busyChanged, this,
            [this](bool busy) { m_refresh->setText(busy ? tr("Loading…") : tr("&Refresh")); });
    connect(m_controller, &C::refreshed, this, &LeadView::onRefreshed);
    connect(m_controller, &C::flagResolved, this, [this] {
        m_note->clear();
        m_resolution->setCurrentIndex(-1); // the next flag is judged afresh
        m_messages->showMessage(tr("Flag resolved."), MessageBar::Kind::Information);
    });
    connect(m_controller, &C::flagResolveFailed, this, [this](const QString &, const QString &why) {
        m_messages->showMessage(tr("Cannot resolve the flag: %1").arg(why), MessageBar::Kind::Error);
        m_resolve->setEnabled(true);
    });
    connect(m_controller, &C::gapReviewed, this, [this](const QString &kind, const QString &key) {
        const QString name = kind == u"topic"_s ? key : [&] {
            for (const GapArticle &a : m_controller->gapArticles())
                if (a.source == key)
                    return a.name();
            return key;
        }();
        m_messages->showMessage(m_showReviewed->isChecked()
                                    ? tr("Marked “%1” reviewed.").arg(name)
                                    : tr("Marked “%1” reviewed; tick Show reviewed to see it again.").arg(name),
                                MessageBar::Kind::Information);
    });
    connect(m_controller, &C::gapReviewFailed, this, [this](const QString &, const QString &key, const QString &why) {
        m_messages->showMessage(tr("Cannot mark “%1” reviewed: %2").arg(key, why), MessageBar::Kind::Error);
        updateGapButtons();
    });
    resize(1120, 680);
}

LeadView::~LeadView() = default;

void LeadView::buildUi()
{
    auto *root = new QVBoxLayout(this);
    m_messages = new MessageBar(this);
    m_messages->setObjectName(u"leadMessageBar"_s);
    m_messages->hide();
    root->addWidget(m_messages);

    m_banner = new QLabel(this);
    m_banner->setObjectName(u"offlineBanner"_s);
    m_banner->setAccessibleName(tr("Offline notice"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
                            " padding: 6px; font-weight: bold; }"_s);
    m_banner->hide();
    root->addWidget(m_banner);

    auto *controls = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("&From"), this);
    m_fromEdit = new QDateEdit(m_controller->from(), this);
    m_fromEdit->setObjectName(u"fromEdit"_s);
    m_fromEdit->setAccessibleName(tr("First day"));
    m_fromEdit->setCalendarPopup(true);
    m_fromEdit->setDisplayFormat(u"yyyy-MM-dd"_s);
    fromLabel->setBuddy(m_fromEdit);
    auto *toLabel = new QLabel(tr("&To"), this);
    m_toEdit = new QDateEdit(m_controller->to(), this);
    m_toEdit->setObjectName(u"toEdit"_s);
    m_toEdit->setAccessibleName(tr("Last day"));
    m_toEdit->setCalendarPopup(true);
    m_toEdit->setDisplayFormat(u"yyyy-MM-dd"_s);
    toLabel->setBuddy(m_toEdit);
    m_teamLabel = new QLabel(tr("T&eam"), this);
    m_team = new QComboBox(this);
    m_team->setObjectName(u"teamCombo"_s);
    m_team->setAccessibleName(tr("Team"));
    m_team->setEditable(true);
    m_team->setInsertPolicy(QComboBox::NoInsert);
    m_team->setMinimumContentsLength(12);
    m_team->lineEdit()->setPlaceholderText(tr("All teams"));
    m_teamLabel->setBuddy(m_team);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(u"refreshButton"_s);
    m_refresh->setAccessibleName(tr("Refresh"));
    m_refresh->setDefault(true);
    m_export = new QPushButton(tr("E&xport CSV…"), this);
    m_export->setObjectName(u"exportButton"_s);
    m_export->setAccessibleName(tr("Export CSV"));
    for (QWidget *w : std::initializer_list<QWidget *>{fromLabel, m_fromEdit, toLabel, m_toEdit, m_teamLabel, m_team})
        controls->addWidget(w);
    // A short label ("To") must not be squeezed to a clipped glyph when the row is tight.
    for (QLabel *l : {fromLabel, toLabel, m_teamLabel}) {
        l->setMinimumWidth(l->sizeHint().width());
        l->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    }
    controls->addStretch();
    controls->addWidget(m_refresh);
    controls->addWidget(m_export);
    root->addLayout(controls);

    m_stack = new QStackedWidget(this);
    m_tabs = new QTabWidget(m_stack);
    m_tabs->setObjectName(u"leadTabs"_s);
    m_tabs->setAccessibleName(tr("Statistics"));

    m_table = new QTableView(m_tabs);
    m_table->setObjectName(u"agentTable"_s);
    m_table->setAccessibleName(tr("Figures per agent"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AgentStatsModel::AgentColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_table, tr("&Agents"));

    auto *trendsPage = new QWidget(m_tabs);
    auto *trendsLayout = new QVBoxLayout(trendsPage);
    auto *chartAgentRow = new QHBoxLayout;
    auto *chartAgentLabel = new QLabel(tr("Figures &for"), trendsPage);
    m_chartAgent = new QComboBox(trendsPage);
    m_chartAgent->setObjectName(u"chartAgentCombo"_s);
    m_chartAgent->setAccessibleName(tr("Agent shown in the charts"));
    m_chartAgent->addItem(tr("Whole team"), QString());
    chartAgentLabel->setBuddy(m_chartAgent);
    chartAgentRow->addWidget(chartAgentLabel);
    chartAgentRow->addWidget(m_chartAgent);
    chartAgentRow->addStretch();
    trendsLayout->addLayout(chartAgentRow);
    m_trendsView = makeChartView(u"trendsChart"_s, tr("Weekly trends"), trendsPage);
    m_trendsView->chart()->setTitle(tr("Weekly acceptance, edit size, flags and escalations"));
    m_trendsNote = new QLabel(trendsPage);
    m_trendsNote->setObjectName(u"trendsNote"_s);
    m_trendsNote->setWordWrap(true);
    m_trendsNote->hide();
    trendsLayout->addWidget(m_trendsNote);
    trendsLayout->addWidget(m_trendsView);
    m_tabs->addTab(trendsPage, tr("&Trends"));

    auto *calibrationPage = new QWidget(m_tabs);
    auto *calibrationLayout = new QVBoxLayout(calibrationPage);
    m_calibrationNote = new QLabel(calibrationPage);
    m_calibrationNote->setObjectName(u"calibrationNote"_s);
    m_calibrationNote->setWordWrap(true);
    m_calibrationNote->hide();
    calibrationLayout->addWidget(m_calibrationNote);
    m_calibrationView = makeChartView(u"calibrationChart"_s, tr("Calibration"), calibrationPage);
    m_calibrationView->chart()->setTitle(tr("Displayed confidence against observed acceptance"));
    calibrationLayout->addWidget(m_calibrationView);
    m_tabs->addTab(calibrationPage, tr("&Calibration"));

    m_flagsPage = new QWidget(m_tabs);
    auto *flagsLayout = new QVBoxLayout(m_flagsPage);
    m_flagsSummary = new QLabel(m_flagsPage);
    m_flagsSummary->setObjectName(u"flagsSummary"_s);
    flagsLayout->addWidget(m_flagsSummary);
    auto *split = new QSplitter(Qt::Horizontal, m_flagsPage);
    m_flagList = new QListWidget(split);
    m_flagList->setObjectName(u"flagList"_s);
    m_flagList->setAccessibleName(tr("Open flags"));
    auto *detail = new QWidget(split);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_flagDetail = new QTextBrowser(detail);
    m_flagDetail->setObjectName(u"flagDetail"_s);
    m_flagDetail->setAccessibleName(tr("Flagged draft and its sources"));
    detailLayout->addWidget(m_flagDetail);
    auto *form = new QFormLayout;
    m_resolution = new QComboBox(detail);
    m_resolution->setObjectName(u"resolutionCombo"_s);
    m_resolution->setAccessibleName(tr("Resolution"));
    for (const QString &code : {u"fixed_article"_s, u"bad_retrieval"_s, u"agent_error"_s})
        m_resolution->addItem(resolutionText(code), code);
    // No choice carried over from the previous flag: each is judged on its own.
    m_resolution->setPlaceholderText(tr("Choose a resolution…"));
    m_resolution->setCurrentIndex(-1);
    form->addRow(tr("Re&solution"), m_resolution);
    m_note = new QLineEdit(detail);
    m_note->setObjectName(u"resolutionNote"_s);
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("What was done (optional)"));
    form->addRow(tr("&Note"), m_note);
    detailLayout->addLayout(form);
    m_resolve = new QPushButton(tr("Re&solve flag"), detail);
    m_resolve->setObjectName(u"resolveButton"_s);
    m_resolve->setAccessibleName(tr("Resolve flag"));
    m_resolve->setEnabled(false);
    detailLayout->addWidget(m_resolve, 0, Qt::AlignRight);
    split->addWidget(m_flagList);
    split->addWidget(detail);
    split->setStretchFactor(1, 2);
    flagsLayout->addWidget(split, 1);
    m_tabs->addTab(m_flagsPage, tr("F&lag review"));

    m_gapsPage = new QWidget(m_tabs);
    m_gapsPage->setObjectName(u"gapsPage"_s);
    auto *gapsLayout = new QVBoxLayout(m_gapsPage);
    m_spikes = new QLabel(m_gapsPage);
    m_spikes->setObjectName(u"spikesBanner"_s);
    m_spikes->setAccessibleName(tr("Spikes"));
    m_spikes->setWordWrap(true);
    m_spikes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    gapsLayout->addWidget(m_spikes);
    m_showReviewed = new QCheckBox(tr("Show re&viewed"), m_gapsPage);
    m_showReviewed->setObjectName(u"showReviewedCheck"_s);
    m_showReviewed->setToolTip(tr("Also list the topics and articles someone has already marked reviewed"));
    gapsLayout->addWidget(m_showReviewed);
    auto *gapSplit = new QSplitter(Qt::Vertical, m_gapsPage);
    auto *topicsBox = new QWidget(gapSplit);
    auto *topicsLayout = new QVBoxLayout(topicsBox);
    topicsLayout->setContentsMargins(0, 0, 0, 0);
    m_topicsSummary = new QLabel(topicsBox);
    m_topicsSummary->setObjectName(u"topicsSummary"_s);
    m_topicsSummary->setWordWrap(true);
    topicsLayout->addWidget(m_topicsSummary);
    m_topicTable = makeGapTable(u"topicTable"_s, tr("Topics with problems"), m_topicModel, topicsBox);
    topicsLayout->addWidget(m_topicTable, 1);
    m_markTopic = new QPushButton(tr("&Mark topic reviewed"), topicsBox);
    m_markTopic->setObjectName(u"markTopicReviewedButton"_s);
    m_markTopic->setAccessibleName(tr("Mark the topic reviewed"));
    topicsLayout->addWidget(m_markTopic, 0, Qt::AlignRight);
    auto *articlesBox = new QWidget(gapSplit);
    auto *articlesLayout = new QVBoxLayout(articlesBox);
    articlesLayout->setContentsMargins(0, 0, 0, 0);
    m_articlesSummary = new QLabel(articlesBox);
    m_articlesSummary->setObjectName(u"articlesSummary"_s);
    m_articlesSummary->setWordWrap(true);
    articlesLayout->addWidget(m_articlesSummary);
    m_articleTable =
        makeGapTable(u"articleTable"_s, tr("Articles behind flagged or rejected drafts"), m_articleModel, articlesBox);
    articlesLayout->addWidget(m_articleTable, 1);
    auto *articleButtons = new QHBoxLayout;
    articleButtons->addStretch();
    m_openArticle = new QPushButton(tr("&Open article"), articlesBox);
    m_openArticle->setObjectName(u"openArticleButton"_s);
    m_openArticle->setAccessibleName(tr("Open the article in the knowledge base"));
    m_markArticle = new QPushButton(tr("Mark art&icle reviewed"), articlesBox);
    m_markArticle->setObjectName(u"markArticleReviewedButton"_s);
    m_markArticle->setAccessibleName(tr("Mark the article reviewed"));
    articleButtons->addWidget(m_openArticle);
    articleButtons->addWidget(m_markArticle);
    articlesLayout->addLayout(articleButtons);
    auto *repliesBox = new QWidget(gapSplit);
    auto *repliesLayout = new QVBoxLayout(repliesBox);
    repliesLayout->setContentsMargins(0, 0, 0, 0);
    m_repliesSummary = new QLabel(repliesBox);
    m_repliesSummary->setObjectName(u"replySummary"_s);
    m_repliesSummary->setWordWrap(true);
    repliesLayout->addWidget(m_repliesSummary);
    m_replyTable =
        makeGapTable(u"replyTable"_s, tr("Past replies and macros behind flagged drafts"), m_replyModel, repliesBox);
    repliesLayout->addWidget(m_replyTable, 1);
    gapSplit->addWidget(topicsBox);
    gapSplit->addWidget(articlesBox);
    gapSplit->addWidget(repliesBox);
    gapsLayout->addWidget(gapSplit, 1);
    // The same commands on each table's context menu.
    for (auto [table, button] : {std::pair{m_topicTable, m_markTopic}, std::pair{m_articleTable, m_openArticle},
                                 std::pair{m_articleTable, m_markArticle}}) {
        auto *action = new QAction(button->text(), table);
        action->setObjectName(button->objectName().replace(u"Button"_s, u"Action"_s));
        connect(action, &QAction::triggered, button, &QPushButton::click);
        table->addAction(action);
    }
    m_tabs->addTab(m_gapsPage, tr("Knowledge &gaps"));

    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(u"emptyState"_s);
    m_empty->setAccessibleName(tr("No figures"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_stack->addWidget(m_tabs);
    m_stack->addWidget(m_empty);
    root->addWidget(m_stack, 1);

    connect(m_refresh, &QPushButton::clicked, this, &LeadView::refresh);
    connect(m_export, &QPushButton::clicked, this, &LeadView::chooseExportFile);
    connect(m_chartAgent, &QComboBox::activated, this, &LeadView::chartAgentChosen);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid() || !m_controller->isLead())
                    return;
                const int i = m_chartAgent->findData(current.data(AgentStatsModel::AgentRole));
                if (i >= 0 && i != m_chartAgent->currentIndex()) {
                    m_chartAgent->setCurrentIndex(i);
                    chartAgentChosen();
                }
            });
    connect(m_flagList, &QListWidget::currentRowChanged, this, [this] {
        m_resolution->setCurrentIndex(-1); // another flag: no resolution carried over
        showFlag();
    });
    connect(m_resolution, &QComboBox::currentIndexChanged, this,
            [this] { m_resolve->setEnabled(m_flagList->currentItem() && m_resolution->currentIndex() >= 0); });
    connect(m_resolve, &QPushButton::clicked, this, &LeadView::resolveSelected);
    connect(m_showReviewed, &QCheckBox::toggled, this, [this](bool show) {
        m_topicModel->setShowReviewed(show);
        m_articleModel->setShowReviewed(show);
        m_replyModel->setShowReviewed(show);
        updateGaps();
    });
    for (QTableView *table : {m_topicTable, m_articleTable})
        connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LeadView::updateGapButtons);
    connect(m_markTopic, &QPushButton::clicked, this, [this] { markReviewed(m_topicModel, m_topicTable); });
    connect(m_markArticle, &QPushButton::clicked, this, [this] { markReviewed(m_articleModel, m_articleTable); });
    connect(m_openArticle, &QPushButton::clicked, this, &LeadView::openSelectedArticle);
    connect(m_articleTable, &QTableView::doubleClicked, this, &LeadView::openSelectedArticle);
    updateGaps();
    updateSpikes();
}

void LeadView::applyRole(bool lead)
{
    setWindowTitle(lead ? tr("Team statistics") : tr("My statistics"));
    m_teamLabel->setVisible(lead);
    m_team->setVisible(lead);
    m_chartAgent->setEnabled(lead);
    m_tabs->setTabVisible(m_tabs->indexOf(m_flagsPage), lead);
    m_tabs->setTabVisible(m_tabs->indexOf(m_gapsPage), lead);
}

void LeadView::refresh()
{
    if (m_fromEdit->date() > m_toEdit->date()) {
        m_messages->showMessage(tr("The first day is after the last day."), MessageBar::Kind::Error);
        return;
    }
    m_controller->setRange(m_fromEdit->date(), m_toEdit->date());
    m_controller->setTeam(m_team->currentText());
    m_controller->refresh();
}

void LeadView::onRefreshed()
{
    showOffline();
    if (!m_controller->hasData()) {
        m_empty->setText(m_controller->isReachable()
                             ? tr("No figures to show: the server refused them (see the message above).")
                             : tr("No figures to show yet.\n\nThe server cannot be reached and no figures were saved "
                                  "on this computer. Sign in (File ▸ Sign in…) or check the connection, then press "
                                  "Refresh."));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_tabs);
        const QList<AgentStatsRow> &rows = m_controller->agents();
        const bool idle = std::all_of(rows.cbegin(), rows.cend(), [](const AgentStatsRow &r) {
            return r.shown == 0 && r.actedOn() == 0 && r.regenerated == 0;
        });
        if (idle && m_controller->hasSection(LeadController::Section::Agents) && !m_controller->isOffline())
            m_messages->showMessage(tr("No drafts were shown or acted on from %1 to %2.")
                                        .arg(QLocale().toString(m_controller->from(), QLocale::ShortFormat),
                                             QLocale().toString(m_controller->to(), QLocale::ShortFormat)),
                                    MessageBar::Kind::Information);
    }
    const QString team = m_team->currentText();
    m_team->clear();
    m_team->addItems(m_controller->teams());
    m_team->setCurrentText(team);
}

void LeadView::showOffline()
{
    if (!m_controller->isOffline()) {
        m_banner->hide();
        return;
    }
    const QDateTime at = m_controller->asOf();
    m_banner->setText(
        at.isValid() ? tr("Offline — figures as of %1").arg(QLocale().toString(at.toLocalTime(), QLocale::ShortFormat))
                     : tr("Offline — saved figures"));
    m_banner->setToolTip(tr("The server cannot be reached; these are the figures saved at the last successful "
                            "refresh. Press Refresh to try again."));
    m_banner->show();
}

void LeadView::updateAgents()
{
    m_model->setRows(m_controller->agents());
    m_table->setColumnHidden(AgentStatsModel::TeamColumn, m_controller->teams().isEmpty());
    const QString chosen = m_chartAgent->currentData().toString();
    m_chartAgent->clear();
    m_chartAgent->addItem(m_controller->isLead() ? tr("Whole team") : tr("My drafts"), QString());
    if (m_controller->isLead())
        for (const AgentStatsRow &r : m_controller->agents())
            m_chartAgent->addItem(r.agent, r.agent);
    m_chartAgent->setCurrentIndex(std::max(0, m_chartAgent->findData(chosen)));
    m_export->setEnabled(!m_controller->agents().isEmpty());
}

void LeadView::chartAgentChosen()
{
    m_controller->setAgent(m_chartAgent->currentData().toString());
}

void LeadView::updateTrends()
{
    QChart *chart = m_trendsView->chart();
    clearChart(chart);
    const QList<TrendWeek> &weeks = m_controller->weeks();
    m_trendsNote->setVisible(weeks.size() < 2 && m_controller->hasSection(LeadController::Section::Trends));
    m_trendsNote->setText(weeks.isEmpty() ? tr("Not enough data yet: no drafts were acted on in this range.")
                                          : tr("Not enough data yet for a trend: one week so far. Its figures are "
                                               "the points below; lines appear from the second week."));
    if (weeks.isEmpty())
        return;
    auto *acceptance = newSeries(u"acceptanceSeries"_s, tr("Acceptance %"));
    auto *editSize = newSeries(u"editSizeSeries"_s, tr("Mean edit size %"));
    auto *flags = newSeries(u"flagsSeries"_s, tr("Flags"));
    auto *escalations = newSeries(u"escalationsSeries"_s, tr("Escalations"));
    auto *engines = newSeries<QScatterSeries>(u"engineChangeSeries"_s, tr("Engine version changed"));
    engines->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    engines->setMarkerSize(12);
    auto *weekAxis = new QCategoryAxis;
    weekAxis->setObjectName(u"weekAxis"_s);
    weekAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    weekAxis->setTitleText(tr("Week"));
    qint64 maxCount = 1;
    QStringList previous;
    for (qsizetype i = 0; i < weeks.size(); ++i) {
        const TrendWeek &w = weeks.at(i);
        const double x = double(i);
        acceptance->append(x, w.acceptance * 100);
        if (w.meanKept)
            editSize->append(x, (1 - *w.meanKept) * 100);
        flags->append(x, double(w.flagged));
        escalations->append(x, double(w.escalated));
        maxCount = std::max({maxCount, w.flagged, w.escalated});
        QString label = QLocale().toString(w.week, QLocale::ShortFormat);
        const bool changed = i > 0 && !w.engines.isEmpty() && w.engines != previous;
        if (changed) {
            engines->append(x, w.acceptance * 100);
            label += u"\n▲ "_s + w.engines.join(u", "_s);
        }
        if (!w.engines.isEmpty())
            previous = w.engines;
        weekAxis->append(label, x);
    }
    weekAxis->setRange(-0.5, double(weeks.size()) - 0.5);
    auto *percent = new QValueAxis;
    percent->setRange(0, 100);
    percent->setLabelFormat(u"%d %%"_s);
    percent->setTitleText(tr("Share of drafts"));
    auto *counts = new QValueAxis;
    // Whole numbers only: a tick every 1, 2, ... drafts, at most about six of them.
    const qint64 step = std::max<qint64>(1, (maxCount + 4) / 5);
    counts->setRange(0, double((maxCount + step - 1) / step * step));
    counts->setTickType(QValueAxis::TicksDynamic);
    counts->setTickAnchor(0);
    counts->setTickInterval(double(step));
    counts->setLabelFormat(u"%d"_s);
    counts->setTitleText(tr("Drafts"));
    chart->addAxis(weekAxis, Qt::AlignBottom);
    chart->addAxis(percent, Qt::AlignLeft);
    chart->addAxis(counts, Qt::AlignRight);
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{acceptance, editSize, engines, flags, escalations}) {
        chart->addSeries(s);
        s->attachAxis(weekAxis);
        s->attachAxis(s == flags || s == escalations ? counts : percent);
    }
    // Every week a visible point (a single week is a dot per series, never nothing), counts labelled.
    for (QLineSeries *s : {acceptance, editSize, flags, escalations})
        s->setPointsVisible(true);
    for (QLineSeries *s : {flags, escalations}) {
        QPen pen = s->pen();
        pen.setStyle(Qt::DashLine); // dashed: counted on the right-hand axis
        s->setPen(pen);
        s->setPointLabelsVisible(true);
        s->setPointLabelsFormat(u"@yPoint"_s);
        s->setPointLabelsClipping(false);
    }
}

void LeadView::updateCalibration()
{
    QChart *chart = m_calibrationView->chart();
    clearChart(chart);
    qint64 drafts = 0;
    for (const CalibrationBin &b : m_controller->bins())
        drafts += b.drafts;
    const bool few = drafts < 4 * kMinBinDrafts;
    m_calibrationNote->setVisible(few && m_controller->hasSection(LeadController::Section::Calibration));
    m_calibrationNote->setText(tr("Not enough data yet: %n draft(s) acted on in this range. The line joins the "
                                  "confidence bands with at least %1 drafts; the counts are along the top.",
                                  nullptr, int(drafts))
                                   .arg(kMinBinDrafts));
    if (m_controller->bins().isEmpty())
        return;
    auto *diagonal = newSeries(u"diagonalSeries"_s, tr("Perfectly calibrated"));
    diagonal->append(0, 0);
    diagonal->append(1, 1);
    QPen pen = diagonal->pen();
    pen.setStyle(Qt::DashLine);
    diagonal->setPen(pen);
    auto *observed = newSeries(u"observedSeries"_s, tr("Observed acceptance"));
    observed->setPointsVisible(true);
    // A band with a handful of drafts is noise: a point of its own, off the line, so the line does not zig-zag.
    auto *sparse = newSeries<QScatterSeries>(u"sparseSeries"_s, tr("Fewer than %1 drafts").arg(kMinBinDrafts));
    sparse->setMarkerSize(8);
    auto *countAxis = new QCategoryAxis;
    countAxis->setObjectName(u"binCountAxis"_s);
    countAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    countAxis->setTitleText(tr("Drafts per band"));
    countAxis->setRange(0, 1);
    for (const CalibrationBin &b : m_controller->bins()) {
        if (b.drafts == 0)
            continue;
        countAxis->append(QLocale().toString(b.drafts), b.displayed());
        if (auto share = b.observed())
            (b.drafts >= kMinBinDrafts ? static_cast<QXYSeries *>(observed) : sparse)->append(b.displayed(), *share);
    }
    auto *x = new QValueAxis;
    x->setRange(0, 1);
    x->setTitleText(tr("Displayed confidence"));
    auto *y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("Drafts sent (share)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(countAxis, Qt::AlignTop);
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{diagonal, observed, sparse}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    observed->attachAxis(countAxis);
}

void LeadView::updateFlags()
{
    const QString current =
        m_flagList->currentItem() ? m_flagList->currentItem()->data(Qt::UserRole).toString() : QString();
    m_flagList->clear();
    const QList<FlagItem> &flags = m_controller->flags();
    for (const FlagItem &f : flags) {
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · %3")
                .arg(f.ticketId, f.agent, f.reason.isEmpty() ? tr("no reason given") : reasonText(f.reason)),
            m_flagList);
        item->setData(Qt::UserRole, f.id);
        item->setToolTip(QLocale().toString(f.at.toLocalTime(), QLocale::ShortFormat));
        if (f.id == current)
            m_flagList->setCurrentItem(item);
    }
    m_flagsSummary->setText(flags.isEmpty() ? tr("No open flags.") : tr("%n open flag(s)", nullptr, int(flags.size())));
    if (!m_flagList->currentItem() && m_flagList->count() > 0)
        m_flagList->setCurrentRow(0);
    showFlag();
}

void LeadView::showFlag()
{
    const QListWidgetItem *item = m_flagList->currentItem();
    m_resolve->setEnabled(item != nullptr && m_resolution->currentIndex() >= 0);
    if (!item) {
        m_flagDetail->clear();
        return;
    }
    const QString id = item->data(Qt::UserRole).toString();
    for (const FlagItem &f : m_controller->flags()) {
        if (f.id != id)
            continue;
        QString html =
            u"<h3>%1</h3><p>%2</p>"_s.arg(tr("Ticket %1, flagged by %2").arg(f.ticketId, f.agent).toHtmlEscaped(),
                                          tr("Reason: %1 · confidence %2 · %3")
                                              .arg(f.reason.isEmpty() ? tr("none given") : reasonText(f.reason),
                                                   AgentStatsModel::percentText(f.confidence),
                                                   QLocale().toString(f.at.toLocalTime(), QLocale::ShortFormat))
                                              .toHtmlEscaped());
        // The reply the customer got instead, from this store: the ticket's first agent message after the flag.
        QString final;
        if (auto t = m_store.ticket(f.ticketId); t && *t)
            for (const Message &m : (*t)->messages)
                if (m.author == u"agent"_s && (!f.at.isValid() || !m.at.isValid() || m.at >= f.at)) {
                    final = m.body;
                    break;
                }
        html +=
            u"<table width=\"100%\" cellspacing=\"6\"><tr><th align=\"left\" width=\"50%\">%1</th>"
            "<th align=\"left\" width=\"50%\">%2</th></tr><tr><td valign=\"top\" style=\"white-space: "
            "pre-wrap\">%3</td><td valign=\"top\" style=\"white-space: pre-wrap\">%4</td></tr></table>"_s.arg(
                tr("Draft (flagged)").toHtmlEscaped(), tr("Reply sent").toHtmlEscaped(), f.draft.toHtmlEscaped(),
                final.isEmpty() ? u"<i>%1</i>"_s.arg(tr("No reply sent yet.").toHtmlEscaped()) : final.toHtmlEscaped());
        html += u"<h4>%1</h4>"_s.arg(tr("Sources").toHtmlEscaped());
        if (f.sourceItems.isEmpty()) {
            html += u"<p>%1</p>"_s.arg(tr("None").toHtmlEscaped());
        } else {
            html += u"<ul>"_s;
            for (const FlagItem::Source &s : f.sourceItems)
                html += u"<li>%1</li>"_s.arg(sourceText(s.kind, s.id, s.title).toHtmlEscaped());
            html += u"</ul>"_s;
        }
        m_flagDetail->setHtml(html);
        return;
    }
}

QString LeadView::sourceText(const QString &kind, const QString &id, const QString &title) const
{
    QString name = title;
    if (name.isEmpty() && kind == u"article"_s) {
        if (auto a = m_store.article(id); a && *a)
            name = (*a)->title;
    } else if (name.isEmpty() && kind == u"answer"_s) {
        if (auto a = m_store.answerByKey(id); a && *a) {
            const QString question = (*a)->question.simplified();
            const QString shortQuestion = question.size() > 70 ? question.left(69) + u'…' : question;
            name = (*a)->ticketId.isEmpty() ? tr("reply to “%1”").arg(shortQuestion)
                                            : tr("reply on %1: “%2”").arg((*a)->ticketId, shortQuestion);
        }
    } else if (name.isEmpty() && kind == u"macro"_s) {
        if (auto macros = m_store.macros())
            for (const Macro &m : *macros)
                if (m.id == id)
                    name = m.title;
    }
    const QString kindText = SourcesModel::kindText(kind);
    return name.isEmpty() ? tr("%1 · %2").arg(kindText, id) : tr("%1 · %2 (%3)").arg(kindText, name, id);
}

void LeadView::resolveSelected()
{
    const QListWidgetItem *item = m_flagList->currentItem();
    if (!item || m_resolution->currentIndex() < 0)
        return;
    m_resolve->setEnabled(false);
    m_controller->resolveFlag(item->data(Qt::UserRole).toString(), m_resolution->currentData().toString(),
                              m_note->text().trimmed());
}

void LeadView::updateGaps()
{
    // The models are reset: keep the selected item selected (by its key) if it is still on show.
    auto keep = [](QTableView *table, GapsModel *model, auto &&reload) {
        const QString key = selectedRow(table).data(GapsModel::KeyRole).toString();
        reload();
        if (const int row = key.isEmpty() ? -1 : model->rowOfKey(key); row >= 0)
            table->selectRow(row);
    };
    keep(m_topicTable, m_topicModel, [this] { m_topicModel->setTopics(m_controller->gapTopics()); });
    // Articles only in the articles' table; past replies and macros have their own short list, of those that led
    // to flags (a reply rejected for its tone is not a gap in the knowledge base).
    QList<GapArticle> articles;
    QList<GapArticle> replies;
    for (GapArticle g : m_controller->gapArticles()) {
        if (g.isArticle()) {
            articles << g;
        } else if (g.flagged > 0) {
            if (g.title.isEmpty())
                g.title = sourceText(g.kind, g.id, {});
            replies << g;
        }
    }
    keep(m_articleTable, m_articleModel, [&] { m_articleModel->setArticles(articles); });
    keep(m_replyTable, m_replyModel, [&] { m_replyModel->setArticles(replies); });
    auto summary = [this](GapsModel *model, const QString &none, const QString &shown) {
        const int hidden = model->totalCount() - model->rowCount();
        if (model->totalCount() == 0)
            return none;
        if (model->rowCount() == 0)
            return tr("All reviewed (%1); tick Show reviewed to see them.").arg(hidden);
        return hidden > 0 ? tr("%1 (reviewed, not shown: %2)").arg(shown).arg(hidden) : shown;
    };
    m_topicsSummary->setText(
        summary(m_topicModel, tr("Topics: no drafts with problems in this period."),
                tr("Topics whose drafts had problems (low confidence, no source, rejected, flagged), most first:")));
    m_articlesSummary->setText(summary(m_articleModel, tr("Articles: no flagged or rejected drafts built on one."),
                                       tr("Articles that flagged or rejected drafts were built on, most flags and "
                                          "outdated-information rejects first:")));
    m_repliesSummary->setText(summary(m_replyModel, tr("Past replies and macros: none behind a flagged draft."),
                                      tr("Past replies and macros that flagged drafts were built on:")));
    updateGapButtons();
}

void LeadView::updateGapButtons()
{
    m_markTopic->setEnabled(selectedRow(m_topicTable).isValid());
    const QModelIndex article = selectedRow(m_articleTable);
    m_markArticle->setEnabled(article.isValid());
    m_openArticle->setEnabled(!article.data(GapsModel::ArticleIdRole).toString().isEmpty());
    for (QTableView *table : {m_topicTable, m_articleTable})
        for (QAction *a : table->actions())
            a->setEnabled(a->objectName() == u"openArticleAction"_s ? m_openArticle->isEnabled()
                                                                    : selectedRow(table).isValid());
}

void LeadView::markReviewed(GapsModel *model, QTableView *table)
{
    const QModelIndex row = selectedRow(table);
    if (!row.isValid())
        return;
    (model == m_topicModel ? m_markTopic : m_markArticle)->setEnabled(false);
    m_controller->reviewGap(model->kind() == GapsModel::Kind::Topics ? u"topic"_s : u"article"_s,
                            row.data(GapsModel::KeyRole).toString());
}

void LeadView::openSelectedArticle()
{
    const QString id = selectedRow(m_articleTable).data(GapsModel::ArticleIdRole).toString();
    if (!id.isEmpty())
        Q_EMIT articleRequested(id);
}

void LeadView::updateSpikes()
{
    const QList<Spike> &spikes = m_controller->spikes();
    if (!m_controller->hasSection(LeadController::Section::Spikes)) {
        m_spikes->hide();
        return;
    }
    m_spikes->show();
    const QString week = QLocale().toString(m_controller->spikeWeek(), QLocale::ShortFormat);
    if (spikes.isEmpty()) {
        m_spikes->setStyleSheet({});
        m_spikes->setText(tr("No spikes this week (week of %1): no topic drew at least 5 drafts and twice its usual "
                             "weekly number.")
                              .arg(week));
        m_spikes->setToolTip({});
        return;
    }
    m_spikes->setStyleSheet(u"QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
                            " padding: 6px; font-weight: bold; }"_s);
    QStringList lines;
    QStringList examples;
    for (const Spike &s : spikes) {
        // At least 5 tickets make a spike: the plural is always right.
        lines << tr("Possible product issue: %1 — %2 tickets this week vs ~%3 a week before (×%4)")
                     .arg(s.intent, QLocale().toString(s.tickets), shortNumber(s.baseline), shortNumber(s.ratio));
        if (!s.examples.isEmpty())
            examples << tr("%1: %2").arg(s.intent, s.examples.join(u", "_s));
    }
    m_spikes->setText(lines.join(u'\n'));
    m_spikes->setToolTip(tr("Week of %1. Example tickets:\n%2").arg(week, examples.join(u'\n')));
}

QString LeadView::csv() const
{
    QList<AgentStatsRow> rows;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows << m_model->rows().at(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    return agentStatsCsv(rows);
}

Result<bool> LeadView::exportCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(csv().toUtf8());
    if (!file.commit())
        return Error::make(Error::Code::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

void LeadView::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export the figures per agent"), QString(), tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->selectFile(u"understudy-%1-%2.csv"_s.arg(m_controller->from().toString(Qt::ISODate),
                                                     m_controller->to().toString(Qt::ISODate)));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (auto written = exportCsv(path); !written)
            m_messages->showMessage(written.error().message, MessageBar::Kind::Error);
        else
            m_messages->showMessage(tr("Exported %n agent(s) to %1.", nullptr, m_proxy->rowCount()).arg(path),
                                    MessageBar::Kind::Information);
    });
    dialog->open();
}

void installLeadView(MainWindow *window, SyncController *sync)
{
    auto *action = new QAction(window);
    action->setObjectName(u"leadViewAction"_s);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    auto updateText = [action, sync] {
        const QString role = sync ? sync->role() : QString();
        action->setText(role.isEmpty() || role == u"lead"_s || role == u"admin"_s ? LeadView::tr("&Team statistics…")
                                                                                  : LeadView::tr("&My statistics…"));
    };
    updateText();
    if (sync) {
        // The role comes with a sign-in, from the settings when restore() picks the account up, or from the
        // server when the account was signed in by understudyctl (SyncController asks GET /session).
        QObject::connect(sync, &SyncController::signedIn, action, updateText);
        QObject::connect(sync, &SyncController::modeChanged, action, updateText);
        QObject::connect(sync, &SyncController::roleChanged, action, updateText);
    }
    auto *menu = new QMenu(LeadView::tr("&View"), window);
    menu->addAction(action);
    window->addAction(action);
    const QList<QAction *> menus = window->menuBar()->actions();
    QAction *help = menus.isEmpty() ? nullptr : menus.last();
    window->menuBar()->insertMenu(help, menu);
    auto view = std::make_shared<QPointer<LeadView>>();
    QObject::connect(action, &QAction::triggered, window, [window, sync, view] {
        if (!*view) {
            *view = new LeadView(window->controller()->store(), sync, window);
            (*view)->setAttribute(Qt::WA_DeleteOnClose);
            // As a source of a draft opens: in the main window's knowledge-base browser.
            QObject::connect(*view, &LeadView::articleRequested, window, [window](const QString &id) {
                KnowledgeBrowser *browser = window->knowledgeBrowser();
                browser->showArticle(id);
                browser->show();
                browser->raise();
            });
            (*view)->show();
            (*view)->refresh();
        }
        (*view)->raise();
        (*view)->activateWindow();
    });
}

} // namespace understudy::app

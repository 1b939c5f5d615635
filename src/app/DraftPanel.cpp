// SPDX-License-Identifier: GPL-3.0-or-later
#include "DraftPanel.h"

#include "SourcesModel.h"
#include "Theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

DraftPanel::DraftPanel(QWidget *parent)
    : QWidget(parent), m_banner(new QFrame(this)), m_bannerText(new QLabel(m_banner)), m_meter(new QProgressBar(this)),
      m_confidence(new QLabel(this)), m_reasonsToggle(new QToolButton(this)), m_reasons(new QLabel(this)),
      m_status(new QLabel(this)), m_editor(new QPlainTextEdit(this)), m_sourcesView(new QTableView(this)),
      m_sources(new SourcesModel(this)), m_insertLink(new QPushButton(tr("Insert &link"), this)),
      m_buttons(new QWidget(this))
{
    setObjectName(u"draftPanel"_s);

    m_banner->setObjectName(u"escalationBanner"_s);
    m_banner->setAccessibleName(tr("Escalation"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_bannerText->setObjectName(u"escalationReasons"_s);
    m_bannerText->setWordWrap(true);
    auto *bl = new QHBoxLayout(m_banner);
    bl->setContentsMargins(8, 6, 8, 6);
    bl->addWidget(m_bannerText, 1);

    m_meter->setObjectName(u"confidenceMeter"_s);
    m_meter->setAccessibleName(tr("Confidence"));
    m_meter->setRange(0, 100);
    m_meter->setTextVisible(false);
    m_meter->setFixedHeight(10);
    m_confidence->setObjectName(u"confidenceLabel"_s);
    m_reasonsToggle->setObjectName(u"reasonsToggle"_s);
    m_reasonsToggle->setText(tr("Why?"));
    m_reasonsToggle->setCheckable(true);
    m_reasonsToggle->setAutoRaise(true);
    m_reasonsToggle->setArrowType(Qt::RightArrow);
    m_reasonsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reasonsToggle->setAccessibleName(tr("Show the reasons behind the confidence"));
    m_reasons->setObjectName(u"confidenceReasons"_s);
    m_reasons->setWordWrap(true);
    m_reasons->setTextFormat(Qt::RichText);
    m_reasons->hide();
    connect(m_reasonsToggle, &QToolButton::toggled, this, [this](bool on) {
        m_reasons->setVisible(on);
        m_reasonsToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });

    m_status->setObjectName(u"draftStatus"_s);
    m_status->setWordWrap(true);

    m_editor->setObjectName(u"replyEditor"_s);
    m_editor->setAccessibleName(tr("Reply"));
    m_editor->setPlaceholderText(tr("The suggested reply appears here."));
    m_editor->setTabChangesFocus(true);
    m_editor->setMinimumHeight(160);

    m_sourcesView->setObjectName(u"sourcesView"_s);
    m_sourcesView->setAccessibleName(tr("Sources"));
    m_sourcesView->setModel(m_sources);
    m_sourcesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sourcesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sourcesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sourcesView->verticalHeader()->hide();
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::KindColumn, QHeaderView::ResizeToContents);
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::TitleColumn, QHeaderView::Interactive);
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::ScoreColumn, QHeaderView::ResizeToContents);
    m_sourcesView->horizontalHeader()->setStretchLastSection(true);
    m_sourcesView->setColumnWidth(SourcesModel::TitleColumn, 180);
    m_sourcesView->setWordWrap(false);
    m_sourcesView->setMinimumHeight(110);
    m_sourcesView->setToolTip(tr("Double-click to open an article in the knowledge-base browser"));
    connect(m_sourcesView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT sourceActivated(m_sources->sources().at(index.row()));
    });
    m_insertLink->setObjectName(u"insertLinkButton"_s);
    m_insertLink->setAccessibleName(tr("Insert the selected source's link into the reply"));
    m_insertLink->setEnabled(false);
    connect(m_insertLink, &QPushButton::clicked, this, &DraftPanel::insertSelectedLink);
    connect(m_sourcesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const Source *s = selectedSource();
        m_insertLink->setEnabled(s && !s->url.isEmpty());
    });
    connect(m_sources, &QAbstractItemModel::modelReset, this, [this] { m_insertLink->setEnabled(false); });

    m_buttons->setObjectName(u"draftActions"_s);

    auto *meterRow = new QHBoxLayout;
    meterRow->addWidget(new QLabel(tr("Confidence"), this));
    meterRow->addWidget(m_meter, 1);
    meterRow->addWidget(m_confidence);
    meterRow->addWidget(m_reasonsToggle);
    auto *sourcesRow = new QHBoxLayout;
    auto *sourcesTitle = new QLabel(tr("<b>Sources</b>"), this);
    sourcesRow->addWidget(sourcesTitle, 1);
    sourcesRow->addWidget(m_insertLink);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addLayout(meterRow);
    layout->addWidget(m_reasons);
    layout->addWidget(m_status);
    layout->addWidget(m_editor, 3);
    layout->addWidget(m_buttons);
    layout->addLayout(sourcesRow);
    layout->addWidget(m_sourcesView, 1);
    // No fixed minimum width: the layout's own minimum (the action buttons side by side, whatever the language)
    // is what the splitter keeps, so no button is ever clipped.
    connect(Theme::instance(), &Theme::changed, this, &DraftPanel::applyColours);
    showNoTicket();
}

void DraftPanel::setActions(const QList<QAction *> &actions)
{
    auto *row = new QHBoxLayout(m_buttons);
    row->setContentsMargins(0, 0, 0, 0);
    for (QAction *a : actions) {
        auto *b = new QToolButton(m_buttons);
        b->setDefaultAction(a);
        b->setObjectName(a->objectName() + u"Button"_s);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAccessibleName(a->text().remove(u'&'));
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        row->addWidget(b);
    }
}

void DraftPanel::showNoTicket()
{
    m_banner->hide();
    m_hasDraft = false;
    m_lowShown = false;
    applyColours();
    m_meter->setValue(0);
    m_confidence->clear();
    m_reasons->clear();
    m_reasonsToggle->setEnabled(false);
    m_status->setText(tr("Select a ticket to see the suggested reply."));
    m_editor->clear();
    m_editor->setReadOnly(true);
    m_sources->setSources({});
}

void DraftPanel::showDrafting()
{
    showNoTicket();
    m_status->setText(tr("Drafting a reply…"));
}

void DraftPanel::showFailed(const QString &message)
{
    showNoTicket();
    m_status->setText(tr("No draft: %1").arg(message));
}

void DraftPanel::showDraft(const Draft &draft, double lowThreshold)
{
    m_meter->setValue(qRound(100 * draft.confidence));
    m_hasDraft = true;
    m_shownConfidence = draft.confidence;
    m_shownThreshold = lowThreshold;
    m_lowShown = draft.lowConfidence;
    QString reasons;
    for (const QString &r : draft.reasons)
        reasons += u"<li>%1</li>"_s.arg(r.toHtmlEscaped());
    if (!draft.intent.isEmpty())
        reasons += u"<li>"_s +
                   tr("intent: %1 (%2%)").arg(draft.intent.toHtmlEscaped()).arg(qRound(100 * draft.intentProbability)) +
                   u"</li>"_s;
    m_reasons->setText(u"<ul style=\"margin:0\">%1</ul>"_s.arg(reasons));
    const QString tip = draft.reasons.join(u"\n"_s);
    m_meter->setToolTip(tip);
    m_confidence->setToolTip(tip);
    m_reasonsToggle->setEnabled(!draft.reasons.isEmpty());

    m_banner->setVisible(draft.escalation.escalate);
    if (draft.escalation.escalate)
        m_bannerText->setText(tr("<b>Escalate to a human:</b> %1<br/>The draft below is a suggested hand-off.")
                                  .arg(draft.escalation.reasons.join(u"; "_s).toHtmlEscaped()));
    if (draft.lowConfidence) {
        m_status->setText(tr("⚠ Low confidence: check this reply carefully before sending."));
    } else {
        m_status->setText(tr("Suggested reply — edit it freely before sending."));
    }
    applyColours();
    m_editor->setPlainText(draft.text);
    m_editor->setReadOnly(false);
    m_sources->setSources(draft.sources);
}

void DraftPanel::applyColours()
{
    using Role = Theme::Role;
    m_banner->setStyleSheet(u"#escalationBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                            "#escalationBanner QLabel { color: %3; }"_s.arg(Theme::color(Role::BannerBackground).name(),
                                                                            Theme::color(Role::BannerBorder).name(),
                                                                            Theme::color(Role::BannerText).name()));
    const QString track = u"QProgressBar { border: 1px solid %1; border-radius: 4px; background: %2; }"_s.arg(
        Theme::color(Role::MeterBorder).name(), Theme::color(Role::MeterTrack).name());
    if (m_hasDraft) {
        const QColor color = Theme::bandColor(m_shownConfidence, m_shownThreshold);
        const int pct = qRound(100 * m_shownConfidence);
        m_meter->setStyleSheet(track + u"QProgressBar::chunk { background: %1; border-radius: 3px; }"_s.arg(color.name()));
        m_confidence->setText(m_lowShown ? tr("<b style=\"color:%1\">%2% · low</b>").arg(color.name()).arg(pct)
                                         : tr("<b style=\"color:%1\">%2%</b>").arg(color.name()).arg(pct));
    } else {
        m_meter->setStyleSheet(track);
    }
    const QString danger = Theme::color(Role::Danger).name();
    m_status->setStyleSheet(m_lowShown ? u"color:%1"_s.arg(danger) : QString());
    m_editor->setStyleSheet(m_lowShown ? u"QPlainTextEdit { border: 2px dashed %1; }"_s.arg(danger) : QString());
}

void DraftPanel::setSendState(bool pending, bool sent)
{
    m_editor->setReadOnly(pending || sent);
    if (pending)
        m_status->setText(tr("Sending… (undo with Ctrl+Z)"));
    else if (sent)
        m_status->setText(tr("Done with this draft. Regenerate for a new one."));
}

QString DraftPanel::replyText() const
{
    return m_editor->toPlainText();
}

void DraftPanel::insertIntoReply(const QString &text)
{
    if (m_editor->isReadOnly())
        return;
    m_editor->insertPlainText(text);
}

const Source *DraftPanel::selectedSource() const
{
    const QModelIndex i = m_sourcesView->currentIndex();
    if (!i.isValid() || i.row() >= m_sources->sources().size())
        return nullptr;
    return &m_sources->sources().at(i.row());
}

void DraftPanel::insertSelectedLink()
{
    const Source *s = selectedSource();
    if (!s || s->url.isEmpty())
        return;
    insertIntoReply(s->url);
    m_editor->setFocus();
}

} // namespace understudy::app

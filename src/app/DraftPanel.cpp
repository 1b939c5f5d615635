// SPDX-License-Identifier: GPL-3.0-or-later
#include "DraftPanel.h"

#include "DraftText.h"
#include "FlagReasonBar.h"
#include "SourcesModel.h"
#include "SpellChecker.h"
#include "Theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTextEdit>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

DraftPanel::DraftPanel(QWidget *parent)
    : QWidget(parent), m_banner(new QFrame(this)), m_bannerText(new QLabel(m_banner)),
      m_languageBanner(new QFrame(this)), m_languageText(new QLabel(m_languageBanner)), m_meter(new QProgressBar(this)),
      m_confidence(new QLabel(this)), m_reasonsToggle(new QToolButton(this)), m_reasons(new QLabel(this)),
      m_status(new QLabel(this)), m_editor(new QPlainTextEdit(this)), m_sourcesView(new QTableView(this)),
      m_sources(new SourcesModel(this)), m_insertLink(new QPushButton(tr("Insert &link"), this)),
      m_buttons(new QWidget(this)), m_flagReason(new FlagReasonBar(this)), m_spell(new SpellChecker(m_editor))
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

    m_languageBanner->setObjectName(u"languageBanner"_s);
    m_languageBanner->setAccessibleName(tr("Reply language"));
    m_languageBanner->setFrameShape(QFrame::StyledPanel);
    m_languageText->setObjectName(u"languageMismatch"_s);
    m_languageText->setWordWrap(true);
    auto *ll = new QHBoxLayout(m_languageBanner);
    ll->setContentsMargins(8, 6, 8, 6);
    ll->addWidget(m_languageText, 1);

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
    m_editor->viewport()->installEventFilter(this); // the marks' tooltips
    connect(m_editor, &QPlainTextEdit::textChanged, this, &DraftPanel::refreshMarks);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (!m_settingText)
            m_cursorPlaced = true;
    });

    m_sourcesView->setObjectName(u"sourcesView"_s);
    m_sourcesView->setAccessibleName(tr("Sources"));
    m_sourcesView->setModel(m_sources);
    m_sourcesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sourcesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sourcesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sourcesView->verticalHeader()->hide();
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::KindColumn, QHeaderView::ResizeToContents);
    // Titles whole (there are a handful of sources); the snippet takes what is left and is whole in the tooltip.
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::TitleColumn, QHeaderView::ResizeToContents);
    m_sourcesView->horizontalHeader()->setSectionResizeMode(SourcesModel::ScoreColumn, QHeaderView::ResizeToContents);
    m_sourcesView->horizontalHeader()->setStretchLastSection(true);
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
    layout->addWidget(m_languageBanner);
    layout->addLayout(meterRow);
    layout->addWidget(m_reasons);
    layout->addWidget(m_status);
    layout->addWidget(m_editor, 3);
    layout->addWidget(m_buttons);
    layout->addWidget(m_flagReason);
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
    m_spell->setLanguage({});
    m_banner->hide();
    m_languageBanner->hide();
    m_unitMarks.clear();
    m_hasDraft = false;
    m_lowShown = false;
    applyColours();
    m_meter->setValue(0);
    m_confidence->clear();
    m_reasons->clear();
    m_reasonsToggle->setEnabled(false);
    m_status->setText(tr("Select a ticket to see the suggested reply."));
    m_draftStatus.clear();
    m_settingText = true;
    m_editor->clear();
    m_settingText = false;
    m_cursorPlaced = false;
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
    m_unitMarks.clear();
    // Reasons and banners in the interface language (the draft's codes); older drafts show their English text.
    const QStringList shownReasons = DraftText::reasons(draft);
    QString reasons;
    for (const QString &r : shownReasons)
        reasons += u"<li>%1</li>"_s.arg(r.toHtmlEscaped());
    if (!draft.intent.isEmpty())
        reasons += u"<li>"_s +
                   tr("intent: %1 (%2%)").arg(draft.intent.toHtmlEscaped()).arg(qRound(100 * draft.intentProbability)) +
                   u"</li>"_s;
    m_reasons->setText(u"<ul style=\"margin:0\">%1</ul>"_s.arg(reasons));
    const QString tip = shownReasons.join(u"\n"_s);
    m_meter->setToolTip(tip);
    m_confidence->setToolTip(tip);
    m_reasonsToggle->setEnabled(!shownReasons.isEmpty());

    m_banner->setVisible(draft.escalation.escalate);
    if (draft.escalation.escalate)
        m_bannerText->setText(tr("<b>Escalate to a human:</b> %1<br/>The draft below is a suggested hand-off.")
                                  .arg(DraftText::escalationReasons(draft.escalation).join(u"; "_s).toHtmlEscaped()));
    m_languageBanner->setVisible(draft.languageMismatch);
    m_languageText->setText(DraftText::languageMismatch(draft));
    QString status = draft.lowConfidence ? tr("⚠ Low confidence: check this reply carefully before sending.")
                                         : tr("Suggested reply — edit it freely before sending.");
    applyColours();
    m_settingText = true;
    m_editor->setPlainText(draft.text);
    m_settingText = false;
    m_cursorPlaced = false;
    m_editor->setReadOnly(false);
    m_spell->setLanguage(SpellChecker::languageOf(draft));
    markUnits(draft);
    // A placeholder inside a marked unit is one passage to check, not two.
    const QList<QTextEdit::ExtraSelection> marks = m_editor->extraSelections();
    int passages = 0;
    for (qsizetype i = 0; i < marks.size(); ++i) {
        const QTextCursor &m = marks.at(i).cursor;
        bool inside = false;
        for (qsizetype j = 0; j < marks.size() && !inside; ++j) {
            const QTextCursor &o = marks.at(j).cursor;
            const bool within = o.selectionStart() <= m.selectionStart() && m.selectionEnd() <= o.selectionEnd();
            const bool same = o.selectionStart() == m.selectionStart() && o.selectionEnd() == m.selectionEnd();
            inside = j != i && within && (!same || j < i);
        }
        passages += inside ? 0 : 1;
    }
    if (passages > 0)
        status += u" "_s + tr("%n passage(s) marked to check: hover over them to see why.", nullptr, passages);
    m_status->setText(status);
    m_draftStatus = status;
    m_sources->setSources(draft.sources);
}

void DraftPanel::applyColours()
{
    using Role = Theme::Role;
    m_banner->setStyleSheet(u"#escalationBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                            "#escalationBanner QLabel { color: %3; }"_s.arg(Theme::color(Role::BannerBackground).name(),
                                                                            Theme::color(Role::BannerBorder).name(),
                                                                            Theme::color(Role::BannerText).name()));
    m_languageBanner->setStyleSheet(
        u"#languageBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
        "#languageBanner QLabel { color: %2; }"_s.arg(Theme::color(Role::InfoBackground).name(),
                                                      Theme::color(Role::InfoText).name()));
    const QString track = u"QProgressBar { border: 1px solid %1; border-radius: 4px; background: %2; }"_s.arg(
        Theme::color(Role::MeterBorder).name(), Theme::color(Role::MeterTrack).name());
    if (m_hasDraft) {
        const QColor color = Theme::bandColor(m_shownConfidence, m_shownThreshold);
        const int pct = qRound(100 * m_shownConfidence);
        m_meter->setStyleSheet(track +
                               u"QProgressBar::chunk { background: %1; border-radius: 3px; }"_s.arg(color.name()));
        m_confidence->setText(m_lowShown ? tr("<b style=\"color:%1\">%2% · low</b>").arg(color.name()).arg(pct)
                                         : tr("<b style=\"color:%1\">%2%</b>").arg(color.name()).arg(pct));
    } else {
        m_meter->setStyleSheet(track);
    }
    const QString danger = Theme::color(Role::Danger).name();
    m_status->setStyleSheet(m_lowShown ? u"color:%1"_s.arg(danger) : QString());
    m_editor->setStyleSheet(m_lowShown ? u"QPlainTextEdit { border: 2px dashed %1; }"_s.arg(danger) : QString());
    refreshMarks();
}

void DraftPanel::markUnits(const Draft &draft)
{
    m_unitMarks.clear();
    // The draft's text holds each unit's text verbatim, in order: each is looked for after the previous one (a
    // repeated sentence is marked where it stands), from the start if the order ever differs, and left unmarked if
    // it is not there at all. Older drafts have no units: only their placeholders are marked.
    qsizetype from = 0;
    for (const DraftSentence &unit : draft.sentences) {
        const QString text = unit.text.trimmed();
        if (text.isEmpty())
            continue;
        qsizetype at = draft.text.indexOf(text, from);
        if (at < 0)
            at = draft.text.indexOf(text);
        if (at < 0)
            continue;
        from = at + text.size();
        if (unit.check.isEmpty())
            continue;
        QTextCursor c(m_editor->document());
        c.setPosition(int(at));
        c.setPosition(int(at + text.size()), QTextCursor::KeepAnchor);
        m_unitMarks.append({c, unit.check});
    }
    refreshMarks();
}

void DraftPanel::refreshMarks()
{
    using Role = Theme::Role;
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat unitFormat;
    unitFormat.setBackground(Theme::color(Role::BannerBackground));
    unitFormat.setUnderlineStyle(QTextCharFormat::DotLine);
    unitFormat.setUnderlineColor(Theme::color(Role::BannerBorder));
    for (const UnitMark &m : std::as_const(m_unitMarks)) {
        if (!m.cursor.hasSelection())
            continue; // the agent deleted it
        // A unit marked for its placeholder is done once the agent has filled it in.
        if (m.check == u"placeholder" && Draft::placeholders(m.cursor.selectedText()).isEmpty())
            continue;
        QTextEdit::ExtraSelection sel{m.cursor, unitFormat};
        sel.format.setToolTip(DraftText::check(m.check));
        marks << sel;
    }
    // Placeholders are looked for in the text as it is now, so typing one in marks it and filling one unmarks it.
    // They come last: drawn over their unit's mark, and found first on hover.
    QTextCharFormat placeholderFormat;
    placeholderFormat.setBackground(Theme::color(Role::Highlight));
    placeholderFormat.setForeground(Theme::color(Role::HighlightText));
    placeholderFormat.setToolTip(DraftText::check(u"placeholder"_s));
    const QString text = m_editor->toPlainText();
    qsizetype from = 0;
    for (const QString &p : Draft::placeholders(text)) {
        const qsizetype at = text.indexOf(p, from);
        if (at < 0)
            continue;
        from = at + p.size();
        QTextCursor c(m_editor->document());
        c.setPosition(int(at));
        c.setPosition(int(at + p.size()), QTextCursor::KeepAnchor);
        marks << QTextEdit::ExtraSelection{c, placeholderFormat};
    }
    m_editor->setExtraSelections(marks);
}

QString DraftPanel::checkAt(int position) const
{
    const QList<QTextEdit::ExtraSelection> marks = m_editor->extraSelections();
    for (auto it = marks.crbegin(); it != marks.crend(); ++it)
        if (it->cursor.selectionStart() <= position && position < it->cursor.selectionEnd())
            return it->format.toolTip();
    return {};
}

bool DraftPanel::selectFirstPlaceholder()
{
    const QString text = m_editor->toPlainText();
    const QStringList left = Draft::placeholders(text);
    if (left.isEmpty())
        return false;
    QTextCursor c = m_editor->textCursor();
    const qsizetype at = text.indexOf(left.first());
    c.setPosition(int(at));
    c.setPosition(int(at + left.first().size()), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(c);
    m_editor->setFocus();
    return true;
}

bool DraftPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor->viewport() && event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = checkAt(m_editor->cursorForPosition(help->pos()).position());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, m_editor->viewport());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void DraftPanel::setSendState(bool pending, bool sent)
{
    m_editor->setReadOnly(pending || sent);
    if (pending)
        m_status->setText(tr("Sending… (undo with Ctrl+Z)"));
    else if (sent)
        m_status->setText(tr("Done with this draft. Regenerate for a new one."));
    else if (m_hasDraft)
        m_status->setText(m_draftStatus); // an undone send: the draft's own status again
}

QString DraftPanel::replyText() const
{
    return m_editor->toPlainText();
}

void DraftPanel::insertIntoReply(const QString &text)
{
    if (m_editor->isReadOnly())
        return;
    const QString reply = m_editor->toPlainText();
    QTextCursor c = m_editor->textCursor();
    if (!m_cursorPlaced) {
        // Not where the cursor happens to start (the greeting): at the end of the body, i.e. before the sign-off
        // when the reply has a greeting, a body and a sign-off paragraph, else at the end.
        qsizetype at = reply.size();
        while (at > 0 && reply.at(at - 1).isSpace())
            --at;
        if (reply.count(u"\n\n"_s) >= 2)
            at = reply.lastIndexOf(u"\n\n"_s);
        while (at > 0 && reply.at(at - 1).isSpace())
            --at;
        c.setPosition(int(at));
    }
    const int from = c.selectionStart();
    const int to = c.selectionEnd();
    QString insert = text;
    if (from > 0 && !reply.at(from - 1).isSpace())
        insert.prepend(u' ');
    if (to < reply.size() && !reply.at(to).isSpace())
        insert.append(u' ');
    c.insertText(insert);
    m_editor->setTextCursor(c);
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

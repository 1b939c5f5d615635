// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QTextCursor>
#include <QWidget>

class QAction;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace understudy::app {

class FlagReasonBar;
class SourcesModel;
class SpellChecker;

/// @brief The suggested reply: an editor, the confidence meter with its reasons, the sources, the escalation and
/// language banners and the action buttons. Shows what it is given; the DraftController decides.
///
/// What the agent must check is marked in the editor: each unit of the draft with a check code (an action claimed
/// for the customer, a claim without a source, another language) and every placeholder still in the text get a
/// background, with the reason on hover. The marks are extra selections (formatting, never characters), so the
/// reply sent is exactly the editor's text; they follow the agent's edits, and a placeholder's mark goes once it
/// is filled.
class DraftPanel : public QWidget {
    Q_OBJECT
public:
    explicit DraftPanel(QWidget *parent = nullptr);

    /// @brief Puts the window's actions on the panel's buttons.
    void setActions(const QList<QAction *> &actions);

    void showNoTicket();
    void showDrafting();
    void showFailed(const QString &message);
    void showDraft(const Draft &draft, double lowThreshold);
    /// @brief While a send can be undone the reply is frozen.
    void setSendState(bool pending, bool sent);

    QString replyText() const;
    QPlainTextEdit *editor() const { return m_editor; }
    SourcesModel *sourcesModel() const { return m_sources; }
    /// @brief The inline "why was it flagged?" bar under the action buttons (hidden until a flag).
    FlagReasonBar *flagReasonBar() const { return m_flagReason; }
    /// @brief The reply editor's spell-check, in the ticket's language while a draft is shown.
    SpellChecker *spellChecker() const { return m_spell; }
    /// @brief Inserts @p text where the agent is typing, or at the end of the body (before the sign-off) while the
    /// agent has not placed the cursor in this draft yet; with a space on each side where it would touch a word.
    void insertIntoReply(const QString &text);
    /// @brief Selects the first placeholder left in the reply and focuses the editor; false when there is none.
    bool selectFirstPlaceholder();
    /// @brief Why the text at @p position in the editor is marked (what its tooltip says); empty when it is not.
    QString checkAt(int position) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    /// @brief The agent double-clicked a source.
    void sourceActivated(const understudy::Source &source);

private:
    void insertSelectedLink();
    /// @brief Restyles the banners, meter, low-confidence and check marks for the current palette.
    void applyColours();
    /// @brief Marks the draft's units that need checking (found by position in the draft's text).
    void markUnits(const Draft &draft);
    /// @brief Redraws the marks: the units' (their cursors follow edits) and the placeholders in the text now.
    void refreshMarks();

    /// A unit of the shown draft to check: its text in the editor (a cursor that follows edits) and why.
    struct UnitMark {
        QTextCursor cursor;
        QString check; ///< the unit's check code
    };
    QList<UnitMark> m_unitMarks;

    bool m_hasDraft = false;
    bool m_cursorPlaced = false; ///< the agent put the cursor somewhere in the current draft
    bool m_settingText = false;
    QString m_draftStatus; ///< the status line of the draft on show, back after an undone send
    bool m_lowShown = false;
    double m_shownConfidence = 0;
    double m_shownThreshold = 0.5;
    const Source *selectedSource() const;

    QFrame *m_banner;
    QLabel *m_bannerText;
    QFrame *m_languageBanner;
    QLabel *m_languageText;
    QProgressBar *m_meter;
    QLabel *m_confidence;
    QToolButton *m_reasonsToggle;
    QLabel *m_reasons;
    QLabel *m_status;
    QPlainTextEdit *m_editor;
    QTableView *m_sourcesView;
    SourcesModel *m_sources;
    QPushButton *m_insertLink;
    QWidget *m_buttons;
    FlagReasonBar *m_flagReason;
    SpellChecker *m_spell;
};

} // namespace understudy::app

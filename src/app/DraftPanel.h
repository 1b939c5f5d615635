// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

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

class SourcesModel;

/// @brief The suggested reply: an editor, the confidence meter with its reasons, the sources, the escalation
/// banner and the action buttons. Shows what it is given; the DraftController decides.
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
    /// @brief Inserts @p text at the editor's cursor.
    void insertIntoReply(const QString &text);

Q_SIGNALS:
    /// @brief The agent double-clicked a source.
    void sourceActivated(const understudy::Source &source);

private:
    void insertSelectedLink();
    /// @brief Restyles the banner, meter and low-confidence marks for the current palette.
    void applyColours();

    bool m_hasDraft = false;
    bool m_lowShown = false;
    double m_shownConfidence = 0;
    double m_shownThreshold = 0.5;
    const Source *selectedSource() const;

    QFrame *m_banner;
    QLabel *m_bannerText;
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
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QDialog>

class QLineEdit;
class QTextBrowser;
class QLabel;
class QTimer;

namespace understudy::store {
class Store;
}

namespace understudy::app {

/// @brief Offline full-text search over the cached knowledge base (FTS5), with matches highlighted, and an
/// article view. Non-modal: it stays open beside the main window.
class KnowledgeBrowser : public QDialog {
    Q_OBJECT
public:
    explicit KnowledgeBrowser(store::Store *store, QWidget *parent = nullptr);

    /// @brief Searches now (the search box searches as the agent types, after a short pause).
    void search(const QString &query);
    /// @brief Articles to offer while the search box is empty (those behind the current draft); with none, the
    /// list says how to search.
    void setSuggestions(const QList<Source> &articles);
    /// @brief Shows article @p articleId; false when it is not in the store.
    bool showArticle(const QString &articleId);
    QString currentArticle() const { return m_current; }
    int resultCount() const { return m_results; }

    /// @brief Snippet text with FTS5's [ ] markers as <b></b>, everything else HTML-escaped.
    static QString highlightSnippet(const QString &snippet);

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void highlightTerms();
    void showSuggestions();

    store::Store *m_store;
    QLineEdit *m_search;
    QLabel *m_summary;
    QTextBrowser *m_list;
    QTextBrowser *m_article;
    QTimer *m_debounce;
    QString m_current;
    QString m_query;
    QList<Source> m_suggestions;
    int m_results = 0;
};

} // namespace understudy::app

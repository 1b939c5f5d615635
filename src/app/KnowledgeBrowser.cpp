// SPDX-License-Identifier: GPL-3.0-or-later
#include "KnowledgeBrowser.h"

#include "Store.h"
#include "Theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

KnowledgeBrowser::KnowledgeBrowser(store::Store *store, QWidget *parent)
    : QDialog(parent), m_store(store), m_search(new QLineEdit(this)), m_summary(new QLabel(this)),
      m_list(new QTextBrowser(this)), m_article(new QTextBrowser(this)), m_debounce(new QTimer(this))
{
    setObjectName(u"knowledgeBrowser"_s);
    setWindowTitle(tr("Knowledge base"));
    setModal(false);
    m_search->setObjectName(u"kbSearch"_s);
    m_search->setAccessibleName(tr("Search the knowledge base"));
    m_search->setPlaceholderText(tr("Search articles (works offline)…"));
    m_search->setClearButtonEnabled(true);
    m_summary->setObjectName(u"kbSummary"_s);
    m_list->setObjectName(u"kbResults"_s);
    m_list->setAccessibleName(tr("Search results"));
    m_list->setOpenLinks(false);
    m_article->setObjectName(u"kbArticle"_s);
    m_article->setAccessibleName(tr("Article"));
    m_article->setOpenExternalLinks(true);
    m_article->setPlaceholderText(tr("Choose an article on the left, or type above to search the knowledge base."));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(m_article);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(Theme::instance(), &Theme::changed, this, &KnowledgeBrowser::highlightTerms);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        search(m_search->text());
    });
    connect(m_list, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == u"article"_s)
            showArticle(url.path());
    });
    setMinimumSize(640, 420);
    resize(960, 640);
    showSuggestions();
}

void KnowledgeBrowser::setSuggestions(const QList<Source> &articles)
{
    m_suggestions = articles;
    if (m_query.trimmed().isEmpty())
        showSuggestions();
}

void KnowledgeBrowser::showSuggestions()
{
    if (m_suggestions.isEmpty()) {
        m_summary->setText(tr("Type to search the cached articles."));
        m_list->setHtml(u"<p>%1</p>"_s.arg(
            tr("Search by a few words of the customer's question, e.g. <i>export csv</i> or <i>reset password</i>. "
               "Select a ticket first to see the articles behind its draft here.")));
        return;
    }
    m_summary->setText(tr("Articles behind the current draft — or type to search."));
    QString html;
    for (const Source &s : std::as_const(m_suggestions))
        html += u"<p><a href=\"article:%1\"><b>%2</b></a><br/>%3</p>"_s.arg(
            s.id.toHtmlEscaped(), (s.title.isEmpty() ? s.id : s.title).toHtmlEscaped(), s.snippet.toHtmlEscaped());
    m_list->setHtml(html);
}

QString KnowledgeBrowser::highlightSnippet(const QString &snippet)
{
    QString html = snippet.toHtmlEscaped();
    html.replace(QChar(u'['), u"<b>"_s).replace(QChar(u']'), u"</b>"_s);
    return html;
}

void KnowledgeBrowser::search(const QString &query)
{
    if (m_search->text() != query) {
        const QSignalBlocker block(m_search);
        m_search->setText(query);
    }
    m_query = query;
    m_results = 0;
    if (query.trimmed().isEmpty()) {
        showSuggestions();
        return;
    }
    auto hits = m_store->searchKnowledge(query, 30);
    if (!hits) {
        m_list->clear();
        m_summary->setText(tr("Search failed."));
        Q_EMIT errorOccurred(tr("Knowledge-base search failed: %1").arg(hits.error().toString()));
        return;
    }
    m_results = int(hits->size());
    m_summary->setText(hits->isEmpty() ? tr("No articles match “%1”.").arg(query)
                                       : tr("%n match(es)", nullptr, int(hits->size())));
    QString html;
    for (const store::KnowledgeHit &h : *hits) {
        html += u"<p><a href=\"article:%1\"><b>%2</b></a>"_s.arg(h.articleId.toHtmlEscaped(), h.title.toHtmlEscaped());
        if (!h.heading.isEmpty())
            html += u" — %1"_s.arg(h.heading.toHtmlEscaped());
        html += u"<br/>%1</p>"_s.arg(highlightSnippet(h.snippet));
    }
    m_list->setHtml(html);
}

bool KnowledgeBrowser::showArticle(const QString &articleId)
{
    auto a = m_store->article(articleId);
    if (!a) {
        Q_EMIT errorOccurred(tr("Cannot open article %1: %2").arg(articleId, a.error().toString()));
        return false;
    }
    if (!*a) {
        m_article->setPlainText(tr("Article %1 is not in the local knowledge base.").arg(articleId));
        m_current.clear();
        return false;
    }
    m_current = articleId;
    QString md = u"# "_s + (*a)->title + u"\n\n"_s;
    if ((*a)->status != u"active"_s)
        md += u"> **"_s + tr("This article is marked %1.").arg((*a)->status) + u"**\n\n"_s;
    md += (*a)->body;
    if (!(*a)->url.isEmpty())
        md += u"\n\n["_s + (*a)->url + u"]("_s + (*a)->url + u")\n"_s;
    m_article->setMarkdown(md);
    highlightTerms();
    return true;
}

void KnowledgeBrowser::highlightTerms()
{
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat format;
    format.setBackground(Theme::color(Theme::Role::Highlight));
    format.setForeground(Theme::color(Theme::Role::HighlightText));
    for (const QString &w : m_query.split(QRegularExpression(u"[^\\w]+"_s), Qt::SkipEmptyParts)) {
        QTextCursor c(m_article->document());
        while (!(c = m_article->document()->find(w, c)).isNull()) {
            QTextEdit::ExtraSelection s;
            s.cursor = c;
            s.format = format;
            marks << s;
        }
    }
    m_article->setExtraSelections(marks);
}

} // namespace understudy::app

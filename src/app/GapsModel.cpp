// SPDX-License-Identifier: GPL-3.0-or-later
#include "GapsModel.h"

#include "AgentStatsModel.h"
#include "StatsJson.h"

#include <understudy/Json.h>

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {

using namespace statsjson;

} // namespace

std::optional<GapReview> GapReview::fromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (!v.isObject() || o.value(u"by"_s).toString().isEmpty())
        return std::nullopt;
    return GapReview{o.value(u"by"_s).toString(), json::parseTime(o.value(u"at"_s).toString())};
}

GapTopic GapTopic::fromJson(const QJsonObject &o)
{
    GapTopic t;
    t.intent = o.value(u"intent"_s).toString();
    t.drafts = count(o, u"drafts"_s);
    t.lowConfidence = count(o, u"low_confidence"_s);
    t.noSource = count(o, u"no_source"_s);
    t.rejected = count(o, u"rejected"_s);
    t.flagged = count(o, u"flagged"_s);
    t.problems = count(o, u"problems"_s);
    t.meanConfidence = optionalNumber(o, u"mean_confidence"_s);
    t.examples = strings(o.value(u"examples"_s));
    t.reviewed = GapReview::fromJson(o.value(u"reviewed"_s));
    return t;
}

GapArticle GapArticle::fromJson(const QJsonObject &o)
{
    GapArticle a;
    a.source = o.value(u"source"_s).toString();
    a.kind = o.value(u"kind"_s).toString();
    a.id = o.value(u"id"_s).toString();
    if (a.kind.isEmpty() && a.id.isEmpty()) { // only "kind:id": split it
        a.kind = a.source.section(u':', 0, 0);
        a.id = a.source.section(u':', 1);
    }
    a.title = o.value(u"title"_s).toString();
    a.flagged = count(o, u"flagged"_s);
    a.outdatedRejects = count(o, u"outdated_rejects"_s);
    a.rejected = count(o, u"rejected"_s);
    a.examples = strings(o.value(u"examples"_s));
    a.reviewed = GapReview::fromJson(o.value(u"reviewed"_s));
    return a;
}

Spike Spike::fromJson(const QJsonObject &o)
{
    Spike s;
    s.intent = o.value(u"intent"_s).toString();
    s.tickets = count(o, u"tickets"_s);
    s.baseline = o.value(u"baseline"_s).toDouble();
    s.ratio = o.value(u"ratio"_s).toDouble();
    s.examples = strings(o.value(u"examples"_s));
    return s;
}

GapsModel::GapsModel(Kind kind, QObject *parent) : QAbstractTableModel(parent), m_kind(kind) {}

void GapsModel::setTopics(const QList<GapTopic> &topics)
{
    m_topics = topics;
    rebuild();
}

void GapsModel::setArticles(const QList<GapArticle> &articles)
{
    m_articles = articles;
    rebuild();
}

void GapsModel::setShowReviewed(bool show)
{
    if (m_showReviewed == show)
        return;
    m_showReviewed = show;
    rebuild();
}

int GapsModel::totalCount() const
{
    return int(m_kind == Kind::Topics ? m_topics.size() : m_articles.size());
}

bool GapsModel::reviewedAt(int item) const
{
    return m_kind == Kind::Topics ? m_topics.at(item).reviewed.has_value() : m_articles.at(item).reviewed.has_value();
}

void GapsModel::rebuild()
{
    beginResetModel();
    m_visible.clear();
    for (int i = 0; i < totalCount(); ++i)
        if (m_showReviewed || !reviewedAt(i))
            m_visible << i;
    endResetModel();
}

int GapsModel::rowOfKey(const QString &key) const
{
    for (int r = 0; r < m_visible.size(); ++r)
        if (index(r, 0).data(KeyRole).toString() == key)
            return r;
    return -1;
}

int GapsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int GapsModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_kind == Kind::Topics ? int(TopicColumnCount) : int(ArticleColumnCount);
}

QString GapsModel::reviewText(const std::optional<GapReview> &review)
{
    if (!review)
        return u"—"_s;
    if (!review->at.isValid())
        return review->by;
    return tr("%1, %2").arg(review->by, QLocale().toString(review->at.toLocalTime(), QLocale::ShortFormat));
}

QVariant GapsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int col = index.column();
    const int item = m_visible.at(index.row());
    const QLocale locale;
    if (m_kind == Kind::Topics) {
        const GapTopic &t = m_topics.at(item);
        switch (role) {
        case Qt::DisplayRole:
            switch (col) {
            case IntentColumn:
                return t.intent;
            case DraftsColumn:
                return locale.toString(t.drafts);
            case LowConfidenceColumn:
                return locale.toString(t.lowConfidence);
            case NoSourceColumn:
                return locale.toString(t.noSource);
            case TopicRejectedColumn:
                return locale.toString(t.rejected);
            case TopicFlaggedColumn:
                return locale.toString(t.flagged);
            case ProblemsColumn:
                return locale.toString(t.problems);
            case TopicExamplesColumn:
                return t.examples.join(u", "_s);
            case TopicReviewedColumn:
                return reviewText(t.reviewed);
            }
            return {};
        case Qt::ToolTipRole:
            if (col == IntentColumn || col == DraftsColumn)
                return tr("Drafts shown: %1; mean confidence %2")
                    .arg(QLocale().toString(t.drafts), AgentStatsModel::percentText(t.meanConfidence));
            if (col == ProblemsColumn)
                return tr("Low confidence + no source + rejected + 2 × flagged");
            return {};
        case KeyRole:
            return t.intent;
        case ReviewedRole:
            return t.reviewed.has_value();
        case Qt::TextAlignmentRole:
            if (col == IntentColumn || col == TopicExamplesColumn || col == TopicReviewedColumn)
                return int(Qt::AlignLeft | Qt::AlignVCenter);
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    }
    const GapArticle &a = m_articles.at(item);
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ArticleNameColumn:
            return a.name();
        case ArticleFlaggedColumn:
            return locale.toString(a.flagged);
        case OutdatedRejectsColumn:
            return locale.toString(a.outdatedRejects);
        case ArticleRejectedColumn:
            return locale.toString(a.rejected);
        case ArticleExamplesColumn:
            return a.examples.join(u", "_s);
        case ArticleReviewedColumn:
            return reviewText(a.reviewed);
        }
        return {};
    case Qt::ToolTipRole:
        if (col == ArticleNameColumn)
            return a.source;
        if (col == ArticleRejectedColumn)
            return tr("Every reject of a draft built on this source, outdated information included");
        return {};
    case KeyRole:
        return a.source;
    case ArticleIdRole:
        return a.isArticle() ? a.id : QString();
    case ReviewedRole:
        return a.reviewed.has_value();
    case Qt::TextAlignmentRole:
        if (col == ArticleNameColumn || col == ArticleExamplesColumn || col == ArticleReviewedColumn)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant GapsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (m_kind == Kind::Topics) {
        switch (section) {
        case IntentColumn:
            return tr("Topic");
        case DraftsColumn:
            return tr("Drafts");
        case LowConfidenceColumn:
            return tr("Low confidence");
        case NoSourceColumn:
            return tr("No source");
        case TopicRejectedColumn:
            return tr("Rejected");
        case TopicFlaggedColumn:
            return tr("Flagged");
        case ProblemsColumn:
            return tr("Problems");
        case TopicExamplesColumn:
            return tr("Examples");
        case TopicReviewedColumn:
            return tr("Reviewed");
        }
        return {};
    }
    switch (section) {
    case ArticleNameColumn:
        return tr("Article");
    case ArticleFlaggedColumn:
        return tr("Flags");
    case OutdatedRejectsColumn:
        return tr("Outdated rejects");
    case ArticleRejectedColumn:
        return tr("Rejects");
    case ArticleExamplesColumn:
        return tr("Examples");
    case ArticleReviewedColumn:
        return tr("Reviewed");
    }
    return {};
}

} // namespace understudy::app

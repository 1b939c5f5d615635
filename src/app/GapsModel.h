// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace understudy::app {

/// @brief Who marked a knowledge gap reviewed, and when (POST /stats/gaps/review).
struct GapReview {
    QString by;
    QDateTime at;

    /// @brief Null for a JSON null (or anything but an object with a `by`).
    static std::optional<GapReview> fromJson(const QJsonValue &v);
};

/// @brief A topic of GET /stats/gaps: an intent whose drafts had problems (docs/protocol.md, "Knowledge gaps").
struct GapTopic {
    QString intent;
    qint64 drafts = 0;
    qint64 lowConfidence = 0;
    qint64 noSource = 0;
    qint64 rejected = 0;
    qint64 flagged = 0;
    qint64 problems = 0;
    std::optional<double> meanConfidence;
    QStringList examples; ///< ticket ids, newest first
    std::optional<GapReview> reviewed;

    static GapTopic fromJson(const QJsonObject &o);
};

/// @brief An article gap of GET /stats/gaps: a knowledge source that flagged or rejected drafts were built on.
struct GapArticle {
    QString source; ///< "article:kb-9": the key of a review
    QString kind;   ///< "article", ...
    QString id;
    QString title; ///< empty when the server does not know it
    qint64 flagged = 0;
    qint64 outdatedRejects = 0;
    qint64 rejected = 0;
    QStringList examples;
    std::optional<GapReview> reviewed;

    /// @brief The title, else the id.
    QString name() const { return title.isEmpty() ? id : title; }
    bool isArticle() const { return kind == QLatin1String("article"); }

    static GapArticle fromJson(const QJsonObject &o);
};

/// @brief A topic of GET /stats/spikes: many more drafts shown in the week than usual.
struct Spike {
    QString intent;
    qint64 tickets = 0;
    double baseline = 0; ///< drafts shown per week over the four weeks before
    double ratio = 0;
    QStringList examples;

    static Spike fromJson(const QJsonObject &o);
};

/// @brief The topics or the article gaps of the lead view's Knowledge gaps tab, in the server's order (most
/// problems first). Reviewed items are left out unless setShowReviewed(true).
class GapsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Kind { Topics, Articles };
    Q_ENUM(Kind)
    enum TopicColumn {
        IntentColumn,
        DraftsColumn,
        LowConfidenceColumn,
        NoSourceColumn,
        TopicRejectedColumn,
        TopicFlaggedColumn,
        ProblemsColumn,
        TopicExamplesColumn,
        TopicReviewedColumn,
        TopicColumnCount
    };
    enum ArticleColumn {
        ArticleNameColumn,
        ArticleFlaggedColumn,
        OutdatedRejectsColumn,
        ArticleRejectedColumn,
        ArticleExamplesColumn,
        ArticleReviewedColumn,
        ArticleColumnCount
    };
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< QString: the key of a review (the topic's intent, the article's source)
        ArticleIdRole,              ///< QString: the article's id (articles of kind "article" only)
        ReviewedRole,               ///< bool
    };
    Q_ENUM(Role)

    explicit GapsModel(Kind kind, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setTopics(const QList<GapTopic> &topics);
    void setArticles(const QList<GapArticle> &articles);
    void setShowReviewed(bool show);
    bool showReviewed() const { return m_showReviewed; }
    /// @brief Items on the server's list, shown or not.
    int totalCount() const;
    /// @brief The row on show of the item with review key @p key; -1 when it is not shown.
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// @brief "lee, 12/5/26 10:00 AM" (local time), "—" when not reviewed.
    static QString reviewText(const std::optional<GapReview> &review);

private:
    void rebuild();
    bool reviewedAt(int item) const;

    Kind m_kind;
    bool m_showReviewed = false;
    QList<GapTopic> m_topics;
    QList<GapArticle> m_articles;
    QList<int> m_visible; ///< indices into m_topics or m_articles
};

} // namespace understudy::app

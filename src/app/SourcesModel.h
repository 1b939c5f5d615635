// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QAbstractTableModel>

namespace understudy::app {

/// @brief What the current draft drew on: kind, title, score and snippet per source.
class SourcesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KindColumn, TitleColumn, ScoreColumn, SnippetColumn, ColumnCount };
    enum Role {
        SourceIdRole = Qt::UserRole + 1, ///< QString: article id, answer key or macro id
        SourceKindRole,                  ///< QString: "article", "answer" or "macro"
        UrlRole,                         ///< QString: the source's link, empty when it has none
        ScoreRole,                       ///< double: the retrieval score
    };
    Q_ENUM(Role)

    explicit SourcesModel(QObject *parent = nullptr);

    void setSources(const QList<Source> &sources);
    const QList<Source> &sources() const { return m_sources; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(const QString &kind);

private:
    QList<Source> m_sources;
};

} // namespace understudy::app

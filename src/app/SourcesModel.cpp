// SPDX-License-Identifier: GPL-3.0-or-later
#include "SourcesModel.h"

using namespace Qt::StringLiterals;

namespace understudy::app {

SourcesModel::SourcesModel(QObject *parent) : QAbstractTableModel(parent) {}

void SourcesModel::setSources(const QList<Source> &sources)
{
    beginResetModel();
    m_sources = sources;
    endResetModel();
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

int SourcesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SourcesModel::kindText(const QString &kind)
{
    if (kind == u"article"_s)
        return tr("Article");
    if (kind == u"answer"_s)
        return tr("Past reply");
    if (kind == u"macro"_s)
        return tr("Macro");
    return kind;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Source &s = m_sources[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return kindText(s.kind);
        case TitleColumn:
            return s.title.isEmpty() ? s.id : s.title;
        case ScoreColumn:
            return QString::number(s.score, 'f', 2);
        case SnippetColumn:
            return QString(s.snippet).replace(u'\n', u' ');
        }
        return {};
    case Qt::ToolTipRole:
        return u"%1\n\n%2"_s.arg(s.title.isEmpty() ? s.id : s.title, s.snippet);
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SourceIdRole:
        return s.id;
    case SourceKindRole:
        return s.kind;
    case UrlRole:
        return s.url;
    case ScoreRole:
        return s.score;
    }
    return {};
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case TitleColumn:
        return tr("Title");
    case ScoreColumn:
        return tr("Score");
    case SnippetColumn:
        return tr("Snippet");
    }
    return {};
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace understudy::engine {

/// @brief A unit a draft is composed from: a sentence, a list item, a whole numbered procedure, a heading or a
/// code block, as written in its source (Markdown kept).
struct TextUnit {
    enum class Kind { Sentence, ListItem, Procedure, Heading, Code };
    Kind kind = Kind::Sentence;
    QString text;
    int block = 0; ///< the blank-line separated block it came from (units of one block read together)
    /// Cannot be read alone: it refers back ("This also…", "Then…") or the previous unit leads into it ("Do this:").
    bool dependsOnPrevious = false;
};

/// @brief Splits Markdown-ish text into units. A numbered list becomes one Procedure unit (steps are kept together)
/// and a bullet list one ListItem unit, unless the list is longer than @p maxProcedure characters, when its items
/// become ListItem units of their own; paragraphs are cut into sentences (understudy::splitSentences).
QList<TextUnit> splitUnits(const QString &text, qsizetype maxProcedure = 800);

} // namespace understudy::engine

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

#include <array>

namespace understudy::connectors::detail {

/// @brief Decodes HTML character references (named, decimal, hex) in @p text.
QString decodeEntities(QStringView text);

/// @brief A single-pass, linear HTML to Markdown-ish converter (see connectors::htmlToMarkdown()).
/// It is a tolerant tokenizer, not a DOM builder: it keeps only the little state that matters
/// (lists, headings, links, <pre>, <head>), so malformed markup degrades into plain text.
class HtmlConverter {
public:
    /// @brief A <meta name content> pair, with the offset of its tag for error lines.
    struct Meta {
        QString name; ///< lower-case
        QString content;
        qsizetype offset = 0;
    };

    explicit HtmlConverter(QStringView html);

    /// @brief Converts the whole input; call once.
    void run();

    QString markdown() const;
    QString title() const { return m_title; }
    QString firstH1() const { return m_h1; }
    const QList<Meta> &metas() const { return m_metas; }

private:
    struct Attribute {
        QStringView name;
        QStringView value;
    };
    struct ListLevel {
        bool ordered = false;
        int counter = 0;
    };
    static constexpr int kMaxListLevels = 16;

    using Attributes = QVarLengthArray<Attribute, 8>;

    void parseTag(qsizetype lt);
    void skipRawText(QStringView closeTag, QString *capture);
    void startTag(QStringView name, const Attributes &attrs, qsizetype offset);
    void endTag(QStringView name);
    void content(QStringView raw);
    void text(QStringView raw);
    void preText(QStringView raw);
    void word(QStringView w);
    void flush();
    void requestBreak(int lines);
    void lineBreak();
    ListLevel &currentList();

    QStringView m_in;
    qsizetype m_pos = 0;
    QString m_out;
    QString m_title;
    QString m_h1;
    QList<Meta> m_metas;

    int m_pendingBreak = 0; // newlines owed before the next word (0, 1, 2)
    bool m_pendingSpace = false;
    QString m_prefix; // "## " or "- " owed before the next word
    bool m_inHead = false;
    bool m_inPre = false;
    bool m_preFresh = false; // a newline right after <pre> is not content
    bool m_sawH1 = false;
    qsizetype m_h1Start = -1;
    int m_headingLevel = 0;
    int m_listDepth = 0;
    std::array<ListLevel, kMaxListLevels> m_lists{};
    bool m_inLink = false;
    QString m_href;
    qsizetype m_linkStart = -1;
};

} // namespace understudy::connectors::detail

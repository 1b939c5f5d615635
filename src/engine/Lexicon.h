// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Result.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace understudy::engine {

/// @brief A bilingual lexicon of software customer support: French, German and Spanish words and phrases → English.
///
/// Most knowledge bases are English, or English first; a German ticket's query terms are German words and find
/// nothing there. No translation model may ship with the engine, so the support vocabulary (accounts, sign-in,
/// billing, sync, apps, exports, roles, integrations, API, privacy, errors, …) is written out by hand in
/// resources/lexicon/support-terms.json (its "about" key documents the format), and translate() turns a ticket into
/// the English words of the terms it contains, for Analyzer::terms and the index.
///
/// Matching is on foldForMatching() text (case and accents folded, "ß" → "ss") with apostrophes read as word breaks
/// (French "l'application" is "l application"), on whole words, in one pass from left to right: at each word the
/// longest phrase starting there wins, then the word itself, then the word without one of its language's
/// inflection endings ("Rechnungen" → "rechnung"), then a prefix form ("synchronis*"), then without an infix
/// ("hochzuladen" → "hochladen"), then, for a language with compounds (German), a split into known parts
/// ("Rechnungsadresse" → "rechnung" + "adresse"). A language's "ignore" forms (greetings, mail signatures, idioms
/// such as "prise en charge") are read and give nothing. Every table is a hash built at load, so a ticket costs one
/// hash lookup or a few per word: about 20 µs for a 460-character ticket (tst_lexicon's timing).
class Lexicon {
public:
    /// @brief Parses the lexicon JSON. Errors name the term, language and form at fault.
    static Result<Lexicon> fromJson(const QByteArray &data, const QString &fileName);
    static Result<Lexicon> fromFile(const QString &path);
    /// @brief The lexicon shipped in resources/lexicon/support-terms.json (compiled in), parsed once.
    static const Lexicon &defaults();

    /// @brief The English words for the words and phrases of @p language found in @p text, space-joined, each
    /// English word once, in the order their source first occurs. Empty for English, for a language the lexicon
    /// does not have and when nothing in @p text is known. @p language is an ISO 639-1 code (a tag like "de-AT"
    /// is read as its primary subtag).
    QString translate(QStringView text, const QString &language) const;

    /// @brief The source languages, sorted.
    QStringList languages() const;
    /// @brief Source forms (words, prefixes and phrases) listed for @p language.
    qsizetype entryCount(const QString &language) const;
    /// @brief Distinct English terms the file lists (its "terms" keys).
    qsizetype termCount() const { return m_termCount; }

private:
    struct Phrase {
        QStringList words; ///< folded; a word ending in '*' matches any word it starts (not the first word)
        qsizetype english; ///< index into m_english, or kIgnored
    };
    /// lookupSimple() and the tables: no entry, and an entry of the "ignore" list (consumed, no English).
    static constexpr qsizetype kNone = -1;
    static constexpr qsizetype kIgnored = -2;

    struct Language {
        QHash<QString, qsizetype> words;       ///< folded word → English (index into m_english, or kIgnored)
        QHash<QString, qsizetype> prefixes;    ///< folded stem of a "stem*" form → English
        QHash<QString, QList<Phrase>> phrases; ///< first folded word → phrases, most words (then longest) first
        QStringList endings;                   ///< folded inflection endings, longest first
        QStringList linking;                   ///< compound linking elements ("s", "es", "n"), longest first
        QStringList infixes;                   ///< infixes a word may drop to be a listed word ("zu")
        bool compounds = false;
        qsizetype minPart = 3;                  ///< shortest part of a compound
        qsizetype minStem = 3;                  ///< shortest word left after removing an ending
        qsizetype minPrefix = 0, maxPrefix = 0; ///< lengths of the shortest and longest prefix stems
        qsizetype forms = 0;
    };

    static Status addForm(Language &lang, QHash<QString, QString> &seen, const QString &raw, qsizetype index,
                          const QString &owner, const QString &what);
    bool lookupWord(const Language &lang, const QString &word, int depth, QList<qsizetype> &out) const;
    qsizetype lookupSimple(const Language &lang, const QString &word) const;

    QHash<QString, Language> m_languages;
    QStringList m_english; ///< the English side of each term, as written
    qsizetype m_termCount = 0;
};

} // namespace understudy::engine

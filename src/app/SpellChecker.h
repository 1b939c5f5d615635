// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <understudy/Types.h>

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <memory>
#include <optional>

class QMenu;
class QPlainTextEdit;

namespace understudy::store {
class Store;
}

namespace understudy::app {

class SpellDictionary;

/// @brief A word of a text to spell-check: where it is and what it is.
struct SpellWord {
    int start = 0;
    int length = 0;
    QString word;
    bool operator==(const SpellWord &) const = default;
};

/// @brief Spell-check for the reply editor: a red wavy underline under each word the Hunspell dictionary of the
/// ticket's language does not know, and suggestions, "Add to team dictionary" and "Ignore" at the top of the
/// editor's context menu.
///
/// Dictionaries are the system's Hunspell ones (Debian's hunspell-* packages, /usr/share/hunspell; DICPATH adds
/// folders), loaded off the GUI thread on first use of a language and shared by every editor. A language without a
/// dictionary is not checked: hint() and unavailable() say which package to install. Words of the team dictionary
/// (kept in the store's settings, so it survives a restart) and words ignored this session are never marked;
/// placeholders ("[refund amount]"), URLs, e-mail addresses and code-like tokens (digits, underscores, slashes,
/// dots inside, camelCase, ALL-CAPS) are not checked. As a QSyntaxHighlighter it checks only the blocks that
/// changed, so typing stays fast.
class SpellChecker : public QSyntaxHighlighter {
    Q_OBJECT
public:
    /// @brief The store setting holding the team dictionary: one word per line.
    static constexpr const char16_t *kTeamDictionaryKey = u"spell.team_dictionary";

    /// @brief Checks @p editor's document; a child of @p editor.
    explicit SpellChecker(QPlainTextEdit *editor);
    ~SpellChecker() override;

    /// @brief Where dictionaries are looked for: the folders of $DICPATH, then /usr/share/hunspell and
    /// /usr/share/myspell/dicts.
    static QStringList defaultDictionaryDirs();
    /// @brief Looks for dictionaries in @p dirs instead (tests); the language is looked up again.
    void setDictionaryDirs(const QStringList &dirs);
    QStringList dictionaryDirs() const { return m_dirs; }

    /// @brief The language a reply to @p draft's ticket is checked in: the ticket's (when no source was in it and
    /// the draft is in another, the one the customer wrote in, which the agent translates to), else the draft's.
    static QString languageOf(const Draft &draft);
    /// @brief Checks in @p code (ISO 639-1, or with a region: "de", "en-GB", "pt_BR"); empty turns checking off.
    /// The dictionary loads in the background: the underline appears when it is ready (active()).
    void setLanguage(const QString &code);
    QString language() const { return m_language; }
    /// @brief A dictionary for language() is loaded: words are being checked.
    bool isActive() const { return bool(m_dictionary); }
    /// @brief Why the current language is not checked (no dictionary installed for it); empty otherwise.
    QString hint() const { return m_hint; }

    /// @brief Keeps the team dictionary in @p store's settings (read now); null: for this session only.
    void setStore(store::Store *store);
    QStringList teamDictionary() const;
    /// @brief Adds @p word to the team dictionary (saved at once when there is a store); false when it cannot be
    /// saved (the word is still accepted for this session).
    bool addToTeamDictionary(const QString &word);
    /// @brief Accepts @p word until the client quits.
    void ignoreWord(const QString &word);
    /// @brief Words of the ticket at hand that no dictionary has but are right: the customer's and the agent's
    /// names (a greeting "Hi Priya," is not marked). Replaces the previous ticket's.
    void setTicketWords(const QStringList &words);

    /// @brief True when @p word is checked and the dictionary does not know it (false while inactive).
    bool isMisspelt(const QString &word) const;
    /// @brief The dictionary's suggestions for @p word, best first (at most @p max).
    QStringList suggestions(const QString &word, int max = 6) const;
    /// @brief The misspelt word at @p position of the editor's document, if there is one.
    std::optional<SpellWord> misspeltAt(int position) const;

    /// @brief The words of @p text to check: letters with inner apostrophes and hyphens; placeholders, URLs,
    /// e-mail addresses and code-like tokens left out. Positions are into @p text.
    static QList<SpellWord> wordsToCheck(const QString &text);

    /// @brief The editor's context menu for @p position of its document: for a misspelt word its suggestions
    /// (each replaces it), "Add to team dictionary" and "Ignore"; the hint when the language is not checked; then
    /// the editor's standard entries. The caller owns it.
    QMenu *createContextMenu(int position, QWidget *parent);

Q_SIGNALS:
    /// @brief A dictionary is loaded and the text checked with it (or checking was turned off).
    void activeChanged(bool active);
    /// @brief The language asked for has no dictionary: @p hint says what to install.
    void unavailable(const QString &hint);

protected:
    void highlightBlock(const QString &text) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void lookUpLanguage();
    void useDictionary(std::shared_ptr<SpellDictionary> dictionary);
    void updateFormat();
    bool isAccepted(const QString &word) const;

    QPlainTextEdit *m_editor;
    QStringList m_dirs;
    QString m_language;
    QString m_hint;
    std::shared_ptr<SpellDictionary> m_dictionary;
    quint64 m_loadRequest = 0; ///< the load whose result is still wanted
    store::Store *m_store = nullptr;
    QSet<QString> m_team;
    QSet<QString> m_ignored;
    QSet<QString> m_ticketWords;
    mutable QHash<QString, bool> m_known; ///< the dictionary's answers, per word (cleared with the dictionary)
    QTextCharFormat m_format;
};

} // namespace understudy::app

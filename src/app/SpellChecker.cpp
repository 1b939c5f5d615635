// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpellChecker.h"

#include "DraftText.h"
#include "Store.h"
#include "Theme.h"

#include <hunspell/hunspell.hxx>

#include <QAction>
#include <QContextMenuEvent>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTextBlock>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace understudy::app {

namespace {
Q_LOGGING_CATEGORY(lcSpell, "understudy.app.spell", QtInfoMsg)

/// A dictionary's two files.
struct DictionaryFiles {
    QString aff;
    QString dic;
};

/// The dictionary a language reads best with when only the language is given (Debian's default variants).
QString preferredVariant(const QString &base)
{
    static const QHash<QString, QString> variants{
        {u"en"_s, u"en_US"_s}, {u"de"_s, u"de_DE"_s}, {u"fr"_s, u"fr_FR"_s}, {u"es"_s, u"es_ES"_s},
        {u"it"_s, u"it_IT"_s}, {u"nl"_s, u"nl_NL"_s}, {u"pt"_s, u"pt_PT"_s}, {u"sv"_s, u"sv_SE"_s},
        {u"da"_s, u"da_DK"_s}, {u"pl"_s, u"pl_PL"_s}, {u"ru"_s, u"ru_RU"_s},
    };
    return variants.value(base);
}

/// The Debian package with the dictionary of @p base (ISO 639-1).
QString packageFor(const QString &base)
{
    static const QHash<QString, QString> packages{
        {u"en"_s, u"hunspell-en-us"_s},
        {u"de"_s, u"hunspell-de-de"_s},
        {u"pt"_s, u"hunspell-pt-pt"_s},
        {u"sv"_s, u"hunspell-sv"_s},
    };
    return packages.value(base, u"hunspell-"_s + base);
}

/// Looks for the dictionary of @p language ("de", "en_GB", "pt-BR") in @p dirs: the region asked for, then the
/// language's usual variant, then a file named after the language alone, then any variant of it.
std::optional<DictionaryFiles> findDictionary(const QString &language, const QStringList &dirs)
{
    const QString code = QString(language).replace(u'-', u'_');
    const QString base = code.section(u'_', 0, 0).toLower();
    const QString region = code.section(u'_', 1, 1).toUpper();
    QStringList names;
    if (!region.isEmpty())
        names << base + u'_' + region;
    if (const QString v = preferredVariant(base); !v.isEmpty())
        names << v;
    names << base;
    const auto found = [](const QDir &d, const QString &name) -> std::optional<DictionaryFiles> {
        const QString dic = d.filePath(name + u".dic"_s);
        const QString aff = d.filePath(name + u".aff"_s);
        if (QFile::exists(dic) && QFile::exists(aff))
            return DictionaryFiles{aff, dic};
        return std::nullopt;
    };
    for (const QString &dir : dirs)
        for (const QString &name : std::as_const(names))
            if (auto f = found(QDir(dir), name))
                return f;
    for (const QString &dir : dirs) {
        const QDir d(dir);
        for (const QString &file : d.entryList({base + u"_*.dic"_s}, QDir::Files, QDir::Name))
            if (auto f = found(d, file.chopped(4)))
                return f;
    }
    return std::nullopt;
}

/// Characters that make a token code or an address rather than a word.
bool isCodeChar(QChar c)
{
    return c.isDigit() || QStringView(u"@/\\_=<>{}|~^$#%*+`&").contains(c);
}

/// A token that is not prose: a URL, an e-mail address, a path or file name, an identifier or an acronym.
bool isCodeLike(QStringView token)
{
    if (token.contains(u"://") || token.startsWith(u"www.", Qt::CaseInsensitive))
        return true;
    bool lower = false;
    int upper = 0;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token[i];
        if (isCodeChar(c) || c == u'.')
            return true; // inside the token (its ends were trimmed): a file name, a domain, "e.g"
        if (c.isUpper()) {
            ++upper;
            if (i > 0 && token[i - 1].isLower())
                return true; // camelCase, iPhone, macOS
        } else if (c.isLower()) {
            lower = true;
        }
    }
    return !lower && upper >= 2; // an acronym (CSV, SSO) or a shouted word
}

bool isWordChar(QChar c)
{
    return c.isLetter() || c.isMark();
}

} // namespace

/// One loaded Hunspell dictionary. Used on the GUI thread only once loaded; loading happens on a worker.
class SpellDictionary {
public:
    static std::shared_ptr<SpellDictionary> load(const DictionaryFiles &files)
    {
        auto d = std::make_shared<SpellDictionary>();
        d->m_hunspell = std::make_unique<Hunspell>(QFile::encodeName(files.aff).constData(),
                                                   QFile::encodeName(files.dic).constData());
        const QString encoding = QString::fromStdString(d->m_hunspell->get_dict_encoding()).toUpper();
        if (encoding == u"UTF-8"_s)
            d->m_utf8 = true;
        else if (encoding == u"ISO8859-1"_s || encoding == u"ISO-8859-1"_s)
            d->m_utf8 = false;
        else
            return nullptr; // Debian's are all UTF-8; a legacy 8-bit one other than Latin-1 is not read
        return d;
    }

    bool spell(const QString &word) const { return m_hunspell->spell(encode(word)); }

    QStringList suggest(const QString &word, int max) const
    {
        QStringList out;
        for (const std::string &s : m_hunspell->suggest(encode(word))) {
            if (out.size() >= max)
                break;
            out << (m_utf8 ? QString::fromStdString(s) : QString::fromLatin1(s.data(), qsizetype(s.size())));
        }
        return out;
    }

private:
    std::string encode(const QString &word) const
    {
        return m_utf8 ? word.toStdString() : word.toLatin1().toStdString();
    }

    std::unique_ptr<Hunspell> m_hunspell;
    bool m_utf8 = true;
};

namespace {
/// Dictionaries already loaded, by .dic path: every editor of the process shares them (GUI thread only).
QHash<QString, std::shared_ptr<SpellDictionary>> &loadedDictionaries()
{
    static QHash<QString, std::shared_ptr<SpellDictionary>> loaded;
    return loaded;
}
} // namespace

SpellChecker::SpellChecker(QPlainTextEdit *editor)
    : QSyntaxHighlighter(editor->document()), m_editor(editor), m_dirs(defaultDictionaryDirs())
{
    setParent(editor);
    setObjectName(u"spellChecker"_s);
    updateFormat();
    connect(Theme::instance(), &Theme::changed, this, [this] {
        updateFormat();
        rehighlight();
    });
    editor->installEventFilter(this);             // the context-menu key
    editor->viewport()->installEventFilter(this); // the right mouse button
}

SpellChecker::~SpellChecker() = default;

QStringList SpellChecker::defaultDictionaryDirs()
{
    QStringList dirs;
    for (const QString &d : qEnvironmentVariable("DICPATH").split(u':', Qt::SkipEmptyParts))
        dirs << d;
    dirs << u"/usr/share/hunspell"_s << u"/usr/share/myspell/dicts"_s;
    return dirs;
}

void SpellChecker::setDictionaryDirs(const QStringList &dirs)
{
    m_dirs = dirs;
    lookUpLanguage();
}

QString SpellChecker::languageOf(const Draft &draft)
{
    if (draft.languageMismatch)
        for (const DraftReason &r : draft.reasonCodes)
            if (r.code == u"no-source-in-language" && !r.args.isEmpty() && !r.args.at(0).isEmpty())
                return r.args.at(0);
    return draft.language;
}

void SpellChecker::setLanguage(const QString &code)
{
    if (code.trimmed() == m_language)
        return;
    m_language = code.trimmed();
    lookUpLanguage();
}

void SpellChecker::lookUpLanguage()
{
    ++m_loadRequest;
    m_hint.clear();
    const bool wasActive = isActive();
    m_dictionary.reset();
    m_known.clear();
    if (m_language.isEmpty()) {
        rehighlight();
        if (wasActive)
            Q_EMIT activeChanged(false);
        return;
    }
    const auto files = findDictionary(m_language, m_dirs);
    if (!files) {
        const QString base = QString(m_language).replace(u'-', u'_').section(u'_', 0, 0).toLower();
        m_hint = tr("Spell-check is off for %1: no dictionary for it is installed (Debian package %2).")
                     .arg(DraftText::languageName(base), packageFor(base));
        qCInfo(lcSpell) << "no dictionary for" << m_language << "in" << m_dirs;
        rehighlight();
        if (wasActive)
            Q_EMIT activeChanged(false);
        Q_EMIT unavailable(m_hint);
        return;
    }
    if (auto loaded = loadedDictionaries().value(files->dic)) {
        useDictionary(loaded);
        return;
    }
    rehighlight(); // unmarked while the dictionary loads
    if (wasActive)
        Q_EMIT activeChanged(false);
    // Loading takes 40-60 ms per dictionary here (en_US, de_DE, fr, es_ES): off the GUI thread.
    const quint64 request = m_loadRequest;
    const QString language = m_language;
    auto *watcher = new QFutureWatcher<std::shared_ptr<SpellDictionary>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request, files, language] {
        watcher->deleteLater();
        std::shared_ptr<SpellDictionary> d = watcher->result();
        if (d)
            loadedDictionaries().insert(files->dic, d);
        if (request != m_loadRequest)
            return; // the language changed meanwhile
        if (!d) {
            m_hint = tr("Spell-check is off for %1: the dictionary %2 cannot be read.")
                         .arg(DraftText::languageName(language), files->dic);
            Q_EMIT unavailable(m_hint);
            return;
        }
        useDictionary(d);
    });
    watcher->setFuture(QtConcurrent::run([f = *files] { return SpellDictionary::load(f); }));
}

void SpellChecker::useDictionary(std::shared_ptr<SpellDictionary> dictionary)
{
    m_dictionary = std::move(dictionary);
    m_known.clear();
    rehighlight();
    Q_EMIT activeChanged(true);
}

void SpellChecker::setStore(store::Store *store)
{
    m_store = store;
    if (!store)
        return;
    auto saved = store->setting(QString::fromUtf16(kTeamDictionaryKey));
    if (!saved) {
        qCWarning(lcSpell) << "cannot read the team dictionary:" << saved.error().toString();
        return;
    }
    for (const QString &w : saved->split(u'\n', Qt::SkipEmptyParts))
        m_team.insert(w.trimmed().toLower());
    rehighlight();
}

QStringList SpellChecker::teamDictionary() const
{
    QStringList words(m_team.cbegin(), m_team.cend());
    words.sort();
    return words;
}

bool SpellChecker::addToTeamDictionary(const QString &word)
{
    const QString w = word.trimmed().toLower();
    if (w.isEmpty())
        return false;
    m_team.insert(w);
    rehighlight();
    if (!m_store)
        return true;
    // Read again before writing: another window of this store may have added words meanwhile.
    if (auto saved = m_store->setting(QString::fromUtf16(kTeamDictionaryKey)))
        for (const QString &s : saved->split(u'\n', Qt::SkipEmptyParts))
            m_team.insert(s.trimmed().toLower());
    const auto stored = m_store->setSetting(QString::fromUtf16(kTeamDictionaryKey), teamDictionary().join(u'\n'));
    if (!stored) {
        qCWarning(lcSpell) << "cannot save the team dictionary:" << stored.error().toString();
        return false;
    }
    return true;
}

void SpellChecker::ignoreWord(const QString &word)
{
    m_ignored.insert(word.trimmed().toLower());
    rehighlight();
}

void SpellChecker::setTicketWords(const QStringList &words)
{
    QSet<QString> folded;
    for (const QString &w : words)
        for (const SpellWord &part : wordsToCheck(w))
            folded.insert(part.word.toLower());
    if (folded == m_ticketWords)
        return;
    m_ticketWords = folded;
    rehighlight();
}

bool SpellChecker::isAccepted(const QString &word) const
{
    const QString folded = word.toLower();
    return m_team.contains(folded) || m_ignored.contains(folded) || m_ticketWords.contains(folded);
}

bool SpellChecker::isMisspelt(const QString &word) const
{
    if (!m_dictionary || word.size() < 2 || isAccepted(word))
        return false;
    if (auto it = m_known.constFind(word); it != m_known.cend())
        return !*it;
    // Hunspell's dictionaries spell the apostrophe ASCII; a hyphenated word is right when each part is.
    const QString plain = QString(word).replace(u'’', u'\'');
    bool right = m_dictionary->spell(plain);
    if (!right && plain.contains(u'-')) {
        right = true;
        for (const QString &part : plain.split(u'-', Qt::SkipEmptyParts))
            right = right && (part.size() < 2 || isAccepted(part) || m_dictionary->spell(part));
    }
    m_known.insert(word, right);
    return !right;
}

QStringList SpellChecker::suggestions(const QString &word, int max) const
{
    if (!m_dictionary)
        return {};
    return m_dictionary->suggest(QString(word).replace(u'’', u'\''), max);
}

std::optional<SpellWord> SpellChecker::misspeltAt(int position) const
{
    const QTextBlock block = document()->findBlock(position);
    if (!block.isValid() || !m_dictionary)
        return std::nullopt;
    const int offset = position - block.position();
    for (const SpellWord &w : wordsToCheck(block.text()))
        if (w.start <= offset && offset <= w.start + w.length && isMisspelt(w.word))
            return SpellWord{block.position() + w.start, w.length, w.word};
    return std::nullopt;
}

QList<SpellWord> SpellChecker::wordsToCheck(const QString &text)
{
    // Placeholders ("[refund amount]", any short bracketed text on one line) are blanked out first: positions stay.
    static const QRegularExpression placeholder(u"\\[[^\\[\\]\\n]{1,80}\\]"_s);
    QString t = text;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        for (qsizetype i = m.capturedStart(); i < m.capturedEnd(); ++i)
            t[i] = u' ';
    }
    // Trimmed off a token's ends: punctuation and quotes, not what makes a token code (@, /, _, digits...).
    const auto trimmable = [](QChar c) { return !isWordChar(c) && !isCodeChar(c); };
    QList<SpellWord> out;
    const qsizetype n = t.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && t[i].isSpace())
            ++i;
        qsizetype end = i;
        while (end < n && !t[end].isSpace())
            ++end;
        qsizetype from = i;
        qsizetype to = end;
        i = end;
        while (from < to && trimmable(t[from]))
            ++from;
        while (to > from && trimmable(t[to - 1]))
            --to;
        if (from == to || isCodeLike(QStringView(t).mid(from, to - from)))
            continue;
        // The words in the token: letters, joined by a single inner apostrophe or hyphen.
        qsizetype w = from;
        while (w < to) {
            while (w < to && !isWordChar(t[w]))
                ++w;
            qsizetype e = w;
            while (e < to) {
                if (isWordChar(t[e]))
                    ++e;
                else if ((t[e] == u'\'' || t[e] == u'’' || t[e] == u'-') && e + 1 < to && isWordChar(t[e + 1]))
                    e += 2;
                else
                    break;
            }
            if (e > w)
                out << SpellWord{int(w), int(e - w), text.mid(w, e - w)};
            w = e;
        }
    }
    return out;
}

void SpellChecker::highlightBlock(const QString &text)
{
    if (!m_dictionary)
        return;
    for (const SpellWord &w : wordsToCheck(text))
        if (isMisspelt(w.word))
            setFormat(w.start, w.length, m_format);
}

void SpellChecker::updateFormat()
{
    m_format = QTextCharFormat();
    m_format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_format.setUnderlineColor(Theme::color(Theme::Role::Danger));
}

QMenu *SpellChecker::createContextMenu(int position, QWidget *parent)
{
    QMenu *menu = m_editor->createStandardContextMenu();
    menu->setParent(parent, menu->windowFlags());
    menu->setObjectName(u"replyEditorMenu"_s);
    QAction *first = menu->actions().value(0);
    const auto add = [menu, first](const QString &text, const QString &name) {
        auto *a = new QAction(text, menu);
        a->setObjectName(name);
        menu->insertAction(first, a);
        return a;
    };
    if (const auto word = misspeltAt(position)) {
        if (!m_editor->isReadOnly()) {
            const QStringList suggested = suggestions(word->word);
            for (const QString &s : suggested) {
                QAction *a = add(s, u"spellSuggestion"_s);
                QFont bold = a->font();
                bold.setBold(true);
                a->setFont(bold);
                connect(a, &QAction::triggered, this, [this, w = *word, s] {
                    QTextCursor c(document());
                    c.setPosition(w.start);
                    c.setPosition(w.start + w.length, QTextCursor::KeepAnchor);
                    if (c.selectedText() == w.word) // still the word the menu was opened on
                        c.insertText(s);
                });
            }
            if (suggested.isEmpty())
                add(tr("(no spelling suggestions)"), u"noSpellSuggestion"_s)->setEnabled(false);
        }
        connect(add(tr("&Add “%1” to team dictionary").arg(word->word), u"addToTeamDictionaryAction"_s),
                &QAction::triggered, this, [this, w = word->word] { addToTeamDictionary(w); });
        connect(add(tr("&Ignore “%1”").arg(word->word), u"ignoreWordAction"_s), &QAction::triggered, this,
                [this, w = word->word] { ignoreWord(w); });
        menu->insertSeparator(first);
    } else if (!m_hint.isEmpty()) {
        add(m_hint, u"spellCheckHint"_s)->setEnabled(false);
        menu->insertSeparator(first);
    }
    return menu;
}

bool SpellChecker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ContextMenu && (watched == m_editor || watched == m_editor->viewport())) {
        const auto *e = static_cast<QContextMenuEvent *>(event);
        const int position =
            e->reason() == QContextMenuEvent::Mouse
                ? m_editor->cursorForPosition(m_editor->viewport()->mapFrom(static_cast<QWidget *>(watched), e->pos()))
                      .position()
                : m_editor->textCursor().position();
        QMenu *menu = createContextMenu(position, m_editor);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(e->globalPos()); // not exec(): no nested event loop
        return true;
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
}

} // namespace understudy::app

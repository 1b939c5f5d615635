// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace understudy::app {

Q_LOGGING_CATEGORY(lcTranslations, "understudy.app.translations", QtInfoMsg)

namespace {

// Owned by the application object; kept here only so a second apply() can take them out again.
QPointer<QTranslator> s_app;
QPointer<QTranslator> s_qt;

void uninstall(QPointer<QTranslator> &translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace

QLocale Translations::localeFor(const QString &language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QTranslator *Translations::load(const QLocale &locale)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, u"understudy"_s, u"_"_s, u":/i18n"_s))
        return nullptr;
    return translator.release();
}

bool Translations::apply(const QString &language)
{
    uninstall(s_app);
    uninstall(s_qt);
    const QLocale locale = localeFor(language);
    // An override also sets the default locale, so dates and numbers follow the chosen language.
    if (!language.isEmpty())
        QLocale::setDefault(locale);

    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s_qt = qt;
    } else {
        delete qt;
    }

    QTranslator *own = load(locale);
    if (!own) {
        qCDebug(lcTranslations) << "no translation for" << locale.name() << "- using English";
        return false;
    }
    own->setParent(QCoreApplication::instance());
    QCoreApplication::installTranslator(own);
    s_app = own;
    qCDebug(lcTranslations) << "interface language" << own->language();
    return true;
}

} // namespace understudy::app

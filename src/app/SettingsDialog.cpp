// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "Store.h"
#include "Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace understudy::app {

engine::EngineConfig SettingsDialog::engineConfig(store::Store &store)
{
    engine::EngineConfig config;
    if (auto t = store.setting(QString::fromUtf16(kThresholdKey)); t && !t->isEmpty()) {
        bool ok = false;
        const double v = t->toDouble(&ok);
        if (ok && v >= 0 && v <= 1)
            config.lowConfidenceThreshold = v;
    }
    if (auto a = store.setting(QString::fromUtf16(kAgentKey)); a && !a->isEmpty())
        config.voice.agent = *a;
    return config;
}

SettingsDialog::SettingsDialog(store::Store *store, QWidget *parent)
    : QDialog(parent), m_store(store), m_agent(new QLineEdit(this)), m_threshold(new QDoubleSpinBox(this)),
      m_language(new QComboBox(this)), m_theme(new QComboBox(this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    const engine::EngineConfig config = engineConfig(*store);
    m_agent->setObjectName(u"agentName"_s);
    m_agent->setAccessibleName(tr("Agent name"));
    m_agent->setText(config.voice.agent);
    m_agent->setPlaceholderText(tr("Used in the reply's sign-off"));
    m_threshold->setObjectName(u"confidenceThreshold"_s);
    m_threshold->setAccessibleName(tr("Low-confidence threshold"));
    m_threshold->setRange(0, 100);
    m_threshold->setDecimals(0);
    m_threshold->setSuffix(u" %"_s);
    m_threshold->setValue(qRound(100 * config.lowConfidenceThreshold));
    m_language->setObjectName(u"languageOverride"_s);
    m_language->setAccessibleName(tr("Interface language"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"Français"_s, u"fr"_s);
    const QString lang = store->setting(QString::fromUtf16(kLanguageKey)).ok()
                             ? *store->setting(QString::fromUtf16(kLanguageKey))
                             : QString();
    m_language->setCurrentIndex(qMax(0, m_language->findData(lang)));

    m_theme->setObjectName(u"themeMode"_s);
    m_theme->setAccessibleName(tr("Colour theme"));
    m_theme->addItem(tr("System"), Theme::modeName(Theme::Mode::System));
    m_theme->addItem(tr("Light"), Theme::modeName(Theme::Mode::Light));
    m_theme->addItem(tr("Dark"), Theme::modeName(Theme::Mode::Dark));
    const auto theme = store->setting(QString::fromUtf16(kThemeKey));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(theme ? *theme : QString())));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Agent name:"), m_agent);
    form->addRow(tr("&Low confidence below:"), m_threshold);
    form->addRow(tr("Interface &language:"), m_language);
    form->addRow(tr("&Theme:"), m_theme);
    auto *note = new QLabel(tr("A new language applies at the next start."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(QString(), note);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(360);
}

void SettingsDialog::save()
{
    const std::pair<QString, QString> values[] = {
        {QString::fromUtf16(kAgentKey), m_agent->text().trimmed()},
        {QString::fromUtf16(kThresholdKey), QString::number(m_threshold->value() / 100.0)},
        {QString::fromUtf16(kLanguageKey), m_language->currentData().toString()},
        {QString::fromUtf16(kThemeKey), m_theme->currentData().toString()},
    };
    for (const auto &[key, value] : values) {
        if (auto s = m_store->setSetting(key, value); !s) {
            // Shown in the dialog itself: the agent is looking at it and can retry or cancel.
            setWindowTitle(tr("Settings — could not save: %1").arg(s.error().toString()));
            return;
        }
    }
    Theme::instance()->apply(Theme::modeFromName(m_theme->currentData().toString()));
    accept();
}

} // namespace understudy::app

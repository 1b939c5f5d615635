// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "Store.h"
#include "Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>

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
    if (auto v = store.setting(QString::fromUtf16(kVoiceKey)); v && !v->isEmpty()) {
        // Validated when chosen; a store edited by hand falls back to the default voice rather than failing.
        if (auto voice = engine::VoiceProfile::fromJson(v->toUtf8(), QString::fromUtf16(kVoiceKey)))
            config.voice = *voice;
        else
            qWarning("voice profile in the store ignored: %s", qPrintable(voice.error().toString()));
    }
    if (auto a = store.setting(QString::fromUtf16(kAgentKey)); a && !a->isEmpty())
        config.voice.agent = *a;
    return config;
}

SettingsDialog::SettingsDialog(store::Store *store, QWidget *parent)
    : QDialog(parent), m_store(store), m_agent(new QLineEdit(this)), m_threshold(new QDoubleSpinBox(this)),
      m_language(new QComboBox(this)), m_theme(new QComboBox(this)), m_voiceLabel(new QLabel(this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    const engine::EngineConfig config = engineConfig(*store);
    m_agent->setObjectName(u"agentName"_s);
    m_agent->setAccessibleName(tr("Sign-off name"));
    // Only what the store holds: the voice's default ("The Support team") shows as the placeholder, not as a name.
    m_agent->setText(store->setting(QString::fromUtf16(kAgentKey)).value_or(QString()));
    m_agent->setPlaceholderText(config.voice.agent.isEmpty() ? tr("The name the reply signs off with")
                                                             : config.voice.agent);
    m_agent->setToolTip(tr("The name the reply signs off with. Your actions are recorded under the account you "
                           "are signed in with."));
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
    const QString lang = store->setting(QString::fromUtf16(kLanguageKey)).value_or(QString());
    m_language->setCurrentIndex(qMax(0, m_language->findData(lang)));

    m_theme->setObjectName(u"themeMode"_s);
    m_theme->setAccessibleName(tr("Colour theme"));
    m_theme->addItem(tr("System"), Theme::modeName(Theme::Mode::System));
    m_theme->addItem(tr("Light"), Theme::modeName(Theme::Mode::Light));
    m_theme->addItem(tr("Dark"), Theme::modeName(Theme::Mode::Dark));
    const auto theme = store->setting(QString::fromUtf16(kThemeKey));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(theme ? *theme : QString())));

    m_voiceJson = store->setting(QString::fromUtf16(kVoiceKey)).value_or(QString());
    m_voiceSource = store->setting(QString::fromUtf16(kVoiceSourceKey)).value_or(QString());
    m_voiceLabel->setObjectName(u"voiceProfile"_s);
    m_voiceLabel->setWordWrap(true);
    m_voiceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *chooseVoice = new QPushButton(tr("C&hoose file…"), this);
    chooseVoice->setObjectName(u"voiceChooseButton"_s);
    chooseVoice->setAccessibleName(tr("Choose a voice profile file"));
    chooseVoice->setToolTip(tr("A JSON file with the team's greetings, sign-off and stock sentences per language"));
    auto *resetVoice = new QPushButton(tr("&Default"), this);
    resetVoice->setObjectName(u"voiceResetButton"_s);
    resetVoice->setAccessibleName(tr("Use the default voice"));
    connect(chooseVoice, &QPushButton::clicked, this, &SettingsDialog::chooseVoiceFile);
    connect(resetVoice, &QPushButton::clicked, this, [this] {
        m_voiceJson.clear();
        m_voiceSource.clear();
        showVoice();
    });
    auto *voiceRow = new QHBoxLayout;
    voiceRow->addWidget(m_voiceLabel, 1);
    voiceRow->addWidget(chooseVoice);
    voiceRow->addWidget(resetVoice);
    showVoice();

    auto *shortcuts = new QPushButton(tr("&Keyboard shortcuts…"), this);
    shortcuts->setObjectName(u"shortcutsButton"_s);
    shortcuts->setAccessibleName(tr("Keyboard shortcuts"));
    connect(shortcuts, &QPushButton::clicked, this, &SettingsDialog::shortcutsRequested);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Sign-off name:"), m_agent);
    // A label for a layout gets no buddy from addRow(): without one its "&" would show literally.
    auto *voiceLabel = new QLabel(tr("&Voice profile:"), this);
    voiceLabel->setObjectName(u"voiceProfileLabel"_s);
    voiceLabel->setBuddy(chooseVoice);
    form->addRow(voiceLabel, voiceRow);
    form->addRow(tr("&Low confidence below:"), m_threshold);
    form->addRow(tr("Interface &language:"), m_language);
    form->addRow(tr("&Theme:"), m_theme);
    auto *note = new QLabel(tr("A new language applies at the next start."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(QString(), note);
    form->addRow(QString(), shortcuts);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(420);
}

void SettingsDialog::showVoice()
{
    if (m_voiceJson.isEmpty()) {
        m_voiceLabel->setText(tr("Default voice"));
        return;
    }
    const auto voice = engine::VoiceProfile::fromJson(m_voiceJson.toUtf8(), m_voiceSource);
    const QString team = voice && !voice->team.isEmpty() ? voice->team : tr("custom");
    m_voiceLabel->setText(tr("%1 (from %2)").arg(team, QFileInfo(m_voiceSource).fileName()));
    m_voiceLabel->setToolTip(m_voiceSource);
}

void SettingsDialog::chooseVoiceFile()
{
    auto *dialog = new QFileDialog(this, tr("Choose a voice profile"), QFileInfo(m_voiceSource).path(),
                                   tr("Voice profiles (*.json);;All files (*)"));
    dialog->setObjectName(u"voiceFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &SettingsDialog::loadVoiceFile);
    dialog->open();
}

bool SettingsDialog::loadVoiceFile(const QString &path)
{
    QFile f(path);
    QString error;
    QByteArray data;
    if (!f.open(QIODevice::ReadOnly))
        error = tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), f.errorString());
    else if (f.size() > 1024 * 1024)
        error = tr("%1 is larger than 1 MB: not a voice profile").arg(QFileInfo(path).fileName());
    else if (auto voice = engine::VoiceProfile::fromJson(data = f.readAll(), path); !voice)
        error = tr("%1 is not a usable voice profile: %2").arg(QFileInfo(path).fileName(), voice.error().message);
    if (!error.isEmpty()) {
        m_voiceLabel->setText(error);
        m_voiceLabel->setToolTip(error);
        return false;
    }
    m_voiceJson = QString::fromUtf8(data);
    m_voiceSource = QFileInfo(path).absoluteFilePath();
    showVoice();
    return true;
}

void SettingsDialog::save()
{
    const std::pair<QString, QString> values[] = {
        {QString::fromUtf16(kAgentKey), m_agent->text().trimmed()},
        {QString::fromUtf16(kThresholdKey), QString::number(m_threshold->value() / 100.0)},
        {QString::fromUtf16(kLanguageKey), m_language->currentData().toString()},
        {QString::fromUtf16(kThemeKey), m_theme->currentData().toString()},
        {QString::fromUtf16(kVoiceKey), m_voiceJson},
        {QString::fromUtf16(kVoiceSourceKey), m_voiceSource},
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

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Engine.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace understudy::store {
class Store;
}

namespace understudy::app {

/// @brief Settings kept in the store: the agent's name (the voice's sign-off), the team's voice profile, the
/// low-confidence threshold, the interface language and the colour theme, and a way to the shortcuts overview.
/// Saved on OK; the theme and voice apply at once, the language at the next start. A voice profile is read from a
/// JSON file (the format `understudyctl --voice` takes), validated, and kept in the store itself, so the client
/// keeps its voice offline and when the file moves.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(store::Store *store, QWidget *parent = nullptr);

    /// @brief The engine configuration the store's settings describe.
    static engine::EngineConfig engineConfig(store::Store &store);

    /// @brief Reads and validates a voice profile file for this dialog (saved with OK); false with the reason on
    /// screen when it cannot be used, the previous choice kept.
    bool loadVoiceFile(const QString &path);

    static constexpr const char16_t *kAgentKey = u"agent.name";
    static constexpr const char16_t *kThresholdKey = u"engine.threshold";
    static constexpr const char16_t *kLanguageKey = u"ui.language";
    static constexpr const char16_t *kThemeKey = u"ui.theme";
    static constexpr const char16_t *kVoiceKey = u"voice.profile";     ///< the profile's JSON text, or empty
    static constexpr const char16_t *kVoiceSourceKey = u"voice.source"; ///< the file it came from, for display

Q_SIGNALS:
    /// @brief The agent asked for the keyboard shortcuts overview.
    void shortcutsRequested();

private:
    void save();
    void chooseVoiceFile();
    void showVoice();

    store::Store *m_store;
    QLineEdit *m_agent;
    QDoubleSpinBox *m_threshold;
    QComboBox *m_language;
    QComboBox *m_theme;
    QLabel *m_voiceLabel;
    QString m_voiceJson;   ///< what OK saves
    QString m_voiceSource;
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Engine.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;

namespace understudy::store {
class Store;
}

namespace understudy::app {

/// @brief Settings kept in the store: the agent's name (the voice's sign-off), the low-confidence threshold,
/// the interface language and the colour theme. Saved on OK; the theme applies at once, the language at the next
/// start.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(store::Store *store, QWidget *parent = nullptr);

    /// @brief The engine configuration the store's settings describe.
    static engine::EngineConfig engineConfig(store::Store &store);

    static constexpr const char16_t *kAgentKey = u"agent.name";
    static constexpr const char16_t *kThresholdKey = u"engine.threshold";
    static constexpr const char16_t *kLanguageKey = u"ui.language";
    static constexpr const char16_t *kThemeKey = u"ui.theme";

private:
    void save();

    store::Store *m_store;
    QLineEdit *m_agent;
    QDoubleSpinBox *m_threshold;
    QComboBox *m_language;
    QComboBox *m_theme;
};

} // namespace understudy::app

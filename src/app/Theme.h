// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

namespace understudy::app {

/// @brief The application's colours: the platform's own (System), or the Fusion style with a light or a dark
/// palette, switched at once for the whole application. Widgets that paint or style colours of their own take
/// them from color() and repaint on changed().
class Theme : public QObject {
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };
    /// @brief The colours the client paints itself, each readable on its partner in both light and dark.
    enum class Role {
        BannerBackground, ///< the escalation banner
        BannerBorder,
        BannerText,
        ErrorBackground, ///< the message bar, errors
        ErrorText,
        InfoBackground, ///< the message bar, notices
        InfoText,
        AgentMessage, ///< conversation: the agent's messages (background)
        CustomerMessage,
        MutedText, ///< timestamps and secondary text, on the base colour
        Danger,    ///< low confidence: text and borders on the window colour
        Escalation,
        Enterprise,
        Highlight, ///< search matches (background); text on it is HighlightText
        HighlightText,
        MeterTrack, ///< the confidence meter's empty part
        MeterBorder,
    };

    static constexpr const char16_t *kSettingKey = u"ui.theme";

    /// @brief The one instance (created on first use, parented to nothing, lives as long as the process).
    static Theme *instance();
    /// @brief "system", "light", "dark".
    static QString modeName(Mode mode);
    /// @brief The mode @p name stands for; anything unknown is System.
    static Mode modeFromName(const QString &name);

    /// @brief Applies @p mode to the application now (style and palette); changed() follows.
    void apply(Mode mode);
    Mode mode() const { return m_mode; }
    /// @brief True when the application palette is dark (whatever the mode: System may be dark too).
    static bool isDark();
    /// @brief A colour of @p role for the current palette.
    static QColor color(Role role);
    /// @brief Confidence band colours (low / middling / high) for the current palette; @p low is the threshold.
    static QColor bandColor(double confidence, double low);
    /// @brief Black or white, whichever reads better on @p background.
    static QColor textOn(const QColor &background);
    /// @brief WCAG contrast ratio of two colours (1 to 21).
    static double contrast(const QColor &a, const QColor &b);

    static QPalette darkPalette();
    static QPalette lightPalette();

Q_SIGNALS:
    /// @brief The application's palette changed through apply().
    void changed();

private:
    Theme() = default;
    Mode m_mode = Mode::System;
    bool m_captured = false;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <cmath>

using namespace Qt::StringLiterals;

namespace understudy::app {

Theme *Theme::instance()
{
    static Theme *theme = new Theme; // never destroyed: widgets may disconnect from it during exit
    return theme;
}

QString Theme::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return u"light"_s;
    case Mode::Dark:
        return u"dark"_s;
    case Mode::System:
        break;
    }
    return u"system"_s;
}

Theme::Mode Theme::modeFromName(const QString &name)
{
    if (name == u"light"_s)
        return Mode::Light;
    if (name == u"dark"_s)
        return Mode::Dark;
    return Mode::System;
}

void Theme::apply(Mode mode)
{
    // What the platform gave us is kept before the first change, so System can go back to it.
    if (!m_captured) {
        m_systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
        m_systemPalette = QApplication::palette();
        m_captured = true;
    }
    m_mode = mode;
    const QString style = mode == Mode::System ? m_systemStyle : u"fusion"_s;
    if (!style.isEmpty() && QApplication::style() && QApplication::style()->name().compare(style, Qt::CaseInsensitive))
        QApplication::setStyle(QStyleFactory::create(style));
    switch (mode) {
    case Mode::System:
        QApplication::setPalette(m_systemPalette);
        break;
    case Mode::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Mode::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    Q_EMIT changed();
}

bool Theme::isDark()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

QColor Theme::color(Role role)
{
    const bool dark = isDark();
    auto pick = [dark](QRgb light, QRgb darkColor) { return QColor::fromRgb(dark ? darkColor : light); };
    switch (role) {
    case Role::BannerBackground:
        return pick(0xfff3e0, 0x4a2c0f);
    case Role::BannerBorder:
        return pick(0xe65100, 0xff9844);
    case Role::BannerText:
        return pick(0x8a3200, 0xffd8b0);
    case Role::ErrorBackground:
        return pick(0xfdecea, 0x4d1f1c);
    case Role::ErrorText:
        return pick(0x8a1c12, 0xffc9c2);
    case Role::InfoBackground:
        return pick(0xe8f1fb, 0x1c3550);
    case Role::InfoText:
        return pick(0x173f6b, 0xcfe4fb);
    case Role::AgentMessage:
        return pick(0xeef4fb, 0x223247);
    case Role::CustomerMessage:
        return pick(0xf6f6f4, 0x33332f);
    case Role::MutedText:
        return pick(0x666666, 0xa8a8a8);
    case Role::Danger:
        return pick(0xc62828, 0xff8a80);
    case Role::Escalation:
        return pick(0xb03a2e, 0xff8a65);
    case Role::Enterprise:
        return pick(0x6a1b9a, 0xd1a3f0);
    case Role::Highlight:
        return pick(0xffeb80, 0x8a6d00);
    case Role::HighlightText:
        return pick(0x000000, 0xffffff);
    case Role::MeterTrack:
        return pick(0xeeeeee, 0x3a3a3a);
    case Role::MeterBorder:
        return pick(0xbbbbbb, 0x5a5a5a);
    }
    return {};
}

QColor Theme::bandColor(double confidence, double low)
{
    const bool dark = isDark();
    if (confidence < low)
        return QColor::fromRgb(dark ? 0xef5350 : 0xc62828);
    if (confidence < 0.75)
        return QColor::fromRgb(dark ? 0xffb74d : 0xb26a00);
    return QColor::fromRgb(dark ? 0x66bb6a : 0x2e7d32);
}

namespace {
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

double Theme::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Theme::textOn(const QColor &background)
{
    return contrast(background, Qt::black) >= contrast(background, Qt::white) ? QColor(Qt::black) : QColor(Qt::white);
}

QPalette Theme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(u"fusion"_s);
    QPalette p = fusion ? fusion->standardPalette() : QPalette(QColor(0xef, 0xef, 0xef));
    delete fusion;
    return p;
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), alt(0x26, 0x26, 0x26), text(0xe8, 0xe8, 0xe8),
        disabled(0x80, 0x80, 0x80), highlight(0x3d, 0x7a, 0xc7), link(0x8a, 0xb4, 0xf8);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alt);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6e, 0x6e));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3c, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, link);
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}

} // namespace understudy::app

// SPDX-License-Identifier: GPL-3.0-or-later
// Only the app layer may use Qt Widgets (DESIGN.md "Layers"); only sync/ and server/ speak HTTP.
#include "TestSupport.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

class TestLayering : public QObject {
    Q_OBJECT
private:
    QStringList offenders(const QStringList &layers, const QRegularExpression &forbidden)
    {
        QStringList out;
        for (const QString &layer : layers) {
            const QString dir = test::sourceDir() + u'/' + layer;
            QDirIterator it(dir, {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString text = QString::fromUtf8(test::readFile(path));
                const auto m = forbidden.match(text);
                if (m.hasMatch())
                    out << u"%1: %2"_s.arg(path.mid(test::sourceDir().size() + 1), m.captured(0).trimmed());
            }
        }
        return out;
    }

private Q_SLOTS:
    void noWidgetsOutsideApp()
    {
        const QRegularExpression widgets(
            u"^\\s*#\\s*include\\s*[<\"](QtWidgets/|Q(Widget|MainWindow|Dialog|Application|PushButton|Label|LineEdit|"
            "TableView|TreeView|ListView|MessageBox|Layout|HBoxLayout|VBoxLayout|Splitter|StatusBar|ToolBar|Menu|Action)\\b)"_s,
            QRegularExpression::MultilineOption);
        const QStringList bad = offenders({u"include"_s, u"src/core"_s, u"src/store"_s, u"src/engine"_s, u"src/sync"_s,
                                           u"src/connectors"_s, u"src/server"_s, u"src/cli"_s},
                                          widgets);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void noHttpOutsideSyncAndServer()
    {
        const QRegularExpression http(u"^\\s*#\\s*include\\s*[<\"](QtNetwork/|QNetwork|QHttpServer|QTcp)"_s,
                                      QRegularExpression::MultilineOption);
        const QStringList bad = offenders({u"include"_s, u"src/core"_s, u"src/store"_s, u"src/engine"_s,
                                           u"src/connectors"_s, u"src/cli"_s},
                                          http);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void checkerCatchesAViolation()
    {
        // The scan itself must work: a Widgets include written into a temp "layer" is found.
        const QString dir = test::binaryDir() + u"/layering-probe/src/core"_s;
        test::writeFile(dir + u"/Bad.h"_s, "#include <QWidget>\n");
        const QRegularExpression widgets(u"^\\s*#\\s*include\\s*[<\"]Q(Widget)\\b"_s, QRegularExpression::MultilineOption);
        QDirIterator it(dir, {u"*.h"_s}, QDir::Files);
        QVERIFY(it.hasNext());
        QVERIFY(widgets.match(QString::fromUtf8(test::readFile(it.next()))).hasMatch());
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"

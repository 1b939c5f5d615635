// SPDX-License-Identifier: GPL-3.0-or-later
// The layering the README's "Where things are" describes: only src/app uses Qt Widgets, only src/sync and
// src/server include networking, and a layer includes the headers of the layers below it only. One function,
// violations(), scans a tree; the test runs it on src/ and on temporary trees with a planted offender each.
#include "TestSupport.h"

#include <QDirIterator>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace understudy;

namespace {

/// Which layers' headers each layer may include (its own included). include/understudy/ is core.
const QHash<QString, QSet<QString>> &allowed()
{
    static const QHash<QString, QSet<QString>> map{
        {u"core"_s, {u"core"_s}},
        {u"store"_s, {u"core"_s, u"store"_s}},
        {u"engine"_s, {u"core"_s, u"store"_s, u"engine"_s}},
        {u"connectors"_s, {u"core"_s, u"connectors"_s}},
        {u"sync"_s, {u"core"_s, u"store"_s, u"connectors"_s, u"sync"_s}},
        {u"demo"_s, {u"core"_s, u"store"_s, u"connectors"_s, u"engine"_s, u"demo"_s}},
        {u"server"_s, {u"core"_s, u"store"_s, u"engine"_s, u"connectors"_s, u"sync"_s, u"demo"_s, u"server"_s}},
        {u"cli"_s, {u"core"_s, u"store"_s, u"engine"_s, u"connectors"_s, u"sync"_s, u"demo"_s, u"cli"_s}},
        {u"app"_s, {u"core"_s, u"store"_s, u"engine"_s, u"connectors"_s, u"sync"_s, u"demo"_s, u"app"_s}},
    };
    return map;
}

/// Includes that break the rules and stay for now, each with why; the scan fails when one is no longer there.
struct Exception {
    QString file;
    QString include;
    QString why;
};
const QList<Exception> &exceptions()
{
    static const QList<Exception> list{
        {u"src/app/SyncController.cpp"_s, u"QNetworkAccessManager"_s,
         u"the server health probe (issue 18, point 12) sends its GET itself; it belongs in src/sync"_s},
        {u"src/app/SyncController.cpp"_s, u"QNetworkReply"_s, u"the same probe"_s},
        {u"src/app/SyncController.cpp"_s, u"QNetworkRequest"_s, u"the same probe"_s},
    };
    return list;
}

const QRegularExpression kInclude(u"^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"_s, QRegularExpression::MultilineOption);
const QRegularExpression kWidgets(
    u"^(QtWidgets/.*|Q(Widget|MainWindow|Dialog|Application|PushButton|Label|LineEdit|TableView|TreeView|ListView|"
    "MessageBox|Layout|HBoxLayout|VBoxLayout|Splitter|StatusBar|ToolBar|Menu|Action))$"_s);
const QRegularExpression kNetwork(u"^(QtNetwork/.*|QNetwork\\w*|QHttpServer\\w*|QTcp\\w*|QSsl\\w*|QUdp\\w*)$"_s);

/// The layer a file of @p root belongs to ("" for none): src/<layer>/…, or include/ as core.
QString layerOf(const QString &relative)
{
    if (relative.startsWith(u"include/"_s))
        return u"core"_s;
    const QStringList parts = relative.split(u'/');
    return parts.size() > 2 && parts[0] == u"src"_s && allowed().contains(parts[1]) ? parts[1] : QString();
}

QStringList sourcesUnder(const QString &root)
{
    QStringList out;
    for (const QString &top : {u"src"_s, u"include"_s}) {
        QDirIterator it(root + u'/' + top, {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            out << it.next().mid(root.size() + 1);
    }
    out.sort();
    return out;
}

/// What is wrong with one include of @p file (layer @p layer), empty when nothing.
QString problemOf(const QString &layer, bool quoted, const QString &header, const QHash<QString, QString> &headerLayer)
{
    if (!quoted && layer != u"app"_s && kWidgets.match(header).hasMatch())
        return u"Widgets outside src/app"_s;
    if (!quoted && layer != u"sync"_s && layer != u"server"_s && kNetwork.match(header).hasMatch())
        return u"networking outside src/sync and src/server"_s;
    const QString owner = headerLayer.value(header.section(u'/', -1));
    if (quoted && !owner.isEmpty() && !allowed().value(layer).contains(owner))
        return u"%1 includes a header of %2"_s.arg(layer, owner);
    return {};
}

bool excepted(const QString &file, const QString &header)
{
    return std::any_of(exceptions().cbegin(), exceptions().cend(),
                       [&](const Exception &e) { return e.file == file && e.include == header; });
}

/// Every include under @p root (its src/ and include/) that breaks the layering, as "file: <header>: why";
/// @p used collects the exceptions that matched.
QStringList violations(const QString &root, QSet<QString> *used = nullptr)
{
    const QStringList files = sourcesUnder(root);
    QHash<QString, QString> headerLayer; // header file name -> its layer
    for (const QString &f : files)
        if (f.endsWith(u".h"_s) && !layerOf(f).isEmpty())
            headerLayer.insert(f.section(u'/', -1), layerOf(f));
    QStringList out;
    for (const QString &f : files) {
        const QString layer = layerOf(f);
        if (layer.isEmpty())
            continue;
        const QString text = QString::fromUtf8(test::readFile(root + u'/' + f));
        for (auto it = kInclude.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            const QString problem = problemOf(layer, m.captured(1) == u"\""_s, m.captured(2), headerLayer);
            if (problem.isEmpty())
                continue;
            if (excepted(f, m.captured(2))) {
                if (used)
                    used->insert(f + u':' + m.captured(2));
                continue;
            }
            out << u"%1: <%2>: %3"_s.arg(f, m.captured(2), problem);
        }
    }
    return out;
}

} // namespace

class TestLayering : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theSourceTreeKeepsItsLayers()
    {
        QSet<QString> used;
        const QStringList bad = violations(test::sourceDir(), &used);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
        QVERIFY(sourcesUnder(test::sourceDir()).size() > 100); // the scan saw the tree
        for (const Exception &e : exceptions())
            QVERIFY2(used.contains(e.file + u':' + e.include),
                     qPrintable(u"%1 no longer includes %2: drop the exception"_s.arg(e.file, e.include)));
    }

    void aPlantedOffenderIsCaught_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // empty: the tree is clean
        QTest::newRow("clean") << u"src/engine/Fine.cpp"_s << QByteArray("#include \"Store.h\"\n#include <QString>\n")
                               << QString();
        // An offender: its file, its include line, and what the scan must say (file: <header>: why).
        const auto offender = [](const char *name, const QString &file, const QString &line, const QString &header,
                                 const QString &why) {
            QTest::newRow(name) << file << (line + u'\n').toUtf8() << u"%1: <%2>: %3"_s.arg(file, header, why);
        };
        const QString widgets = u"Widgets outside src/app"_s, network = u"networking outside src/sync and src/server"_s;
        offender("widgets in the engine", u"src/engine/Bad.cpp"_s, u"#include <QWidget>"_s, u"QWidget"_s, widgets);
        offender("widgets in the demo", u"src/demo/Bad.h"_s, u"  #  include <QtWidgets/QLabel>"_s,
                 u"QtWidgets/QLabel"_s, widgets);
        offender("networking in the app", u"src/app/Bad.cpp"_s, u"#include <QNetworkAccessManager>"_s,
                 u"QNetworkAccessManager"_s, network);
        offender("networking in the connectors", u"src/connectors/Bad.cpp"_s, u"#include <QtNetwork/QTcpSocket>"_s,
                 u"QtNetwork/QTcpSocket"_s, network);
        offender("store uses the engine", u"src/store/Bad.cpp"_s, u"#include \"Engine.h\""_s, u"Engine.h"_s,
                 u"store includes a header of engine"_s);
        offender("app uses the server", u"src/app/Bad.cpp"_s, u"#include \"ServerStore.h\""_s, u"ServerStore.h"_s,
                 u"app includes a header of server"_s);
        offender("core uses the app", u"include/understudy/Bad.h"_s, u"#include \"MainWindow.h\""_s, u"MainWindow.h"_s,
                 u"core includes a header of app"_s);
    }

    void aPlantedOffenderIsCaught()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        // A small tree shaped like ours: one header per layer the rows include.
        QTemporaryDir root;
        QVERIFY(root.isValid());
        test::writeFile(root.filePath(u"src/store/Store.h"_s), "#pragma once\n#include <understudy/Types.h>\n");
        test::writeFile(root.filePath(u"src/engine/Engine.h"_s), "#pragma once\n#include \"Store.h\"\n");
        test::writeFile(root.filePath(u"src/server/ServerStore.h"_s), "#pragma once\n#include <QHttpServer>\n");
        test::writeFile(root.filePath(u"src/app/MainWindow.h"_s), "#pragma once\n#include <QMainWindow>\n");
        QVERIFY(violations(root.path()).isEmpty());
        test::writeFile(root.filePath(file), text);
        const QStringList found = violations(root.path());
        QCOMPARE(found, expected.isEmpty() ? QStringList() : QStringList{expected});
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"

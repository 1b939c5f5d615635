// SPDX-License-Identifier: GPL-3.0-or-later
// The baseline for bench_app: a bare Qt Widgets window with a QTableView over a trivial 100,000-row model,
// reporting "interactive" exactly as `understudy --report-startup` does (StartupProbe).
//
//   bench_bare_window [--rows 100000] [--exit-when-interactive]

#include "StartupProbe.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QTableView>

namespace {

class BareModel : public QAbstractTableModel {
public:
    explicit BareModel(int rows, QObject *parent = nullptr) : QAbstractTableModel(parent), m_rows(rows) {}
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 7; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (role != Qt::DisplayRole || !index.isValid())
            return {};
        return QStringLiteral("Row %1, column %2").arg(index.row()).arg(index.column());
    }

private:
    int m_rows;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    int rows = 100000;
    if (const qsizetype i = args.indexOf(QStringLiteral("--rows")); i >= 0 && i + 1 < args.size())
        rows = args[i + 1].toInt();
    const bool exitWhenInteractive = args.contains(QStringLiteral("--exit-when-interactive"));

    QMainWindow window;
    auto *view = new QTableView(&window);
    view->setModel(new BareModel(rows, view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    window.setCentralWidget(view);
    window.resize(1280, 800);
    new understudy::app::StartupProbe(view, exitWhenInteractive, &window);
    window.show();
    return QApplication::exec();
}

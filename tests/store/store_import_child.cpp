// SPDX-License-Identifier: GPL-3.0-or-later
// Helper for tst_importkill: imports synthetic articles into a store so the test can kill it mid-transaction.
//
//   store_import_child <store> <count> <pause-after> <variant>
//
// Builds <count> articles (ids kb-0…, each with a few headings; the text depends on <variant>) and imports them
// with markMissing in one importArticles() call. Prints "ready" just before the import starts; after record
// <pause-after> (-1: never) prints "paused" and sleeps 60 s inside the open transaction. Prints
// "done <added> <updated> <unchanged> <removed>" on success; exit code 0, or 1 with the error on stderr.
#include "Store.h"

#include <QStringList>
#include <QTimeZone>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace Qt::StringLiterals;
using namespace understudy;

namespace {

void say(const char *line)
{
    std::fputs(line, stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QList<Article> makeArticles(int count, int variant)
{
    static const QStringList words{u"printer"_s, u"invoice"_s, u"password"_s, u"refund"_s, u"shipping"_s,
                                   u"account"_s, u"router"_s,  u"battery"_s,  u"license"_s, u"export"_s,
                                   u"billing"_s, u"calendar"_s, u"sync"_s,    u"backup"_s,  u"firmware"_s};
    QList<Article> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        // Deterministic text: the same (count, variant) always gives the same articles.
        auto word = [&](int k) { return words[(i * 7 + k * 3 + variant * 5) % words.size()]; };
        Article a;
        a.id = u"kb-%1"_s.arg(i);
        a.title = u"How to fix the %1 (%2)"_s.arg(word(0)).arg(i);
        a.url = u"https://help.example.com/kb/%1"_s.arg(i);
        a.tags = {word(1), u"v%1"_s.arg(variant)};
        a.updatedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()).addSecs(qint64(variant) * 3600 + i);
        a.body = u"Variant%1 overview of the %2 problem for article %3.\n\n"
                 "## Symptoms\nThe %4 stops working after an update; customers report the %5 is slow.\n\n"
                 "## Fix\n1. Restart the %2.\n2. Check the %4 settings.\n3. Contact support with the %5 logs.\n\n"
                 "## Background\nSince release %6 the %2 and the %4 share a cache, so one can block the other."_s
                     .arg(variant)
                     .arg(word(0))
                     .arg(i)
                     .arg(word(1))
                     .arg(word(2))
                     .arg(variant * 10 + i % 10);
        out << a;
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s <store> <count> <pause-after> <variant>\n", argv[0]);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int count = std::atoi(argv[2]);
    const long long pauseAfter = std::atoll(argv[3]);
    const int variant = std::atoi(argv[4]);

    auto store = store::Store::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
        return 1;
    }
    const QList<Article> articles = makeArticles(count, variant);
    say("ready");
    auto report = (*store)->importArticles(articles, u"kb"_s, true, [&](qsizetype done, qsizetype) {
        if (done == pauseAfter) {
            say("paused");
            std::this_thread::sleep_for(std::chrono::seconds(60));
        }
    });
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().toString()));
        return 1;
    }
    std::printf("done %d %d %d %d\n", report->added, report->updated, report->unchanged, report->removed);
    std::fflush(stdout);
    return 0;
}

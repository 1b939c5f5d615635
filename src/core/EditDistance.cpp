// SPDX-License-Identifier: GPL-3.0-or-later
#include <understudy/EditDistance.h>

#include <QList>

#include <algorithm>
#include <vector>

namespace understudy {

namespace {

// Two-row Levenshtein: O(n·m) time, O(m) memory.
template <typename Seq> int levenshtein(const Seq &a, const Seq &b)
{
    const qsizetype n = a.size(), m = b.size();
    if (n == 0)
        return int(m);
    if (m == 0)
        return int(n);
    std::vector<int> prev(size_t(m) + 1), cur(size_t(m) + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int substitution = prev[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, substitution});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

template <typename Seq> int longestCommonSubsequence(const Seq &a, const Seq &b)
{
    const qsizetype n = a.size(), m = b.size();
    std::vector<int> prev(size_t(m) + 1, 0), cur(size_t(m) + 1, 0);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j)
            cur[size_t(j)] =
                a[i - 1] == b[j - 1] ? prev[size_t(j - 1)] + 1 : std::max(prev[size_t(j)], cur[size_t(j - 1)]);
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

} // namespace

int characterDistance(QStringView a, QStringView b)
{
    return levenshtein(a.toUcs4(), b.toUcs4());
}

QStringList editWords(QStringView text)
{
    QStringList out;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool space = i == text.size() || text[i].isSpace();
        if (space && start >= 0) {
            out << text.mid(start, i - start).toString();
            start = -1;
        } else if (!space && start < 0) {
            start = i;
        }
    }
    return out;
}

int wordDistance(QStringView a, QStringView b)
{
    return levenshtein(editWords(a), editWords(b));
}

double keptShare(QStringView draft, QStringView final)
{
    const QStringList d = editWords(draft);
    if (d.isEmpty())
        return 1.0;
    return double(longestCommonSubsequence(d, editWords(final))) / double(d.size());
}

EditStats editStats(QStringView draft, QStringView final)
{
    return EditStats{characterDistance(draft, final), wordDistance(draft, final), keptShare(draft, final)};
}

} // namespace understudy

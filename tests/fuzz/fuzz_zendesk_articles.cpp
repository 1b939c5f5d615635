// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString file = QStringLiteral("kb/fuzz.json");
    const auto r = connectors::parseZendeskArticles(input, file);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        fuzz::checkArticles(*r);
        for (const Article &a : *r)
            FUZZ_CHECK(a.id.startsWith(QLatin1String("zd-")));
    }
    return 0;
}

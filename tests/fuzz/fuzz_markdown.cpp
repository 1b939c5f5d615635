// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString file = QStringLiteral("kb/fuzz.md");
    const auto r = connectors::parseMarkdownArticle(input, file);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        fuzz::checkArticle(*r);
        FUZZ_CHECK(!r->body.startsWith(QLatin1Char('\n')));
    }
    return 0;
}

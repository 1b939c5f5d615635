// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString file = QStringLiteral("kb/fuzz.html");
    const auto r = connectors::parseHtmlArticle(input, file);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        fuzz::checkArticle(*r);
        FUZZ_CHECK(r->body == r->body.trimmed());
    }
    // The converter on its own, also on text that is not valid UTF-8 (decoded leniently).
    const QString markdown = connectors::htmlToMarkdown(QString::fromUtf8(input));
    FUZZ_CHECK(markdown == markdown.trimmed());
    return 0;
}

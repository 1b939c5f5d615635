// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"
#include "ImporterSupport.h"

#include <QStringDecoder>

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString file = QStringLiteral("kb/fuzz.md");
    const auto r = connectors::parseMarkdownArticle(input, file);
    fuzz::checkError(r, file, input);
    // The importers' own UTF-8 check must agree with Qt's decoder.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(input);
    FUZZ_CHECK((connectors::detail::firstInvalidUtf8(input) < 0) == !decoder.hasError());
    if (r.ok()) {
        fuzz::checkArticle(*r);
        FUZZ_CHECK(!r->body.startsWith(QLatin1Char('\n')));
    }
    return 0;
}

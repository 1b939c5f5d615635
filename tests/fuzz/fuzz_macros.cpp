// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytesOf(data, size);
    const QString file = QStringLiteral("macros.json");
    const auto r = connectors::parseMacros(input, file);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        QSet<QString> ids;
        for (const Macro &m : *r) {
            FUZZ_CHECK(!m.id.isEmpty() && !m.title.isEmpty() && !m.body.isEmpty());
            FUZZ_CHECK(!ids.contains(m.id));
            ids.insert(m.id);
        }
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the splits: none (an error for an object), one, or two.
    QStringList splits;
    if (data[0] % 3 >= 1)
        splits << QStringLiteral("train");
    if (data[0] % 3 == 2)
        splits << QStringLiteral("oos_train");
    const QByteArray input = fuzz::bytesOf(data + 1, size - 1);
    const QString file = QStringLiteral("pairs.json");
    const auto r = connectors::parseLabelledPairsJson(input, file, splits);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        fuzz::checkTickets(*r);
        for (const Ticket &t : *r)
            FUZZ_CHECK(t.messages.size() == 1 && !t.intent.isEmpty());
    }
    return 0;
}

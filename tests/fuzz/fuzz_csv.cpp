// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzSupport.h"

using namespace understudy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks which optional columns the mapping names.
    connectors::CsvMapping mapping;
    if (data[0] & 1)
        mapping.labelColumn = QStringLiteral("label");
    if (data[0] & 2)
        mapping.idColumn = QStringLiteral("id");
    if (data[0] & 4)
        mapping.subjectColumn = QStringLiteral("subject");
    const QByteArray input = fuzz::bytesOf(data + 1, size - 1);
    const QString file = QStringLiteral("tickets.csv");
    const auto r = connectors::parseTicketsCsv(input, file, mapping);
    fuzz::checkError(r, file, input);
    if (r.ok()) {
        fuzz::checkTickets(*r);
        for (const Ticket &t : *r) {
            FUZZ_CHECK(t.messages.size() == 1 && !t.messages.first().body.isEmpty());
            FUZZ_CHECK(t.status == QLatin1String("resolved"));
        }
    }
    return 0;
}

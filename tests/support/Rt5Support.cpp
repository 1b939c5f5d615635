// SPDX-License-Identifier: GPL-3.0-or-later
#include "Rt5Support.h"

#include <HelpdeskExecutor.h>

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

using namespace Qt::StringLiterals;
using namespace understudy::connectors;

namespace understudy::test {

std::optional<HttpRequest> RawCall::nextRequest()
{
    if (m_sent)
        return std::nullopt;
    m_sent = true;
    return m_request;
}

HelpdeskStatus RawCall::handleResponse(const HttpResponse &r)
{
    m_response = r;
    return helpdeskOk();
}

namespace {
QString readState(const QString &dir, const QString &name)
{
    QFile f(dir + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}
} // namespace

Rt5Instance Rt5Instance::fromEnvironment()
{
    Rt5Instance rt;
    rt.state = qEnvironmentVariable("UNDERSTUDY_RT_STATE");
    if (rt.state.isEmpty())
        return rt;
    rt.unavailable = readState(rt.state, u"unavailable"_s);
    rt.url = readState(rt.state, u"url"_s);
    rt.password = readState(rt.state, u"password"_s);
    rt.token = readState(rt.state, u"token"_s);
    return rt;
}

QString Rt5Instance::problem() const
{
    if (state.isEmpty())
        return u"UNDERSTUDY_RT_STATE is not set: run through ctest (fixture rt5)"_s;
    if (unavailable.isEmpty() && url.isEmpty())
        return u"the rt5 fixture did not start RT (see rt5_fixture_start's output)"_s;
    return {};
}

HttpResponse Rt5Instance::rest(sync::HelpdeskExecutor &executor, const QByteArray &method, const QString &path,
                               const QJsonObject &body) const
{
    HttpRequest r;
    r.method = method;
    r.pathAndQuery = u"/REST/2.0"_s + path;
    r.headers = {{"Authorization", "token " + token.toUtf8()}};
    r.purpose = u"test setup"_s;
    r.idempotent = method != "POST";
    if (!body.isEmpty())
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto res = executor.runBlocking<HttpResponse>(std::make_shared<RawCall>(r));
    return res.ok() ? res.value() : HttpResponse{};
}

QString Rt5Instance::createTicket(sync::HelpdeskExecutor &executor, const QString &subject, const QString &requestor,
                                  const QString &content) const
{
    const HttpResponse r = rest(executor, "POST", u"/ticket"_s,
                                {{u"Queue"_s, u"General"_s},
                                 {u"Subject"_s, subject},
                                 {u"Requestor"_s, requestor},
                                 {u"Content"_s, content},
                                 {u"ContentType"_s, u"text/plain"_s}});
    if (r.status != 201)
        qWarning() << "create failed:" << r.status << r.body;
    return QJsonDocument::fromJson(r.body).object().value(u"id"_s).toString();
}

bool Rt5Instance::seed(int count, const QString &queue, QString *error) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"bash"_s, {QStringLiteral(RT5_FIXTURE_SCRIPT), u"seed"_s, state, QString::number(count), queue});
    const bool done = p.waitForFinished(30 * 60 * 1000);
    const QString output = QString::fromUtf8(p.readAll());
    if (done && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
        qInfo().noquote() << output.trimmed();
        return true;
    }
    *error = output;
    return false;
}

} // namespace understudy::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeServer.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace understudy::test {

namespace {

class FakeReply : public QNetworkReply {
public:
    bool m_lose = false; ///< the server does the work, then the connection drops before the answer

    FakeReply(const QNetworkRequest &req, QNetworkAccessManager::Operation op, const QByteArray &verb, QObject *parent)
        : QNetworkReply(parent)
    {
        setRequest(req);
        setUrl(req.url());
        setOperation(op);
        setAttribute(QNetworkRequest::CustomVerbAttribute, verb);
        open(QIODevice::ReadOnly);
    }
    void answer(int status, const QJsonObject &body, const QByteArray &extraHeader = {}, const QByteArray &value = {})
    {
        if (m_lose)
            return refuse();
        m_data = body.isEmpty() && status == 204 ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QTimer::singleShot(0, this, [this, status, extraHeader, value] {
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
            setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            setHeader(QNetworkRequest::ContentLengthHeader, m_data.size());
            if (!extraHeader.isEmpty())
                setRawHeader(extraHeader, value);
            if (status >= 400)
                setError(QNetworkReply::ProtocolInvalidOperationError, u"HTTP %1"_s.arg(status));
            Q_EMIT metaDataChanged();
            Q_EMIT readyRead();
            setFinished(true);
            Q_EMIT finished();
        });
    }
    void refuse()
    {
        QTimer::singleShot(0, this, [this] {
            setError(QNetworkReply::ConnectionRefusedError, u"Connection refused"_s);
            Q_EMIT errorOccurred(QNetworkReply::ConnectionRefusedError);
            setFinished(true);
            Q_EMIT finished();
        });
    }
    void hang() {} // never finishes; the client's transfer timeout has to act
    void abort() override
    {
        if (isFinished())
            return;
        setError(QNetworkReply::OperationCanceledError, u"Operation canceled"_s);
        setFinished(true);
        Q_EMIT finished();
    }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

QJsonObject error(const QString &message)
{
    return QJsonObject{{u"error"_s, message}};
}

} // namespace

void FakeServerState::addChange(const QString &kind, const QString &id, const QJsonObject &data)
{
    changes << QJsonObject{{u"seq"_s, changes.size() + 1}, {u"kind"_s, kind}, {u"id"_s, id}, {u"data"_s, data}};
}

QNetworkReply *FakeNam::createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoing)
{
    QByteArray verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    if (verb.isEmpty())
        verb = op == GetOperation ? "GET" : op == PostOperation ? "POST" : op == DeleteOperation ? "DELETE" : "PUT";
    const QByteArray body = outgoing ? outgoing->readAll() : QByteArray();
    auto *reply = new FakeReply(request, op, verb, this);
    FakeServerState &s = *m_state;
    QString path = request.url().path();
    if (path.startsWith(u"/api/v1"_s))
        path = path.mid(7);
    s.log << QString::fromLatin1(verb) + u' ' + path;
    QString route = QString::fromLatin1(verb) + u' ' + path;
    if (path.startsWith(u"/tickets/"_s))
        route = QString::fromLatin1(verb) + (path.endsWith(u"/replies"_s) ? u" /replies"_s : u" /claim"_s);
    if (auto it = s.inject.find(route); it != s.inject.end() && !it->isEmpty()) {
        const int status = it->takeFirst();
        if (status == -2)
            reply->m_lose = true;
        else if (status == 0)
            reply->refuse();
        else if (status == -1)
            reply->hang();
        else
            reply->answer(status, error(u"injected"_s), status == 429 ? "Retry-After" : "", "2");
        if (status != -2)
            return reply;
    }
    const QJsonObject in = QJsonDocument::fromJson(body).object();
    if (route == u"POST /session"_s) {
        const QString name = in.value(u"name"_s).toString();
        if (!s.passwords.contains(name) || s.passwords.value(name) != in.value(u"password"_s).toString()) {
            reply->answer(401, error(u"wrong name or password"_s));
            return reply;
        }
        const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.tokens.insert(token, name);
        reply->answer(200, QJsonObject{{u"token"_s, token}, {u"name"_s, name}, {u"role"_s, u"agent"_s}});
        return reply;
    }
    const QByteArray auth = request.rawHeader("Authorization");
    const QString user = s.tokens.value(QString::fromUtf8(auth.mid(7)));
    if (!auth.startsWith("Bearer ") || user.isEmpty()) {
        reply->answer(401, error(u"unknown token"_s));
        return reply;
    }
    if (route == u"DELETE /session"_s) {
        s.tokens.remove(QString::fromUtf8(auth.mid(7)));
        reply->answer(204, {});
    } else if (route == u"GET /changes"_s) {
        const QUrlQuery q(request.url());
        const int since = q.queryItemValue(u"since"_s).toInt();
        const int limit = q.queryItemValue(u"limit"_s).toInt();
        QJsonArray page;
        int last = since;
        for (int i = since; i < s.changes.size() && page.size() < limit; ++i) {
            page.append(s.changes[i]);
            last = i + 1;
        }
        reply->answer(200, QJsonObject{{u"changes"_s, page},
                                       {u"cursor"_s, QString::number(last)},
                                       {u"more"_s, last < s.changes.size()}});
    } else if (route == u"POST /events"_s) {
        ++s.eventPosts;
        QJsonArray acked;
        for (const QJsonValue &v : in.value(u"events"_s).toArray()) {
            QJsonObject e = v.toObject();
            const QString id = e.value(u"id"_s).toString();
            if (s.ackLimit >= 0 && acked.size() >= s.ackLimit)
                break;
            if (!s.events.contains(id)) {
                e.insert(u"agent"_s, user);
                s.events.insert(id, e);
                s.eventOrder << id;
                s.addChange(u"event"_s, id, e);
            }
            acked.append(id);
        }
        reply->answer(200, QJsonObject{{u"acknowledged"_s, acked}});
    } else if (route == u"POST /replies"_s || route == u"POST /claim"_s) {
        const QString ticket = path.section(u'/', 2, 2);
        const QString owner = s.claims.value(ticket);
        if (!owner.isEmpty() && owner != user) {
            reply->answer(409, QJsonObject{{u"error"_s, u"claimed by %1"_s.arg(owner)}, {u"claimed_by"_s, owner}});
            return reply;
        }
        s.claims.insert(ticket, user);
        if (route == u"POST /claim"_s) {
            reply->answer(200, QJsonObject{{u"ticket_id"_s, ticket}, {u"claimed_by"_s, user}});
            return reply;
        }
        s.replyBodies << in;
        const QString key = in.value(u"idempotency_key"_s).toString();
        if (s.replies.contains(key)) {
            reply->answer(200, s.replies.value(key));
            return reply;
        }
        const QJsonObject answer{{u"reply_id"_s, u"r-%1"_s.arg(s.replies.size() + 1)}, {u"ticket_id"_s, ticket},
                                 {u"status"_s, u"resolved"_s}, {u"author"_s, user}};
        s.replies.insert(key, answer);
        reply->answer(201, answer);
    } else {
        reply->answer(404, error(u"unknown path"_s));
    }
    return reply;
}

} // namespace understudy::test

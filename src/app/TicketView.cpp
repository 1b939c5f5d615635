// SPDX-License-Identifier: GPL-3.0-or-later
#include "TicketView.h"

#include "Theme.h"

#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace understudy::app {

TicketView::TicketView(QWidget *parent)
    : QWidget(parent), m_subject(new QLabel(this)), m_thread(new QTextBrowser(this)), m_customer(new QLabel(this)),
      m_tier(new QLabel(this)), m_history(new QListWidget(this)), m_tried(new QLabel(this))
{
    setObjectName(u"ticketView"_s);
    connect(Theme::instance(), &Theme::changed, this, &TicketView::applyColours);
    m_subject->setObjectName(u"ticketSubject"_s);
    m_subject->setAccessibleName(tr("Ticket subject"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_subject->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_subject->setFont(big);
    m_thread->setObjectName(u"conversation"_s);
    m_thread->setAccessibleName(tr("Conversation"));
    m_thread->setOpenExternalLinks(true);
    m_customer->setObjectName(u"customerName"_s);
    m_customer->setAccessibleName(tr("Customer name"));
    m_customer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_customer->setWordWrap(true); // long names and addresses wrap instead of being cut off
    m_tier->setObjectName(u"customerTier"_s);
    m_history->setObjectName(u"customerHistory"_s);
    m_history->setAccessibleName(tr("Previous tickets of this customer"));
    m_history->setMaximumHeight(110);
    m_tried->setObjectName(u"alreadyTried"_s);
    m_tried->setWordWrap(true);
    m_tried->setAccessibleName(tr("What the customer already tried"));

    auto *customerBox = new QGroupBox(tr("Customer"), this);
    auto *cl = new QVBoxLayout(customerBox);
    auto *who = new QHBoxLayout;
    who->addWidget(m_customer, 1);
    who->addWidget(m_tier);
    cl->addLayout(who);
    cl->addWidget(new QLabel(tr("Previous tickets:"), customerBox));
    cl->addWidget(m_history);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_subject);
    layout->addWidget(m_thread, 1);
    layout->addWidget(m_tried);
    layout->addWidget(customerBox);
    setMinimumWidth(320);
    clear();
}

QString TicketView::conversationHtml(const Ticket &ticket)
{
    QString html;
    const QLocale locale;
    for (const Message &m : ticket.messages) {
        const bool agent = m.author == u"agent"_s;
        const QString who =
            agent ? tr("Agent") : (ticket.customer.name.isEmpty() ? tr("Customer") : ticket.customer.name);
        const QString when = m.at.isValid() ? locale.toString(m.at.toLocalTime(), QLocale::ShortFormat) : QString();
        html += u"<table width=\"100%\" cellpadding=\"8\" style=\"margin-bottom:8px\"><tr><td bgcolor=\"%1\">"_s.arg(
            Theme::color(agent ? Theme::Role::AgentMessage : Theme::Role::CustomerMessage).name());
        html += u"<b>%1</b> <span style=\"color:%3\">%2</span><br/>"_s.arg(who.toHtmlEscaped(), when.toHtmlEscaped(),
                                                                          Theme::color(Theme::Role::MutedText).name());
        html += m.body.toHtmlEscaped().replace(u'\n', u"<br/>"_s);
        html += u"</td></tr></table>"_s;
    }
    return html;
}

namespace {
QString outcomeText(const Ticket &t)
{
    QString s = t.status;
    if (!t.intent.isEmpty())
        s += u" · "_s + t.intent;
    return s;
}
} // namespace

void TicketView::showTicket(const Ticket &ticket, const QList<Ticket> &history)
{
    m_subject->setText(u"%1 · %2"_s.arg(ticket.id, ticket.subject.isEmpty() ? tr("(no subject)") : ticket.subject));
    const QString name = ticket.customer.name.isEmpty() ? tr("Unknown customer") : ticket.customer.name;
    m_customer->setText(ticket.customer.email.isEmpty() ? name : u"%1 <%2>"_s.arg(name, ticket.customer.email));
    m_tier->setText(ticket.customer.tier.isEmpty() ? tr("tier unknown") : ticket.customer.tier);
    m_shown = ticket;
    applyColours();
    m_history->clear();
    if (history.isEmpty())
        m_history->addItem(tr("No previous tickets"));
    for (const Ticket &t : history) {
        auto *item = new QListWidgetItem(u"%1 — %2 (%3)"_s.arg(t.id, t.subject, outcomeText(t)), m_history);
        item->setData(Qt::UserRole, t.id);
    }
    showAlreadyTried({});
}

void TicketView::applyColours()
{
    if (!m_shown)
        return;
    m_thread->setHtml(conversationHtml(*m_shown));
    m_tier->setStyleSheet(m_shown->customer.tier == u"enterprise"_s
                              ? u"color:%1;font-weight:bold"_s.arg(Theme::color(Theme::Role::Enterprise).name())
                              : QString());
}

void TicketView::showAlreadyTried(const QStringList &tried)
{
    m_tried->setVisible(!tried.isEmpty());
    m_tried->setText(tried.isEmpty() ? QString()
                                     : tr("<b>Already tried:</b> %1").arg(tried.join(u"; "_s).toHtmlEscaped()));
}

void TicketView::clear()
{
    m_subject->setText(tr("Select a ticket in the queue"));
    m_shown.reset();
    m_thread->clear();
    m_customer->clear();
    m_tier->clear();
    m_history->clear();
    showAlreadyTried({});
}

} // namespace understudy::app

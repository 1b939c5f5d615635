// SPDX-License-Identifier: GPL-3.0-or-later
#include "RejectDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace understudy::app {

QList<std::pair<RejectReason, QString>> reasonChoices()
{
    return {
        {RejectReason::WrongAnswer, RejectDialog::tr("Wrong answer")},
        {RejectReason::OutdatedInformation, RejectDialog::tr("Outdated information")},
        {RejectReason::WrongTone, RejectDialog::tr("Wrong tone")},
        {RejectReason::MissingInformation, RejectDialog::tr("Missing information")},
        {RejectReason::ShouldHaveEscalated, RejectDialog::tr("Should have escalated")},
        {RejectReason::Other, RejectDialog::tr("Other")},
    };
}

QString reasonText(const QString &stored)
{
    const qsizetype colon = stored.indexOf(u": "_s);
    const QString code = colon < 0 ? stored : stored.left(colon);
    for (const auto &[reason, label] : reasonChoices())
        if (rejectReasonCode(reason) == code)
            return colon < 0 ? label : label + stored.mid(colon);
    return stored;
}

RejectDialog::RejectDialog(QWidget *parent)
    : QDialog(parent), m_reason(new QComboBox(this)), m_note(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"rejectDialog"_s);
    setWindowTitle(tr("Reject draft"));
    m_reason->setObjectName(u"rejectReason"_s);
    m_reason->setAccessibleName(tr("Reason"));
    for (const auto &[reason, text] : reasonChoices())
        m_reason->addItem(text, int(reason));
    m_note->setObjectName(u"rejectNote"_s);
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("What was wrong? (required for Other)"));
    m_note->setClearButtonEnabled(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"rejectOk"_s);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &RejectDialog::updateOk);
    connect(m_note, &QLineEdit::textChanged, this, &RejectDialog::updateOk);
    setMinimumWidth(380);
    updateOk();
}

RejectReason RejectDialog::reason() const
{
    return RejectReason(m_reason->currentData().toInt());
}

QString RejectDialog::note() const
{
    return m_note->text().trimmed();
}

void RejectDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reason() != RejectReason::Other || !note().isEmpty());
}

} // namespace understudy::app

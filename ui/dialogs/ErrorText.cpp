#include "dialogs/ErrorText.h"

#include "dialogs/LiveText.h"
#include "shell/Theme.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <QCoreApplication>

namespace confab::ui {

// The server's reasons, put in words for people.
QString ErrorText::reasonText(const core::Error& error)
{
    const QString& reason = error.reason;
    if (reason.startsWith(QLatin1String("must be 3-32 characters of a-z 0-9 . _ -"))) {
        return tr("Use 3 to 32 characters: lower-case letters, digits, dots, dashes and "
                  "underscores.");
    }
    if (reason == QLatin1String("already taken")) {
        return tr("This name is already taken. Try another one.");
    }
    if (reason.startsWith(QLatin1String("must be 8-1024 bytes"))) {
        return tr("Use at least 8 characters.");
    }
    if (reason == QLatin1String("incorrect")) {
        return tr("The password is not correct.");
    }
    if (reason == QLatin1String("required")) {
        return tr("Please fill this in.");
    }
    if (reason.startsWith(QLatin1String("must be a PNG, JPEG or WebP image"))) {
        return tr("Choose a PNG, JPEG or WebP picture.");
    }
    if (reason.startsWith(QLatin1String("must not be only whitespace"))) {
        return tr("This cannot be only spaces.");
    }
    if (reason.startsWith(QLatin1String("must not contain control characters"))) {
        return tr("This cannot contain tabs or line breaks.");
    }
    if (reason.startsWith(QLatin1String("must be at most"))) {
        return tr("This is too long (%1).").arg(reason.mid(8));
    }
    if (reason.startsWith(QLatin1String("must be "))) {
        return tr("This must be %1.").arg(reason.mid(8));
    }
    return reason;
}

QString ErrorText::describe(const core::Error& error)
{
    using Code = core::Error::Code;
    switch (error.code) {
    case Code::None:
        return {};
    case Code::InvalidInput:
        if (error.field == QLatin1String("size") &&
            error.reason.startsWith(QLatin1String("a file may have at most "))) {
            return tr("The file is too large for this server (at most %1).")
                .arg(error.reason.mid(24));
        }
        return reasonText(error);
    case Code::AlreadyExists:
        return reasonText(error);
    case Code::Unauthenticated:
        return tr("The username or password is not correct.");
    case Code::PermissionDenied:
        return error.reason == QLatin1String("incorrect") ? reasonText(error)
                                                          : tr("You are not allowed to do that.");
    case Code::NotFound:
        return tr("That could not be found.");
    case Code::Throttled:
        return error.reason.startsWith(QLatin1String("too many"))
                   ? tr("Too many attempts. Wait a little and try again.")
                   : tr("The server is busy. Try again in a moment.");
    case Code::Unavailable:
        return tr("The server cannot be reached. Check the connection.");
    case Code::Timeout:
        return tr("The server took too long to answer. Try again.");
    case Code::Internal:
        return tr("Something went wrong on the server. Try again later.");
    case Code::Cancelled:
        return tr("Cancelled.");
    }
    return error.reason;
}

void ErrorText::styleAsError(QLabel* label)
{
    const auto apply = [label] {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, Theme::currentColors().failed);
        label->setPalette(palette);
    };
    apply();
    if (Theme* theme = Theme::instance()) {
        QObject::connect(theme, &Theme::changed, label, apply);
    }
}

QLabel* ErrorText::makeFieldError(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("fieldError"));
    label->setWordWrap(true);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    styleAsError(label);
    LiveText::mark(label, tr("Error"));
    label->hide();
    return label;
}

QLabel* ErrorText::addField(QWidget* parent, QFormLayout* form, const QString& label,
                            const QString& accessibleName, QLineEdit*& field, QLabel*& error)
{
    field = new QLineEdit(parent);
    field->setAccessibleName(accessibleName);
    error = makeFieldError(parent);
    linkToField(error, field);
    auto* box = new QVBoxLayout;
    box->setSpacing(2);
    box->addWidget(field);
    box->addWidget(error);
    auto* rowLabel = new QLabel(label, parent);
    rowLabel->setBuddy(field);
    form->addRow(rowLabel, box);
    return rowLabel;
}

namespace {
// The field whose error an error label shows.
constexpr char kFieldProperty[] = "confabErrorField";
} // namespace

void ErrorText::linkToField(QLabel* error, QWidget* field)
{
    error->setProperty(kFieldProperty, QVariant::fromValue(static_cast<QObject*>(field)));
}

void ErrorText::show(QLabel* label, const QString& text)
{
    LiveText::show(label, text);
    // A screen reader on the field hears its error as the field's description.
    auto* field = qobject_cast<QWidget*>(label->property(kFieldProperty).value<QObject*>());
    if (field && field->accessibleDescription() != text) {
        field->setAccessibleDescription(text);
    }
}

} // namespace confab::ui

#pragma once

#include "net/Error.h"

#include <QCoreApplication>
#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace confab::ui {

// Sentences a person understands for the errors of the core.
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString describe(const core::Error& error);
    // A label for the error of one field, shown under it (hidden while empty).
    static QLabel* makeFieldError(QWidget* parent);
    // Shows the label's text in the theme's error colour, following the
    // theme when it changes.
    static void styleAsError(QLabel* label);
    // A row of `form` (in `parent`): `label`, then a new line edit with its
    // error label under it. Returns the row's label.
    static QLabel* addField(QWidget* parent, QFormLayout* form, const QString& label,
                            const QString& accessibleName, QLineEdit*& field, QLabel*& error);
    // Makes `error` the error label of `field`: what it shows is the
    // field's accessible description.
    static void linkToField(QLabel* error, QWidget* field);
    // Shows `text` in `label`, or hides it when empty; screen readers hear it.
    static void show(QLabel* label, const QString& text);

private:
    static QString reasonText(const core::Error& error);
};

} // namespace confab::ui

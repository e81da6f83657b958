#pragma once

#include <QLabel>

namespace confab::ui {

// One line of text that fits whatever width it gets: cut with an ellipsis
// when too long, the whole text in its tooltip and for screen readers. It
// never makes its window wider.
class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    // Whether the text is cut at the present width.
    bool isElided() const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QString shownText() const;
};

} // namespace confab::ui

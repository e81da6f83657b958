#pragma once

#include "chat/Attachment.h"

#include <QDialog>
#include <QImage>

class QLabel;
class QPushButton;

namespace confab::core {
class Downloads;
}

namespace confab::ui {

// A picture at full size, fitted to the window: its thumbnail at once,
// the picture itself once fetched (into the account's cache, once), with
// how far the fetch is meanwhile. Esc closes; "Save…" asks the chat view
// to save it where the user says.
class ImageViewer : public QDialog {
    Q_OBJECT

public:
    ImageViewer(core::Downloads& downloads, const core::Attachment& attachment,
                QWidget* parent = nullptr);

    // The picture shown (the thumbnail until the whole one is in).
    const QImage& image() const { return m_image; }
    bool isComplete() const { return m_complete; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void saveRequested(const confab::core::Attachment& attachment);

private:
    void update();

    core::Downloads& m_downloads;
    core::Attachment m_attachment;
    QWidget* m_canvas;
    QLabel* m_status;
    QImage m_image;
    bool m_complete = false;
};

} // namespace confab::ui

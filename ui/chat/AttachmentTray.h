#pragma once

#include "chat/Outbox.h"

#include <QList>
#include <QWidget>

class QHBoxLayout;

namespace confab::ui {

// The files that go with the next message, over the composer: each with
// its thumbnail or kind, name and size, and a button to take it off.
// Hidden while there are none.
class AttachmentTray : public QWidget {
    Q_OBJECT

public:
    // A message carries at most this many.
    static constexpr int kMaxFiles = 10;

    explicit AttachmentTray(QWidget* parent = nullptr);

    // False (and nothing added) when the tray is full.
    bool add(const core::OutgoingFile& file);
    void setFiles(const QList<core::OutgoingFile>& files);
    const QList<core::OutgoingFile>& files() const { return m_files; }
    bool isEmpty() const { return m_files.isEmpty(); }
    void clear() { setFiles({}); }

signals:
    void changed();

private:
    void rebuild();

    QList<core::OutgoingFile> m_files;
    QHBoxLayout* m_row;
};

} // namespace confab::ui

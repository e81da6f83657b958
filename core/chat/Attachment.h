#pragma once

#include "confab/v1/chat.pb.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace confab::core {

// A file sent with a message, as the timeline shows it.
struct Attachment {
    QString id;
    QString fileName;
    QString mimeType;
    quint64 size = 0;
    QString sha256;
    int width = 0;
    int height = 0;
    QByteArray thumbnail; // PNG, JPEG or WebP; may be empty

    // A picture the server checked (its type comes from its bytes).
    bool isPicture() const { return mimeType.startsWith(QLatin1String("image/")); }

    static Attachment from(const v1::Attachment& attachment)
    {
        Attachment out;
        out.id = QString::fromStdString(attachment.id());
        out.fileName = QString::fromStdString(attachment.file_name());
        out.mimeType = QString::fromStdString(attachment.mime_type());
        out.size = attachment.size();
        out.sha256 = QString::fromStdString(attachment.sha256());
        out.width = static_cast<int>(attachment.width());
        out.height = static_cast<int>(attachment.height());
        out.thumbnail = QByteArray(attachment.thumbnail().data(),
                                   static_cast<qsizetype>(attachment.thumbnail().size()));
        return out;
    }
};

// One emoji under a message and who chose it, in the order they did.
struct Reaction {
    QString emoji;
    QStringList userIds;
};

} // namespace confab::core

Q_DECLARE_METATYPE(confab::core::Attachment)
Q_DECLARE_METATYPE(QList<confab::core::Attachment>)
Q_DECLARE_METATYPE(confab::core::Reaction)
Q_DECLARE_METATYPE(QList<confab::core::Reaction>)

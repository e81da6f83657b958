#include "chat/EmojiPicker.h"

#include "delegates/Painting.h"

#include <QKeyEvent>
#include <QListWidget>
#include <QVBoxLayout>

namespace confab::ui {

const QStringList& EmojiPicker::quickEmoji()
{
    static const QStringList quick = {
        QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
        QStringLiteral("🎉"), QStringLiteral("😮"),      QStringLiteral("😢"),
    };
    return quick;
}

const QStringList& EmojiPicker::allEmoji()
{
    static const QStringList all = [] {
        QStringList list = quickEmoji();
        for (const char* emoji :
             {"😀",    "😄", "😊",    "😉", "😍",    "🤔",    "😅", "🙂", "🙃", "😎",
              "🥳", "😴", "😬",    "😡", "🤯", "🥲",    "🙏", "👏",    "🙌",    "💪",
              "👀",    "👋", "🤝", "👎", "✅",    "❌",       "🔥", "⭐",    "💯",    "🚀",
              "🎂",    "☕", "🍕",    "🍻", "🌞",    "🌧️", "💡", "📌",    "⏰",    "🐛"}) {
            list.append(QString::fromUtf8(emoji));
        }
        return list;
    }();
    return all;
}

EmojiPicker::EmojiPicker(QWidget* parent) : QDialog(parent), m_list(new QListWidget(this))
{
    setWindowTitle(tr("React"));
    setAccessibleName(tr("Choose a reaction"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setUniformItemSizes(true);
    m_list->setAccessibleName(tr("Emoji"));
    QFont font = m_list->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    if (!painting::emojiFamily().isEmpty()) {
        font.setFamilies({painting::emojiFamily()});
    }
    m_list->setFont(font);
    const int cell = QFontMetrics(font).height() + 14;
    m_list->setGridSize(QSize(cell, cell));
    for (const QString& emoji : allEmoji()) {
        auto* item = new QListWidgetItem(emoji, m_list);
        item->setTextAlignment(Qt::AlignCenter);
        item->setToolTip(emoji);
    }
    m_list->setCurrentRow(0);
    m_list->setFixedSize(cell * 8 + 2 * m_list->frameWidth() + 8,
                         cell * ((static_cast<int>(allEmoji().size()) + 7) / 8) +
                             2 * m_list->frameWidth() + 8);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_list);
    const auto choose = [this](QListWidgetItem* item) {
        if (item) {
            emit chosen(item->text());
            accept();
        }
    };
    connect(m_list, &QListWidget::itemActivated, this, choose);
    connect(m_list, &QListWidget::itemClicked, this, choose);
}

} // namespace confab::ui

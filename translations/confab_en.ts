<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>confab::core::Notifier</name>
    <message numerus="yes">
        <source>%1 (%n new)</source>
        <translation>
            <numerusform>%1 (%n new)</numerusform>
            <numerusform>%1 (%n new)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ChatView</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A message can carry %n files at most.</source>
        <translation>
            <numerusform>A message can carry %n file at most.</numerusform>
            <numerusform>A message can carry %n files at most.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ConnectionBanner</name>
    <message numerus="yes">
        <source>Offline: reconnecting in %n second(s).</source>
        <translation>
            <numerusform>Offline: reconnecting in %n second.</numerusform>
            <numerusform>Offline: reconnecting in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will be sent once the connection is back.</source>
        <translation>
            <numerusform>%n message will be sent once the connection is back.</numerusform>
            <numerusform>%n messages will be sent once the connection is back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::DirectoryDialog</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::InvitationsPanel</name>
    <message numerus="yes">
        <source>%1 invited you · %n member(s)</source>
        <translation>
            <numerusform>%1 invited you · %n member</numerusform>
            <numerusform>%1 invited you · %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab: %n unread message</numerusform>
            <numerusform>Confab: %n unread messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) have not been sent yet. They are kept on this computer and sent when you sign in to this account again.</source>
        <translation>
            <numerusform>%n message has not been sent yet. It is kept on this computer and sent when you sign in to this account again.</numerusform>
            <numerusform>%n messages have not been sent yet. They are kept on this computer and sent when you sign in to this account again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfileDialog</name>
    <message numerus="yes">
        <source>Used %n minute(s) ago</source>
        <translation>
            <numerusform>Used %n minute ago</numerusform>
            <numerusform>Used %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Used %n hour(s) ago</source>
        <translation>
            <numerusform>Used %n hour ago</numerusform>
            <numerusform>Used %n hours ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListPanel</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>%n mentioning you</numerusform>
            <numerusform>%n mentioning you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchPanel</name>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n message found</numerusform>
            <numerusform>%n messages found</numerusform>
        </translation>
    </message>
</context>
</TS>

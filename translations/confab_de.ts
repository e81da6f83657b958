<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ErrorText</name>
    <message>
        <source>Use 3 to 32 characters: lower-case letters, digits, dots, dashes and underscores.</source>
        <translation>Verwenden Sie 3 bis 32 Zeichen: Kleinbuchstaben, Ziffern, Punkte, Bindestriche und Unterstriche.</translation>
    </message>
    <message>
        <source>This name is already taken. Try another one.</source>
        <translation>Dieser Name ist bereits vergeben. Versuchen Sie einen anderen.</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>Verwenden Sie mindestens 8 Zeichen.</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>Das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Please fill this in.</source>
        <translation>Bitte füllen Sie dieses Feld aus.</translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG or WebP picture.</source>
        <translation>Wählen Sie ein PNG-, JPEG- oder WebP-Bild.</translation>
    </message>
    <message>
        <source>This cannot be only spaces.</source>
        <translation>Dies darf nicht nur aus Leerzeichen bestehen.</translation>
    </message>
    <message>
        <source>This cannot contain tabs or line breaks.</source>
        <translation>Dies darf keine Tabulatoren oder Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>This is too long (%1).</source>
        <translation>Das ist zu lang (%1).</translation>
    </message>
    <message>
        <source>This must be %1.</source>
        <translation>Dies muss %1 sein.</translation>
    </message>
    <message>
        <source>The username or password is not correct.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>Dazu sind Sie nicht berechtigt.</translation>
    </message>
    <message>
        <source>That could not be found.</source>
        <translation>Das wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a little and try again.</source>
        <translation>Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the connection.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Verbindung.</translation>
    </message>
    <message>
        <source>The server took too long to answer. Try again.</source>
        <translation>Der Server hat zu lange nicht geantwortet. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Try again later.</source>
        <translation>Auf dem Server ist ein Fehler aufgetreten. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The file is too large for this server (at most %1).</source>
        <translation>Die Datei ist für diesen Server zu groß (höchstens %1).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>confab::core::Client</name>
    <message>
        <source>“%1” is not a server address (host or host:port).</source>
        <translation>„%1“ ist keine Serveradresse (Host oder Host:Port).</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The server did not answer a secure connection in time.</source>
        <translation>Der Server hat nicht rechtzeitig auf die sichere Verbindung geantwortet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you accepted it. This can mean someone is intercepting the connection. Confab did not connect.</source>
        <translation>Das Zertifikat des Servers hat sich geändert, seit Sie es akzeptiert haben. Das kann bedeuten, dass jemand die Verbindung abfängt. Confab hat keine Verbindung hergestellt.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>This server does not use TLS: tick “Unencrypted connection” only on a network you trust.</source>
        <translation>Dieser Server verwendet kein TLS: Setzen Sie „Unverschlüsselte Verbindung“ nur in einem Netzwerk, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (%1).</source>
        <translation>Es konnte keine sichere Verbindung zum Server hergestellt werden (%1).</translation>
    </message>
</context>
<context>
    <name>confab::core::LocalServer</name>
    <message>
        <source>confabd was killed by signal %1</source>
        <translation>confabd wurde durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>confabd exited with code %1</source>
        <translation>confabd wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <source>confabd could not be started: %1</source>
        <translation>confabd konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>confabd did not become ready within %1 s</source>
        <translation>confabd war nicht innerhalb von %1 s bereit</translation>
    </message>
    <message>
        <source>confabd was not found: build it or install it next to confab</source>
        <translation>confabd wurde nicht gefunden: Erstellen Sie es oder installieren Sie es im selben Verzeichnis wie confab</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>Datenverzeichnis %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>cannot remove the old port file %1: %2</source>
        <translation>Alte Portdatei %1 kann nicht entfernt werden: %2</translation>
    </message>
</context>
<context>
    <name>confab::core::Notifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n new)</source>
        <translation>
            <numerusform>%1 (%n neu)</numerusform>
            <numerusform>%1 (%n neu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>a direct conversation</source>
        <translation>einer Direktunterhaltung</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>%1 invited you to %2</source>
        <translation>%1 hat Sie zu %2 eingeladen</translation>
    </message>
</context>
<context>
    <name>confab::core::Session</name>
    <message>
        <source>Your sign-in could not be saved in the system keychain (%1). You will stay signed in until you quit Confab.</source>
        <translation>Ihre Anmeldung konnte nicht im Schlüsselbund des Systems gespeichert werden (%1). Sie bleiben angemeldet, bis Sie Confab beenden.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1), so you need to sign in again.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1). Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Confab on %1, %2</source>
        <comment>the operating system, the computer&apos;s name</comment>
        <translation>Confab auf %1, %2</translation>
    </message>
</context>
<context>
    <name>confab::core::SessionsModel</name>
    <message>
        <source>Unnamed device</source>
        <translation>Unbenanntes Gerät</translation>
    </message>
</context>
<context>
    <name>confab::core::TimelineModel</name>
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
</context>
<context>
    <name>confab::core::TokenStore</name>
    <message>
        <source>No keychain is available (no secret service running)</source>
        <translation>Kein Schlüsselbund verfügbar (kein Secret Service aktiv)</translation>
    </message>
    <message>
        <source>The keychain is locked or access was denied</source>
        <translation>Der Schlüsselbund ist gesperrt oder der Zugriff wurde verweigert</translation>
    </message>
    <message>
        <source>The keychain of this system does not support this</source>
        <translation>Der Schlüsselbund dieses Systems unterstützt dies nicht</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry</source>
        <translation>Der Schlüsselbund konnte den Eintrag nicht löschen</translation>
    </message>
    <message>
        <source>The keychain did not find the entry</source>
        <translation>Der Schlüsselbund hat den Eintrag nicht gefunden</translation>
    </message>
    <message>
        <source>The keychain could not be used</source>
        <translation>Der Schlüsselbund konnte nicht verwendet werden</translation>
    </message>
    <message>
        <source>No keychain is available (no D-Bus session bus)</source>
        <translation>Kein Schlüsselbund verfügbar (kein D-Bus-Sitzungsbus)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>confab::core::UserCache</name>
    <message>
        <source>Deleted user</source>
        <translation>Gelöschter Benutzer</translation>
    </message>
</context>
<context>
    <name>confab::ui::AppController</name>
    <message>
        <source>You were signed out: this session was ended on the server (from another device, or after a password change).</source>
        <translation>Sie wurden abgemeldet: Diese Sitzung wurde auf dem Server beendet (von einem anderen Gerät aus oder nach einer Passwortänderung).</translation>
    </message>
    <message>
        <source>The connection to the server failed: %1 Open Confab → Settings to restart it.</source>
        <translation>Die Verbindung zum Server ist fehlgeschlagen: %1 Unter Confab → Einstellungen können Sie ihn neu starten.</translation>
    </message>
    <message>
        <source>The server on this computer stopped. Starting it again…</source>
        <translation>Der Server auf diesem Computer wurde beendet. Er wird neu gestartet…</translation>
    </message>
    <message>
        <source>The server on this computer did not start. Starting it again in %1 s; its log is in Confab → Settings.</source>
        <translation>Der Server auf diesem Computer ist nicht gestartet. Neuer Versuch in %1 s; sein Protokoll steht unter Confab → Einstellungen.</translation>
    </message>
</context>
<context>
    <name>confab::ui::AttachmentTray</name>
    <message>
        <source>Files to send</source>
        <translation>Zu sendende Dateien</translation>
    </message>
    <message>
        <source>Do not send %1</source>
        <translation>%1 nicht senden</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>file name, size</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>confab::ui::ChatView</name>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Room topic</source>
        <translation>Raumthema</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>Einladen…</translation>
    </message>
    <message>
        <source>Invite someone to this room</source>
        <translation>Jemanden in diesen Raum einladen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Show who is in this room</source>
        <translation>Anzeigen, wer in diesem Raum ist</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More room actions</source>
        <translation>Weitere Raumaktionen</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>&amp;Leave room…</source>
        <translation>Raum &amp;verlassen…</translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation>Wer gerade schreibt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Direktnachricht</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>Nachricht an %1</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>Nachricht an #%1</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen schreiben…</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Antwort an %1: %2</translation>
    </message>
    <message>
        <source>Editing a message that was not sent</source>
        <translation>Nicht gesendete Nachricht wird bearbeitet</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>Ihre Nachricht wird bearbeitet</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the room?</source>
        <translation>Diese Nachricht für alle im Raum löschen?</translation>
    </message>
    <message>
        <source>Replying or editing</source>
        <translation>Antworten oder Bearbeiten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>Aktionen für die Nachricht</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

%1</source>
        <translation>Diese Adresse im Webbrowser öffnen?

%1</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <source>Attach pictures or files (Ctrl+U)</source>
        <translation>Bilder oder Dateien anhängen (Strg+U)</translation>
    </message>
    <message>
        <source>Attach pictures or files</source>
        <translation>Bilder oder Dateien anhängen</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>%1 ansehen</translation>
    </message>
    <message>
        <source>Save %1…</source>
        <translation>%1 speichern…</translation>
    </message>
    <message numerus="yes">
        <source>A message can carry %n files at most.</source>
        <translation>
            <numerusform>Eine Nachricht kann höchstens %n Datei enthalten.</numerusform>
            <numerusform>Eine Nachricht kann höchstens %n Dateien enthalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pasted picture %1.png</source>
        <comment>date and time</comment>
        <translation>Eingefügtes Bild %1.png</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>Datei speichern</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
</context>
<context>
    <name>confab::ui::Composer</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Members to mention</source>
        <translation>Mitglieder zum Erwähnen</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConnectionBanner</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>Jetzt neu verbinden</translation>
    </message>
    <message numerus="yes">
        <source>Offline: reconnecting in %n second(s).</source>
        <translation>
            <numerusform>Offline: Neuer Verbindungsversuch in %n Sekunde.</numerusform>
            <numerusform>Offline: Neuer Verbindungsversuch in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Verbindung zum Server wird hergestellt…</translation>
    </message>
    <message>
        <source>Catching up on what you missed…</source>
        <translation>Verpasste Nachrichten werden geladen…</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Verbindung getrennt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will be sent once the connection is back.</source>
        <translation>
            <numerusform>%n Nachricht wird gesendet, sobald die Verbindung wiederhergestellt ist.</numerusform>
            <numerusform>%n Nachrichten werden gesendet, sobald die Verbindung wiederhergestellt ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::CreateRoomDialog</name>
    <message>
        <source>New room</source>
        <translation>Neuer Raum</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Thema</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>e.g. Weekend plans</source>
        <translation>z. B. Pläne fürs Wochenende</translation>
    </message>
    <message>
        <source>What it is about (optional)</source>
        <translation>Worum es geht (optional)</translation>
    </message>
    <message>
        <source>&amp;Anyone on this server can find and join it</source>
        <translation>&amp;Jeder auf diesem Server kann den Raum finden und ihm beitreten</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
</context>
<context>
    <name>confab::ui::DirectoryDialog</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Beigetreten</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>Raum beitreten</translation>
    </message>
    <message>
        <source>Search public rooms</source>
        <translation>Öffentliche Räume durchsuchen</translation>
    </message>
    <message>
        <source>Public rooms</source>
        <translation>Öffentliche Räume</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>No public rooms yet.</source>
        <translation>Noch keine öffentlichen Räume.</translation>
    </message>
    <message>
        <source>No public rooms match “%1”.</source>
        <translation>Keine öffentlichen Räume zu „%1“ gefunden.</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Beitritt läuft…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>confab::ui::EmojiPicker</name>
    <message>
        <source>React</source>
        <translation>Reagieren</translation>
    </message>
    <message>
        <source>Choose a reaction</source>
        <translation>Reaktion auswählen</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
</context>
<context>
    <name>confab::ui::ImageViewer</name>
    <message>
        <source>Picture status</source>
        <translation>Bildstatus</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>Dieses Bild kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>%1 × %2, %3</source>
        <comment>width, height, size</comment>
        <translation>%1 × %2, %3</translation>
    </message>
    <message>
        <source>The picture could not be loaded: %1</source>
        <translation>Das Bild konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Loading… %1 %</source>
        <translation>Wird geladen… %1 %</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>Warten auf die Verbindung (%1 %)</translation>
    </message>
</context>
<context>
    <name>confab::ui::InvitationsPanel</name>
    <message>
        <source>Invitations (%1)</source>
        <translation>Einladungen (%1)</translation>
    </message>
    <message>
        <source>Invitation to %1</source>
        <translation>Einladung zu %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 invited you · %n member(s)</source>
        <translation>
            <numerusform>%1 hat Sie eingeladen · %n Mitglied</numerusform>
            <numerusform>%1 hat Sie eingeladen · %n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Accept the invitation to %1</source>
        <translation>Einladung zu %1 annehmen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Decline the invitation to %1</source>
        <translation>Einladung zu %1 ablehnen</translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>Ihr Profilbild</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Your status</source>
        <translation>Ihr Status</translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>Profil…</translation>
    </message>
    <message>
        <source>Edit your profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>&amp;Profil…</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>Ü&amp;berall abmelden</translation>
    </message>
    <message>
        <source>&amp;Confab</source>
        <translation>&amp;Confab</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Pick a conversation on the left, or start one with “New”.</source>
        <translation>Wählen Sie links eine Unterhaltung aus oder beginnen Sie mit „Neu“ eine neue.</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Räume</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>Neuer &amp;Raum…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>Raum &amp;beitreten…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>Neue &amp;Direktnachricht…</translation>
    </message>
    <message>
        <source>The message could not be edited: %1</source>
        <translation>Die Nachricht konnte nicht bearbeitet werden: %1</translation>
    </message>
    <message>
        <source>The message could not be deleted: %1</source>
        <translation>Die Nachricht konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Could not leave the room: %1</source>
        <translation>Der Raum konnte nicht verlassen werden: %1</translation>
    </message>
    <message>
        <source>Your rooms could not be loaded: %1</source>
        <translation>Ihre Räume konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Show Confab</source>
        <translation>Confab &amp;anzeigen</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab: %n ungelesene Nachricht</numerusform>
            <numerusform>Confab: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation>Raum verlassen</translation>
    </message>
    <message>
        <source>Leave “%1”? You will stop getting its messages; to come back you need an invitation unless the room is public.</source>
        <translation>„%1“ verlassen? Sie erhalten dann keine Nachrichten mehr aus diesem Raum. Um zurückzukehren, benötigen Sie eine Einladung, es sei denn, der Raum ist öffentlich.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) have not been sent yet. They are kept on this computer and sent when you sign in to this account again.</source>
        <translation>
            <numerusform>%n Nachricht wurde noch nicht gesendet. Sie bleibt auf diesem Computer und wird gesendet, wenn Sie sich wieder bei diesem Konto anmelden.</numerusform>
            <numerusform>%n Nachrichten wurden noch nicht gesendet. Sie bleiben auf diesem Computer und werden gesendet, wenn Sie sich wieder bei diesem Konto anmelden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go to a room…</source>
        <translation>&amp;Zu einem Raum gehen…</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>&amp;Nächster Raum</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>&amp;Vorheriger Raum</translation>
    </message>
    <message>
        <source>Confab is still running</source>
        <translation>Confab läuft weiter</translation>
    </message>
    <message>
        <source>New messages still reach you. Choose Quit in the tray menu to close Confab, or turn this off in Settings.</source>
        <translation>Neue Nachrichten erreichen Sie weiterhin. Wählen Sie „Beenden“ im Menü des Infobereichs, um Confab zu schließen, oder schalten Sie dies in den Einstellungen ab.</translation>
    </message>
    <message>
        <source>&amp;Find in messages…</source>
        <translation>In Nachrichten &amp;suchen…</translation>
    </message>
    <message>
        <source>The file could not be attached: it is larger than 1 GiB.</source>
        <translation>Die Datei konnte nicht angehängt werden: Sie ist größer als 1 GiB.</translation>
    </message>
    <message>
        <source>The file could not be attached: it cannot be read.</source>
        <translation>Die Datei konnte nicht angehängt werden: Sie kann nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>confab::ui::MembersPanel</name>
    <message>
        <source>owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Members — %1 online of %2</source>
        <translation>Mitglieder — %1 von %2 online</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <comment>date of a day this year</comment>
        <translation>dddd, d. MMMM</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>edited %1</source>
        <comment>time of a message that was edited</comment>
        <translation>bearbeitet %1</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>Bearbeitet am %1</translation>
    </message>
    <message>
        <source>Not sent: %1
Right-click to edit, retry or discard it.</source>
        <translation>Nicht gesendet: %1
Klicken Sie mit der rechten Maustaste, um die Nachricht zu bearbeiten, erneut zu senden oder zu verwerfen.</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 ist beigetreten</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 hat den Raum verlassen</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>Frühere Nachricht</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Nicht geladen</translation>
    </message>
    <message>
        <source>%1 joined, %2</source>
        <comment>who, time</comment>
        <translation>%1 ist beigetreten, %2</translation>
    </message>
    <message>
        <source>%1 left, %2</source>
        <comment>who, time</comment>
        <translation>%1 hat den Raum verlassen, %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>author, time: text</comment>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(bearbeitet)</translation>
    </message>
    <message>
        <source>In reply to an earlier message.</source>
        <translation>Antwort auf eine frühere Nachricht.</translation>
    </message>
    <message>
        <source>In reply to %1: %2</source>
        <translation>Antwort an %1: %2</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>%1 reacted with %2</source>
        <comment>who, emoji</comment>
        <translation>%1 hat mit %2 reagiert</translation>
    </message>
    <message>
        <source>Mentions you.</source>
        <translation>Erwähnt Sie.</translation>
    </message>
    <message>
        <source>Reactions: %1.</source>
        <translation>Reaktionen: %1.</translation>
    </message>
    <message>
        <source>Click to take yours back.</source>
        <translation>Klicken, um Ihre zurückzunehmen.</translation>
    </message>
    <message>
        <source>Click to react the same way.</source>
        <translation>Klicken, um genauso zu reagieren.</translation>
    </message>
    <message>
        <source>Uploading %1 %</source>
        <comment>percent done</comment>
        <translation>Wird hochgeladen… %1 %</translation>
    </message>
    <message>
        <source>Picture %1, %2 × %3</source>
        <comment>file name, width, height</comment>
        <translation>Bild %1, %2 × %3</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <comment>file name, size</comment>
        <translation>Datei %1, %2</translation>
    </message>
    <message>
        <source>Saving %1 % of %2</source>
        <comment>percent, size</comment>
        <translation>Wird gespeichert: %1 % von %2</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>Warten auf die Verbindung (%1 %)</translation>
    </message>
    <message>
        <source>%1 · Saved · Open</source>
        <comment>size</comment>
        <translation>%1 · Gespeichert · Öffnen</translation>
    </message>
    <message>
        <source>%1 · Not saved: %2</source>
        <comment>size, why</comment>
        <translation>%1 · Nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>%1 · Save</source>
        <comment>size</comment>
        <translation>%1 · Speichern</translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfileDialog</name>
    <message>
        <source>Your profile</source>
        <translation>Ihr Profil</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;wort</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>&amp;Geräte</translation>
    </message>
    <message>
        <source>De&amp;lete account</source>
        <translation>Konto &amp;löschen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation>Ihr Profil wurde gespeichert.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>Über mich</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Profilbild</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>Ihr Profilbild</translation>
    </message>
    <message>
        <source>C&amp;hoose picture…</source>
        <translation>Bild &amp;auswählen…</translation>
    </message>
    <message>
        <source>Re&amp;move picture</source>
        <translation>Bild &amp;entfernen</translation>
    </message>
    <message>
        <source>What are you up to?</source>
        <translation>Was machen Sie gerade?</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>Anzeige&amp;name</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;About you</source>
        <translation>Ü&amp;ber mich</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>Profil &amp;speichern</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>&amp;Aktuelles Passwort</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Neues Passwort</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>Neues Passwort wiede&amp;rholen</translation>
    </message>
    <message>
        <source>Your other devices will be signed out.</source>
        <translation>Ihre anderen Geräte werden abgemeldet.</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>Passwort än&amp;dern</translation>
    </message>
    <message>
        <source>The new passwords are not the same.</source>
        <translation>Die neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Changing your password…</source>
        <translation>Passwort wird geändert…</translation>
    </message>
    <message>
        <source>Your password is changed. Other devices were signed out.</source>
        <translation>Ihr Passwort wurde geändert. Andere Geräte wurden abgemeldet.</translation>
    </message>
    <message>
        <source>You are signed in on these devices:</source>
        <translation>Sie sind auf diesen Geräten angemeldet:</translation>
    </message>
    <message>
        <source>Signed-in devices</source>
        <translation>Angemeldete Geräte</translation>
    </message>
    <message>
        <source>&amp;Sign this device out</source>
        <translation>Dieses Gerät &amp;abmelden</translation>
    </message>
    <message>
        <source>Choose a device first.</source>
        <translation>Wählen Sie zuerst ein Gerät aus.</translation>
    </message>
    <message>
        <source>This is the device you are using: sign out from the main window instead.</source>
        <translation>Dies ist das Gerät, das Sie gerade verwenden. Melden Sie sich stattdessen im Hauptfenster ab.</translation>
    </message>
    <message>
        <source>The device was signed out.</source>
        <translation>Das Gerät wurde abgemeldet.</translation>
    </message>
    <message>
        <source>Deleting your account removes your profile and signs you out everywhere. Your messages stay in their rooms, shown as from a deleted user. This cannot be undone.</source>
        <translation>Wenn Sie Ihr Konto löschen, wird Ihr Profil entfernt und Sie werden überall abgemeldet. Ihre Nachrichten bleiben in ihren Räumen und werden als Nachrichten eines gelöschten Benutzers angezeigt. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Password to confirm</source>
        <translation>Passwort zur Bestätigung</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>Passw&amp;ort</translation>
    </message>
    <message>
        <source>&amp;Delete my account</source>
        <translation>&amp;Mein Konto löschen</translation>
    </message>
    <message>
        <source>Enter your password to confirm.</source>
        <translation>Geben Sie zur Bestätigung Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Delete your account?</source>
        <translation>Konto löschen?</translation>
    </message>
    <message>
        <source>Your account %1 will be deleted for good.</source>
        <translation>Ihr Konto %1 wird endgültig gelöscht.</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>Bild auswählen</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>That file is not a picture Confab can read.</source>
        <translation>Diese Datei ist kein Bild, das Confab lesen kann.</translation>
    </message>
    <message>
        <source>That picture cannot be used.</source>
        <translation>Dieses Bild kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>Save your profile to use the new picture.</source>
        <translation>Speichern Sie Ihr Profil, um das neue Bild zu verwenden.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Used just now</source>
        <translation>Gerade eben verwendet</translation>
    </message>
    <message numerus="yes">
        <source>Used %n minute(s) ago</source>
        <translation>
            <numerusform>Vor %n Minute verwendet</numerusform>
            <numerusform>Vor %n Minuten verwendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Used %n hour(s) ago</source>
        <translation>
            <numerusform>Vor %n Stunde verwendet</numerusform>
            <numerusform>Vor %n Stunden verwendet</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation>Zuletzt verwendet am %1</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Parts of your account</source>
        <translation>Bereiche Ihres Kontos</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListPanel</name>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Direktnachricht</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
    <message>
        <source>Muted · %1</source>
        <translation>Stumm · %1</translation>
    </message>
    <message>
        <source>Search rooms</source>
        <translation>Räume durchsuchen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Start a conversation or join a room</source>
        <translation>Unterhaltung beginnen oder Raum beitreten</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>Neuer &amp;Raum…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>Raum &amp;beitreten…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>Neue &amp;Direktnachricht…</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>No rooms yet. Use “New” to create one, join a public room, or message someone.</source>
        <translation>Noch keine Räume. Erstellen Sie mit „Neu“ einen Raum, treten Sie einem öffentlichen Raum bei oder schreiben Sie jemandem eine Nachricht.</translation>
    </message>
    <message>
        <source>Un&amp;mute notifications</source>
        <translation>Stummschaltung &amp;aufheben</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>&amp;Einladen…</translation>
    </message>
    <message>
        <source>&amp;Leave…</source>
        <translation>&amp;Verlassen…</translation>
    </message>
    <message>
        <source>%1, direct message</source>
        <translation>%1, Direktnachricht</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>%n erwähnt Sie</numerusform>
            <numerusform>%n erwähnen Sie</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchPanel</name>
    <message>
        <source>%1 · %2 · %3</source>
        <comment>room · author · when</comment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>Suche schließen (Esc)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>Suche schließen</translation>
    </message>
    <message>
        <source>In all rooms</source>
        <translation>In allen Räumen</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>Keine Nachrichten gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>%n Nachricht gefunden</numerusform>
            <numerusform>%n Nachrichten gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>, more as you scroll</source>
        <translation>, weitere beim Blättern</translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server state</source>
        <translation>Serverstatus</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>Serverprotokoll</translation>
    </message>
    <message>
        <source>&amp;Restart the server</source>
        <translation>Server &amp;neu starten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>Der Server ist gestoppt.</translation>
    </message>
    <message>
        <source>The server is starting…</source>
        <translation>Der Server wird gestartet…</translation>
    </message>
    <message>
        <source>The server stopped: %1</source>
        <translation>Der Server wurde beendet: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language of the user interface</source>
        <translation>Sprache der Benutzeroberfläche</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Restart Confab to use the new language.</source>
        <translation>Starten Sie Confab neu, um die neue Sprache zu verwenden.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Light or dark theme</source>
        <translation>Helles oder dunkles Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Address for other apps on this computer:</source>
        <translation>&amp;Adresse für andere Apps auf diesem Computer:</translation>
    </message>
    <message>
        <source>Address for other apps on this computer</source>
        <translation>Adresse für andere Apps auf diesem Computer</translation>
    </message>
    <message>
        <source>The server on this computer is running. It stays on this address when Confab starts again.</source>
        <translation>Der Server auf diesem Computer läuft. Er bleibt unter dieser Adresse, wenn Confab neu startet.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>&amp;Keep Confab running in the system tray when its window is closed</source>
        <translation>Confab beim Schließen des Fensters im Infobereich &amp;weiterlaufen lassen</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich.</translation>
    </message>
</context>
<context>
    <name>confab::ui::SignInWindow</name>
    <message>
        <source>Sign in to Confab</source>
        <translation>Bei Confab anmelden</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation>&amp;Dieser Computer</translation>
    </message>
    <message>
        <source>Use a server on this computer</source>
        <translation>Einen Server auf diesem Computer verwenden</translation>
    </message>
    <message>
        <source>&amp;Another server</source>
        <translation>&amp;Anderer Server</translation>
    </message>
    <message>
        <source>Use another server</source>
        <translation>Einen anderen Server verwenden</translation>
    </message>
    <message>
        <source>chat.example.org:40052</source>
        <translation>chat.example.org:40052</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Unencrypted connection (only on a network you trust)</source>
        <translation>Unverschlüsselte Verbindung (nur in einem vertrauenswürdigen Netzwerk)</translation>
    </message>
    <message>
        <source>Certificate authority to trust</source>
        <translation>Vertrauenswürdige Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Serverstatus</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Sign in or create an account</source>
        <translation>Anmelden oder Konto erstellen</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>A&amp;nzeigename</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>Passwort &amp;wiederholen</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>How others see you (optional)</source>
        <translation>So sehen andere Sie (optional)</translation>
    </message>
    <message>
        <source>R&amp;emember me on this computer</source>
        <translation>Auf diesem Computer an&amp;gemeldet bleiben</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Trust a certificate &amp;authority…</source>
        <translation>Einer &amp;Zertifizierungsstelle vertrauen…</translation>
    </message>
    <message>
        <source>&amp;Authority: %1 (click to clear)</source>
        <translation>&amp;Zertifizierungsstelle: %1 (zum Entfernen klicken)</translation>
    </message>
    <message>
        <source>Certificate authority of your server</source>
        <translation>Zertifizierungsstelle Ihres Servers</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>Diesem Server vertrauen?</translation>
    </message>
    <message>
        <source>The server presents a certificate that this computer does not trust:

%1

SHA-256 fingerprint:
%2

Compare the fingerprint with the one your server&apos;s administrator gave you. Trust it from now on?</source>
        <translation>Der Server legt ein Zertifikat vor, dem dieser Computer nicht vertraut:

%1

SHA-256-Fingerabdruck:
%2

Vergleichen Sie den Fingerabdruck mit dem, den Sie vom Administrator Ihres Servers erhalten haben. Diesem Zertifikat ab jetzt vertrauen?</translation>
    </message>
    <message>
        <source>Not connected: the certificate was not trusted.</source>
        <translation>Nicht verbunden: Das Zertifikat wurde nicht als vertrauenswürdig bestätigt.</translation>
    </message>
    <message>
        <source>Starting the server on this computer…</source>
        <translation>Server auf diesem Computer wird gestartet…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>The server on this computer is running.</source>
        <translation>Der Server auf diesem Computer läuft.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translation>Sie werden angemeldet…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Ihr Konto wird erstellt…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Not connected to this server yet: press Connect.</source>
        <translation>Noch nicht mit diesem Server verbunden: Drücken Sie auf „Verbinden“.</translation>
    </message>
</context>
<context>
    <name>confab::ui::TimelineView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>Text &amp;kopieren</translation>
    </message>
    <message>
        <source>Quick reactions</source>
        <translation>Schnelle Reaktionen</translation>
    </message>
    <message>
        <source>React with %1 (key %2)</source>
        <translation>Mit %1 reagieren (Taste %2)</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>Mit %1 reagieren</translation>
    </message>
    <message>
        <source>More reactions</source>
        <translation>Weitere Reaktionen</translation>
    </message>
    <message>
        <source>Re&amp;act…</source>
        <translation>Re&amp;agieren…</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>Anhang ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>confab::ui::UserPickerDialog</name>
    <message>
        <source>@%1 (you)</source>
        <translation>@%1 (Sie)</translation>
    </message>
    <message>
        <source>Invite to %1</source>
        <translation>In %1 einladen</translation>
    </message>
    <message>
        <source>New direct message</source>
        <translation>Neue Direktnachricht</translation>
    </message>
    <message>
        <source>Search by name or username</source>
        <translation>Nach Name oder Benutzername suchen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Einladen</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat starten</translation>
    </message>
    <message>
        <source>%1 was invited.</source>
        <translation>%1 wurde eingeladen.</translation>
    </message>
    <message>
        <source>%1 is in this room already.</source>
        <translation>%1 ist bereits in diesem Raum.</translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation>Geben Sie einen Namen ein, um Personen zu finden.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>Niemand zu „%1“ gefunden.</translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation>Wird eingeladen…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
</context>
</TS>

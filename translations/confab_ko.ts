<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>ErrorText</name>
    <message>
        <source>Use 3 to 32 characters: lower-case letters, digits, dots, dashes and underscores.</source>
        <translation>영문 소문자, 숫자, 마침표, 하이픈, 밑줄로 3~32자를 입력하세요.</translation>
    </message>
    <message>
        <source>This name is already taken. Try another one.</source>
        <translation>이미 사용 중인 이름입니다. 다른 이름을 입력해 보세요.</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>8자 이상 입력하세요.</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>비밀번호가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>Please fill this in.</source>
        <translation>이 항목을 입력하세요.</translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG or WebP picture.</source>
        <translation>PNG, JPEG 또는 WebP 이미지를 선택하세요.</translation>
    </message>
    <message>
        <source>This cannot be only spaces.</source>
        <translation>공백만 입력할 수는 없습니다.</translation>
    </message>
    <message>
        <source>This cannot contain tabs or line breaks.</source>
        <translation>탭이나 줄바꿈은 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>This is too long (%1).</source>
        <translation>너무 깁니다(%1).</translation>
    </message>
    <message>
        <source>This must be %1.</source>
        <translation>다음 조건에 맞아야 합니다: %1.</translation>
    </message>
    <message>
        <source>The username or password is not correct.</source>
        <translation>사용자 이름 또는 비밀번호가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>이 작업을 할 권한이 없습니다.</translation>
    </message>
    <message>
        <source>That could not be found.</source>
        <translation>찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a little and try again.</source>
        <translation>시도 횟수가 너무 많습니다. 잠시 기다린 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>서버가 혼잡합니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the connection.</source>
        <translation>서버에 연결할 수 없습니다. 연결 상태를 확인하세요.</translation>
    </message>
    <message>
        <source>The server took too long to answer. Try again.</source>
        <translation>서버 응답 시간이 초과되었습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Try again later.</source>
        <translation>서버에 문제가 발생했습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>The file is too large for this server (at most %1).</source>
        <translation>이 서버에는 파일이 너무 큽니다(최대 %1).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Message</source>
        <translation>안내 메시지</translation>
    </message>
</context>
<context>
    <name>confab::core::Client</name>
    <message>
        <source>“%1” is not a server address (host or host:port).</source>
        <translation>“%1”은(는) 서버 주소가 아닙니다(호스트 또는 호스트:포트).</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>CA 파일(%1)을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The server did not answer a secure connection in time.</source>
        <translation>서버가 보안 연결에 제때 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you accepted it. This can mean someone is intercepting the connection. Confab did not connect.</source>
        <translation>서버 인증서가 승인한 이후에 변경되었습니다. 누군가 연결을 가로채고 있을 수 있습니다. Confab은 연결하지 않았습니다.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>서버에 연결할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>This server does not use TLS: tick “Unencrypted connection” only on a network you trust.</source>
        <translation>이 서버는 TLS를 사용하지 않습니다. 신뢰할 수 있는 네트워크에서만 “암호화되지 않은 연결”을 선택하세요.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (%1).</source>
        <translation>서버와 보안 연결을 만들 수 없습니다(%1).</translation>
    </message>
</context>
<context>
    <name>confab::core::LocalServer</name>
    <message>
        <source>confabd was killed by signal %1</source>
        <translation>confabd가 시그널 %1에 의해 종료되었습니다</translation>
    </message>
    <message>
        <source>confabd exited with code %1</source>
        <translation>confabd가 종료되었습니다(코드 %1)</translation>
    </message>
    <message>
        <source>confabd could not be started: %1</source>
        <translation>confabd를 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>confabd did not become ready within %1 s</source>
        <translation>confabd가 %1초 안에 준비되지 않았습니다</translation>
    </message>
    <message>
        <source>confabd was not found: build it or install it next to confab</source>
        <translation>confabd를 찾을 수 없습니다: 빌드하거나 confab과 같은 위치에 설치하세요</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>데이터 디렉터리(%1)를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>cannot remove the old port file %1: %2</source>
        <translation>이전 포트 파일(%1)을 삭제할 수 없습니다: %2</translation>
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
        <translation>새 메시지</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n new)</source>
        <translation>
            <numerusform>%1(새 메시지 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>a direct conversation</source>
        <translation>1:1 대화</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>초대</translation>
    </message>
    <message>
        <source>%1 invited you to %2</source>
        <translation>%1님이 %2에 초대했습니다</translation>
    </message>
</context>
<context>
    <name>confab::core::Session</name>
    <message>
        <source>Your sign-in could not be saved in the system keychain (%1). You will stay signed in until you quit Confab.</source>
        <translation>로그인 정보를 시스템 키체인에 저장할 수 없습니다(%1). Confab을 종료할 때까지 로그인 상태가 유지됩니다.</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1), so you need to sign in again.</source>
        <translation>시스템 키체인을 사용할 수 없으므로(%1) 다시 로그인해야 합니다.</translation>
    </message>
    <message>
        <source>Confab on %1, %2</source>
        <comment>the operating system, the computer&apos;s name</comment>
        <translation>%1의 Confab, %2</translation>
    </message>
</context>
<context>
    <name>confab::core::SessionsModel</name>
    <message>
        <source>Unnamed device</source>
        <translation>이름 없는 기기</translation>
    </message>
</context>
<context>
    <name>confab::core::TimelineModel</name>
    <message>
        <source>Message deleted</source>
        <translation>삭제된 메시지</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
</context>
<context>
    <name>confab::core::TokenStore</name>
    <message>
        <source>No keychain is available (no secret service running)</source>
        <translation>사용할 수 있는 키체인이 없습니다(Secret Service가 실행 중이 아님)</translation>
    </message>
    <message>
        <source>The keychain is locked or access was denied</source>
        <translation>키체인이 잠겨 있거나 접근이 거부되었습니다</translation>
    </message>
    <message>
        <source>The keychain of this system does not support this</source>
        <translation>이 시스템의 키체인은 이 기능을 지원하지 않습니다</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry</source>
        <translation>키체인에서 항목을 삭제할 수 없습니다</translation>
    </message>
    <message>
        <source>The keychain did not find the entry</source>
        <translation>키체인에서 항목을 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>The keychain could not be used</source>
        <translation>키체인을 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>No keychain is available (no D-Bus session bus)</source>
        <translation>사용할 수 있는 키체인이 없습니다(D-Bus 세션 버스 없음)</translation>
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
        <translation>삭제된 사용자</translation>
    </message>
</context>
<context>
    <name>confab::ui::AppController</name>
    <message>
        <source>You were signed out: this session was ended on the server (from another device, or after a password change).</source>
        <translation>로그아웃되었습니다. 서버에서 이 세션이 종료되었습니다(다른 기기에서 종료했거나 비밀번호가 변경됨).</translation>
    </message>
    <message>
        <source>The connection to the server failed: %1 Open Confab → Settings to restart it.</source>
        <translation>서버 연결에 실패했습니다: %1 Confab → 설정에서 서버를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>The server on this computer stopped. Starting it again…</source>
        <translation>이 컴퓨터의 서버가 멈췄습니다. 다시 시작하는 중…</translation>
    </message>
    <message>
        <source>The server on this computer did not start. Starting it again in %1 s; its log is in Confab → Settings.</source>
        <translation>이 컴퓨터의 서버가 시작되지 않았습니다. %1초 후에 다시 시작합니다. 로그는 Confab → 설정에 있습니다.</translation>
    </message>
</context>
<context>
    <name>confab::ui::AttachmentTray</name>
    <message>
        <source>Files to send</source>
        <translation>보낼 파일</translation>
    </message>
    <message>
        <source>Do not send %1</source>
        <translation>%1 보내지 않기</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 제거</translation>
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
        <translation>채팅방 이름</translation>
    </message>
    <message>
        <source>Room topic</source>
        <translation>채팅방 주제</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>초대…</translation>
    </message>
    <message>
        <source>Invite someone to this room</source>
        <translation>이 채팅방에 다른 사람 초대</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>Show who is in this room</source>
        <translation>이 채팅방에 있는 사람 보기</translation>
    </message>
    <message>
        <source>More</source>
        <translation>더 보기</translation>
    </message>
    <message>
        <source>More room actions</source>
        <translation>기타 채팅방 작업</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>알림 끄기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Leave room…</source>
        <translation>채팅방 나가기(&amp;L)…</translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation>입력 중인 사람</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>취소(Esc)</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>개인 메시지</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>멤버 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>%1 님에게 메시지 보내기</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>#%1에 메시지 보내기</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 님이 입력 중…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 님과 %2 님이 입력 중…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>여러 사람이 입력 중…</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>%1 님에게 답장: %2</translation>
    </message>
    <message>
        <source>Editing a message that was not sent</source>
        <translation>전송되지 않은 메시지 편집 중</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>내 메시지 편집 중</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the room?</source>
        <translation>채팅방의 모든 사람에게서 이 메시지를 삭제하시겠습니까?</translation>
    </message>
    <message>
        <source>Replying or editing</source>
        <translation>답장 또는 편집</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>보내기(Enter)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>메시지 작업</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>링크 열기</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

%1</source>
        <translation>이 주소를 웹 브라우저에서 열까요?

%1</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>첨부</translation>
    </message>
    <message>
        <source>Attach pictures or files (Ctrl+U)</source>
        <translation>사진 또는 파일 첨부(Ctrl+U)</translation>
    </message>
    <message>
        <source>Attach pictures or files</source>
        <translation>사진 또는 파일 첨부</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>%1 보기</translation>
    </message>
    <message>
        <source>Save %1…</source>
        <translation>%1 저장…</translation>
    </message>
    <message numerus="yes">
        <source>A message can carry %n files at most.</source>
        <translation>
            <numerusform>메시지 하나에 파일을 최대 %n개까지 첨부할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pasted picture %1.png</source>
        <comment>date and time</comment>
        <translation>붙여넣은 사진 %1.png</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>파일 저장</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 열기</translation>
    </message>
</context>
<context>
    <name>confab::ui::Composer</name>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Members to mention</source>
        <translation>언급할 멤버</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConnectionBanner</name>
    <message>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>지금 다시 연결</translation>
    </message>
    <message numerus="yes">
        <source>Offline: reconnecting in %n second(s).</source>
        <translation>
            <numerusform>오프라인: %n초 후에 다시 연결합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>다시 연결하는 중…</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>서버에 연결하는 중…</translation>
    </message>
    <message>
        <source>Catching up on what you missed…</source>
        <translation>놓친 메시지를 불러오는 중…</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>연결 끊김: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will be sent once the connection is back.</source>
        <translation>
            <numerusform>연결이 복구되면 메시지 %n개를 보냅니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::CreateRoomDialog</name>
    <message>
        <source>New room</source>
        <translation>새 채팅방</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>채팅방 이름</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>주제(&amp;T)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>주제</translation>
    </message>
    <message>
        <source>e.g. Weekend plans</source>
        <translation>예: 주말 계획</translation>
    </message>
    <message>
        <source>What it is about (optional)</source>
        <translation>어떤 채팅방인지 설명(선택 사항)</translation>
    </message>
    <message>
        <source>&amp;Anyone on this server can find and join it</source>
        <translation>이 서버의 모든 사람이 찾아서 참여할 수 있음(&amp;A)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>만드는 중…</translation>
    </message>
</context>
<context>
    <name>confab::ui::DirectoryDialog</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>멤버 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>참여함</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>채팅방 참여</translation>
    </message>
    <message>
        <source>Search public rooms</source>
        <translation>공개 채팅방 검색</translation>
    </message>
    <message>
        <source>Public rooms</source>
        <translation>공개 채팅방</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <source>No public rooms yet.</source>
        <translation>아직 공개 채팅방이 없습니다.</translation>
    </message>
    <message>
        <source>No public rooms match “%1”.</source>
        <translation>“%1”과(와) 일치하는 공개 채팅방이 없습니다.</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>참여하는 중…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
</context>
<context>
    <name>confab::ui::EmojiPicker</name>
    <message>
        <source>React</source>
        <translation>반응</translation>
    </message>
    <message>
        <source>Choose a reaction</source>
        <translation>반응 선택</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>이모지</translation>
    </message>
</context>
<context>
    <name>confab::ui::ImageViewer</name>
    <message>
        <source>Picture status</source>
        <translation>사진 상태</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>이 사진을 표시할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 × %2, %3</source>
        <comment>width, height, size</comment>
        <translation>%1 × %2, %3</translation>
    </message>
    <message>
        <source>The picture could not be loaded: %1</source>
        <translation>사진을 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Loading… %1 %</source>
        <translation>불러오는 중… %1%</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>연결을 기다리는 중(%1%)</translation>
    </message>
</context>
<context>
    <name>confab::ui::InvitationsPanel</name>
    <message>
        <source>Invitations (%1)</source>
        <translation>초대 (%1)</translation>
    </message>
    <message>
        <source>Invitation to %1</source>
        <translation>%1 초대</translation>
    </message>
    <message numerus="yes">
        <source>%1 invited you · %n member(s)</source>
        <translation>
            <numerusform>%1님이 초대함 · 멤버 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>수락</translation>
    </message>
    <message>
        <source>Accept the invitation to %1</source>
        <translation>%1 초대 수락</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Decline the invitation to %1</source>
        <translation>%1 초대 거절</translation>
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
        <translation>내 프로필 사진</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>내 이름</translation>
    </message>
    <message>
        <source>Your status</source>
        <translation>내 상태</translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>프로필…</translation>
    </message>
    <message>
        <source>Edit your profile</source>
        <translation>프로필 편집</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>프로필(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>로그아웃(&amp;S)</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>모든 기기에서 로그아웃(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Confab</source>
        <translation>&amp;Confab</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Pick a conversation on the left, or start one with “New”.</source>
        <translation>왼쪽에서 대화를 선택하거나 “새로 만들기”로 새 대화를 시작하세요.</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>채팅방(&amp;R)</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>새 채팅방(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>채팅방 참여(&amp;J)…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>새 개인 메시지(&amp;D)…</translation>
    </message>
    <message>
        <source>The message could not be edited: %1</source>
        <translation>메시지를 편집할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The message could not be deleted: %1</source>
        <translation>메시지를 삭제할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Could not leave the room: %1</source>
        <translation>채팅방에서 나갈 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Your rooms could not be loaded: %1</source>
        <translation>채팅방 목록을 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>&amp;Show Confab</source>
        <translation>Confab 표시(&amp;S)</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab: 읽지 않은 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation>채팅방 나가기</translation>
    </message>
    <message>
        <source>Leave “%1”? You will stop getting its messages; to come back you need an invitation unless the room is public.</source>
        <translation>“%1”에서 나가시겠습니까? 더 이상 이 채팅방의 메시지를 받지 않으며, 공개 채팅방이 아니면 다시 들어오려면 초대를 받아야 합니다.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>로그아웃</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) have not been sent yet. They are kept on this computer and sent when you sign in to this account again.</source>
        <translation>
            <numerusform>아직 보내지 않은 메시지가 %n개 있습니다. 이 컴퓨터에 보관되며 이 계정으로 다시 로그인하면 전송됩니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go to a room…</source>
        <translation>방으로 이동(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>다음 방(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>이전 방(&amp;P)</translation>
    </message>
    <message>
        <source>Confab is still running</source>
        <translation>Confab이 계속 실행 중입니다</translation>
    </message>
    <message>
        <source>New messages still reach you. Choose Quit in the tray menu to close Confab, or turn this off in Settings.</source>
        <translation>새 메시지는 계속 받습니다. Confab을 닫으려면 트레이 메뉴에서 끝내기를 선택하거나 설정에서 이 기능을 끄세요.</translation>
    </message>
    <message>
        <source>&amp;Find in messages…</source>
        <translation>메시지에서 찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>The file could not be attached: it is larger than 1 GiB.</source>
        <translation>파일을 첨부할 수 없습니다: 1GiB보다 큽니다.</translation>
    </message>
    <message>
        <source>The file could not be attached: it cannot be read.</source>
        <translation>파일을 첨부할 수 없습니다: 읽을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>confab::ui::MembersPanel</name>
    <message>
        <source>owner</source>
        <translation>방장</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>Members — %1 online of %2</source>
        <translation>멤버 — %2명 중 %1명 온라인</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <comment>date of a day this year</comment>
        <translation>M월 d일 dddd</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>보내는 중…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>전송되지 않음</translation>
    </message>
    <message>
        <source>edited %1</source>
        <comment>time of a message that was edited</comment>
        <translation>%1 편집됨</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>%1에 편집됨</translation>
    </message>
    <message>
        <source>Not sent: %1
Right-click to edit, retry or discard it.</source>
        <translation>전송되지 않음: %1
마우스 오른쪽 버튼을 클릭하여 편집하거나, 다시 시도하거나, 버릴 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 님이 들어왔습니다</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 님이 나갔습니다</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>이전 메시지</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>불러오지 않음</translation>
    </message>
    <message>
        <source>%1 joined, %2</source>
        <comment>who, time</comment>
        <translation>%1 님이 참여함, %2</translation>
    </message>
    <message>
        <source>%1 left, %2</source>
        <comment>who, time</comment>
        <translation>%1 님이 나감, %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>author, time: text</comment>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>(편집됨)</translation>
    </message>
    <message>
        <source>In reply to an earlier message.</source>
        <translation>이전 메시지에 대한 답장.</translation>
    </message>
    <message>
        <source>In reply to %1: %2</source>
        <translation>%1 님에게 답장: %2</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>보내지 못함: %1</translation>
    </message>
    <message>
        <source>%1 reacted with %2</source>
        <comment>who, emoji</comment>
        <translation>%1님이 %2(으)로 반응함</translation>
    </message>
    <message>
        <source>Mentions you.</source>
        <translation>나를 언급함.</translation>
    </message>
    <message>
        <source>Reactions: %1.</source>
        <translation>반응: %1.</translation>
    </message>
    <message>
        <source>Click to take yours back.</source>
        <translation>클릭하면 내 반응을 취소합니다.</translation>
    </message>
    <message>
        <source>Click to react the same way.</source>
        <translation>클릭하면 같은 반응을 남깁니다.</translation>
    </message>
    <message>
        <source>Uploading %1 %</source>
        <comment>percent done</comment>
        <translation>업로드 중 %1%</translation>
    </message>
    <message>
        <source>Picture %1, %2 × %3</source>
        <comment>file name, width, height</comment>
        <translation>사진 %1, %2 × %3</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <comment>file name, size</comment>
        <translation>파일 %1, %2</translation>
    </message>
    <message>
        <source>Saving %1 % of %2</source>
        <comment>percent, size</comment>
        <translation>저장 중: %2 중 %1%</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>연결을 기다리는 중(%1%)</translation>
    </message>
    <message>
        <source>%1 · Saved · Open</source>
        <comment>size</comment>
        <translation>%1 · 저장됨 · 열기</translation>
    </message>
    <message>
        <source>%1 · Not saved: %2</source>
        <comment>size, why</comment>
        <translation>%1 · 저장되지 않음: %2</translation>
    </message>
    <message>
        <source>%1 · Save</source>
        <comment>size</comment>
        <translation>%1 · 저장</translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfileDialog</name>
    <message>
        <source>Your profile</source>
        <translation>내 프로필</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>프로필(&amp;P)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>비밀번호(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>기기(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete account</source>
        <translation>계정 삭제(&amp;L)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation>프로필이 저장되었습니다.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>자기소개</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>프로필 사진</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>내 프로필 사진</translation>
    </message>
    <message>
        <source>C&amp;hoose picture…</source>
        <translation>사진 선택(&amp;H)…</translation>
    </message>
    <message>
        <source>Re&amp;move picture</source>
        <translation>사진 제거(&amp;M)</translation>
    </message>
    <message>
        <source>What are you up to?</source>
        <translation>지금 무엇을 하고 있나요?</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>표시 이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>상태(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About you</source>
        <translation>자기소개(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>프로필 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>현재 비밀번호</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>새 비밀번호</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>새 비밀번호 확인</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>현재 비밀번호(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>새 비밀번호(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>새 비밀번호 확인(&amp;R)</translation>
    </message>
    <message>
        <source>Your other devices will be signed out.</source>
        <translation>다른 기기에서는 로그아웃됩니다.</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>비밀번호 변경(&amp;H)</translation>
    </message>
    <message>
        <source>The new passwords are not the same.</source>
        <translation>새 비밀번호가 서로 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Changing your password…</source>
        <translation>비밀번호를 변경하는 중…</translation>
    </message>
    <message>
        <source>Your password is changed. Other devices were signed out.</source>
        <translation>비밀번호가 변경되었습니다. 다른 기기에서는 로그아웃되었습니다.</translation>
    </message>
    <message>
        <source>You are signed in on these devices:</source>
        <translation>다음 기기에 로그인되어 있습니다:</translation>
    </message>
    <message>
        <source>Signed-in devices</source>
        <translation>로그인된 기기</translation>
    </message>
    <message>
        <source>&amp;Sign this device out</source>
        <translation>이 기기 로그아웃(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a device first.</source>
        <translation>먼저 기기를 선택하세요.</translation>
    </message>
    <message>
        <source>This is the device you are using: sign out from the main window instead.</source>
        <translation>현재 사용 중인 기기입니다. 대신 메인 창에서 로그아웃하세요.</translation>
    </message>
    <message>
        <source>The device was signed out.</source>
        <translation>기기가 로그아웃되었습니다.</translation>
    </message>
    <message>
        <source>Deleting your account removes your profile and signs you out everywhere. Your messages stay in their rooms, shown as from a deleted user. This cannot be undone.</source>
        <translation>계정을 삭제하면 프로필이 삭제되고 모든 기기에서 로그아웃됩니다. 보낸 메시지는 채팅방에 그대로 남으며 삭제된 사용자의 메시지로 표시됩니다. 이 작업은 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Password to confirm</source>
        <translation>확인용 비밀번호</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>비밀번호(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete my account</source>
        <translation>내 계정 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Enter your password to confirm.</source>
        <translation>확인을 위해 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Delete your account?</source>
        <translation>계정을 삭제하시겠습니까?</translation>
    </message>
    <message>
        <source>Your account %1 will be deleted for good.</source>
        <translation>%1 계정이 영구적으로 삭제됩니다.</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>사진 선택</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>That file is not a picture Confab can read.</source>
        <translation>Confab에서 읽을 수 있는 이미지 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>That picture cannot be used.</source>
        <translation>이 사진은 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Save your profile to use the new picture.</source>
        <translation>새 사진을 사용하려면 프로필을 저장하세요.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>저장하는 중…</translation>
    </message>
    <message>
        <source>Used just now</source>
        <translation>방금 사용함</translation>
    </message>
    <message numerus="yes">
        <source>Used %n minute(s) ago</source>
        <translation>
            <numerusform>%n분 전에 사용함</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Used %n hour(s) ago</source>
        <translation>
            <numerusform>%n시간 전에 사용함</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation>마지막 사용: %1</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>이 기기</translation>
    </message>
    <message>
        <source>Parts of your account</source>
        <translation>계정 항목</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListPanel</name>
    <message>
        <source>You: %1</source>
        <translation>나: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>개인 메시지</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>아직 메시지 없음</translation>
    </message>
    <message>
        <source>Muted · %1</source>
        <translation>알림 꺼짐 · %1</translation>
    </message>
    <message>
        <source>Search rooms</source>
        <translation>채팅방 검색</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <source>Start a conversation or join a room</source>
        <translation>대화 시작 또는 채팅방 참여</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>새 채팅방(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>채팅방 참여(&amp;J)…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>새 개인 메시지(&amp;D)…</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>채팅방</translation>
    </message>
    <message>
        <source>No rooms yet. Use “New” to create one, join a public room, or message someone.</source>
        <translation>아직 채팅방이 없습니다. “새로 만들기”로 채팅방을 만들거나, 공개 채팅방에 참여하거나, 다른 사람에게 메시지를 보내 보세요.</translation>
    </message>
    <message>
        <source>Un&amp;mute notifications</source>
        <translation>알림 켜기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>알림 끄기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>초대(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Leave…</source>
        <translation>나가기(&amp;L)…</translation>
    </message>
    <message>
        <source>%1, direct message</source>
        <translation>%1, 개인 메시지</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>읽지 않음 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>나를 언급한 메시지 %n개</numerusform>
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
        <translation>메시지 검색</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>검색 닫기 (Esc)</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>검색 닫기</translation>
    </message>
    <message>
        <source>In all rooms</source>
        <translation>모든 방에서</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>찾은 메시지</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>메시지를 찾지 못했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>메시지 %n개를 찾았습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>, more as you scroll</source>
        <translation>, 스크롤하면 더 보입니다</translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Server state</source>
        <translation>서버 상태</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>서버 로그</translation>
    </message>
    <message>
        <source>&amp;Restart the server</source>
        <translation>서버 다시 시작(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>%1에 연결되었습니다.</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>서버가 중지되었습니다.</translation>
    </message>
    <message>
        <source>The server is starting…</source>
        <translation>서버를 시작하는 중…</translation>
    </message>
    <message>
        <source>The server stopped: %1</source>
        <translation>서버가 중지되었습니다: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Language of the user interface</source>
        <translation>사용자 인터페이스 언어</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>Restart Confab to use the new language.</source>
        <translation>새 언어를 적용하려면 Confab을 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Light or dark theme</source>
        <translation>밝은 테마 또는 어두운 테마</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>&amp;Address for other apps on this computer:</source>
        <translation>이 컴퓨터의 다른 앱용 주소(&amp;A):</translation>
    </message>
    <message>
        <source>Address for other apps on this computer</source>
        <translation>이 컴퓨터의 다른 앱용 주소</translation>
    </message>
    <message>
        <source>The server on this computer is running. It stays on this address when Confab starts again.</source>
        <translation>이 컴퓨터의 서버가 실행 중입니다. Confab을 다시 시작해도 이 주소를 유지합니다.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>창</translation>
    </message>
    <message>
        <source>&amp;Keep Confab running in the system tray when its window is closed</source>
        <translation>창을 닫아도 Confab을 시스템 트레이에서 계속 실행(&amp;K)</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>이 데스크톱에는 시스템 트레이가 없습니다.</translation>
    </message>
</context>
<context>
    <name>confab::ui::SignInWindow</name>
    <message>
        <source>Sign in to Confab</source>
        <translation>Confab에 로그인</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation>이 컴퓨터(&amp;T)</translation>
    </message>
    <message>
        <source>Use a server on this computer</source>
        <translation>이 컴퓨터의 서버 사용</translation>
    </message>
    <message>
        <source>&amp;Another server</source>
        <translation>다른 서버(&amp;A)</translation>
    </message>
    <message>
        <source>Use another server</source>
        <translation>다른 서버 사용</translation>
    </message>
    <message>
        <source>chat.example.org:40052</source>
        <translation>chat.example.org:40052</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>연결(&amp;O)</translation>
    </message>
    <message>
        <source>Unencrypted connection (only on a network you trust)</source>
        <translation>암호화되지 않은 연결(신뢰할 수 있는 네트워크에서만 사용)</translation>
    </message>
    <message>
        <source>Certificate authority to trust</source>
        <translation>신뢰할 인증 기관</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>서버 상태</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>계정 만들기</translation>
    </message>
    <message>
        <source>Sign in or create an account</source>
        <translation>로그인 또는 계정 만들기</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>사용자 이름(&amp;U)</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>표시 이름(&amp;D)</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>비밀번호(&amp;P)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>비밀번호 확인(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <source>How others see you (optional)</source>
        <translation>다른 사람에게 보이는 이름(선택 사항)</translation>
    </message>
    <message>
        <source>R&amp;emember me on this computer</source>
        <translation>이 컴퓨터에서 로그인 상태 유지(&amp;E)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Trust a certificate &amp;authority…</source>
        <translation>인증 기관 신뢰(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Authority: %1 (click to clear)</source>
        <translation>인증 기관(&amp;A): %1 (클릭하여 해제)</translation>
    </message>
    <message>
        <source>Certificate authority of your server</source>
        <translation>서버의 인증 기관</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>인증서 (*.pem *.crt *.cer);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>이 서버를 신뢰하시겠습니까?</translation>
    </message>
    <message>
        <source>The server presents a certificate that this computer does not trust:

%1

SHA-256 fingerprint:
%2

Compare the fingerprint with the one your server&apos;s administrator gave you. Trust it from now on?</source>
        <translation>서버가 이 컴퓨터에서 신뢰하지 않는 인증서를 제시했습니다:

%1

SHA-256 지문:
%2

서버 관리자에게 받은 지문과 비교하세요. 앞으로 이 인증서를 신뢰하시겠습니까?</translation>
    </message>
    <message>
        <source>Not connected: the certificate was not trusted.</source>
        <translation>연결되지 않음: 인증서를 신뢰하지 않았습니다.</translation>
    </message>
    <message>
        <source>Starting the server on this computer…</source>
        <translation>이 컴퓨터에서 서버를 시작하는 중…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>The server on this computer is running.</source>
        <translation>이 컴퓨터의 서버가 실행 중입니다.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>%1에 연결되었습니다.</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>연결되지 않음: %1</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>사용자 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>두 비밀번호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>계정을 만드는 중…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Not connected to this server yet: press Connect.</source>
        <translation>아직 이 서버에 연결되지 않았습니다. ‘연결’을 누르세요.</translation>
    </message>
</context>
<context>
    <name>confab::ui::TimelineView</name>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>답장(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>다시 시도(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Quick reactions</source>
        <translation>빠른 반응</translation>
    </message>
    <message>
        <source>React with %1 (key %2)</source>
        <translation>%1(으)로 반응 (키 %2)</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>%1(으)로 반응</translation>
    </message>
    <message>
        <source>More reactions</source>
        <translation>반응 더 보기</translation>
    </message>
    <message>
        <source>Re&amp;act…</source>
        <translation>반응(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>첨부 파일 열기(&amp;O)</translation>
    </message>
</context>
<context>
    <name>confab::ui::UserPickerDialog</name>
    <message>
        <source>@%1 (you)</source>
        <translation>@%1(나)</translation>
    </message>
    <message>
        <source>Invite to %1</source>
        <translation>%1에 초대</translation>
    </message>
    <message>
        <source>New direct message</source>
        <translation>새 개인 메시지</translation>
    </message>
    <message>
        <source>Search by name or username</source>
        <translation>이름 또는 사용자 이름으로 검색</translation>
    </message>
    <message>
        <source>People</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>초대</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>대화 시작</translation>
    </message>
    <message>
        <source>%1 was invited.</source>
        <translation>%1 님을 초대했습니다.</translation>
    </message>
    <message>
        <source>%1 is in this room already.</source>
        <translation>%1 님은 이미 이 채팅방에 있습니다.</translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation>사람을 찾으려면 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>“%1”과(와) 일치하는 사람이 없습니다.</translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation>초대하는 중…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>여는 중…</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorText</name>
    <message>
        <source>Use 3 to 32 characters: lower-case letters, digits, dots, dashes and underscores.</source>
        <translation>请使用 3 到 32 个字符：小写字母、数字、点、短横线和下划线。</translation>
    </message>
    <message>
        <source>This name is already taken. Try another one.</source>
        <translation>该名称已被占用，请换一个。</translation>
    </message>
    <message>
        <source>Use at least 8 characters.</source>
        <translation>请至少使用 8 个字符。</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>密码不正确。</translation>
    </message>
    <message>
        <source>Please fill this in.</source>
        <translation>请填写此项。</translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG or WebP picture.</source>
        <translation>请选择 PNG、JPEG 或 WebP 格式的图片。</translation>
    </message>
    <message>
        <source>This cannot be only spaces.</source>
        <translation>不能只包含空格。</translation>
    </message>
    <message>
        <source>This cannot contain tabs or line breaks.</source>
        <translation>不能包含制表符或换行符。</translation>
    </message>
    <message>
        <source>This is too long (%1).</source>
        <translation>内容过长（%1）。</translation>
    </message>
    <message>
        <source>This must be %1.</source>
        <translation>必须为 %1。</translation>
    </message>
    <message>
        <source>The username or password is not correct.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>你无权执行此操作。</translation>
    </message>
    <message>
        <source>That could not be found.</source>
        <translation>找不到相关内容。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a little and try again.</source>
        <translation>尝试次数过多，请稍等片刻再试。</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>服务器繁忙，请稍后再试。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the connection.</source>
        <translation>无法连接到服务器，请检查网络连接。</translation>
    </message>
    <message>
        <source>The server took too long to answer. Try again.</source>
        <translation>服务器响应超时，请重试。</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Try again later.</source>
        <translation>服务器出错了，请稍后再试。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The file is too large for this server (at most %1).</source>
        <translation>文件对此服务器来说太大（最多 %1）。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
</context>
<context>
    <name>confab::core::Client</name>
    <message>
        <source>“%1” is not a server address (host or host:port).</source>
        <translation>“%1”不是服务器地址（应为“主机”或“主机:端口”）。</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>无法读取 CA 文件 %1。</translation>
    </message>
    <message>
        <source>The server did not answer a secure connection in time.</source>
        <translation>服务器未能及时响应安全连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you accepted it. This can mean someone is intercepting the connection. Confab did not connect.</source>
        <translation>服务器的证书在你接受之后发生了变化。这可能意味着有人正在拦截连接。Confab 没有建立连接。</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>无法连接到服务器：%1</translation>
    </message>
    <message>
        <source>This server does not use TLS: tick “Unencrypted connection” only on a network you trust.</source>
        <translation>此服务器不使用 TLS：只有在您信任的网络中才勾选“未加密连接”。</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be made (%1).</source>
        <translation>无法与服务器建立安全连接（%1）。</translation>
    </message>
</context>
<context>
    <name>confab::core::LocalServer</name>
    <message>
        <source>confabd was killed by signal %1</source>
        <translation>confabd 被信号 %1 终止</translation>
    </message>
    <message>
        <source>confabd exited with code %1</source>
        <translation>confabd 已退出，退出码为 %1</translation>
    </message>
    <message>
        <source>confabd could not be started: %1</source>
        <translation>无法启动 confabd：%1</translation>
    </message>
    <message>
        <source>confabd did not become ready within %1 s</source>
        <translation>confabd 未能在 %1 秒内就绪</translation>
    </message>
    <message>
        <source>confabd was not found: build it or install it next to confab</source>
        <translation>找不到 confabd：请构建它，或将它安装到 confab 所在的目录</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>无法创建数据目录 %1</translation>
    </message>
    <message>
        <source>cannot remove the old port file %1: %2</source>
        <translation>无法删除旧的端口文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>confab::core::Notifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>新消息</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n new)</source>
        <translation>
            <numerusform>%1（%n 条新消息）</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>a direct conversation</source>
        <translation>一个私聊</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>%1 invited you to %2</source>
        <translation>%1 邀请你加入 %2</translation>
    </message>
</context>
<context>
    <name>confab::core::Session</name>
    <message>
        <source>Your sign-in could not be saved in the system keychain (%1). You will stay signed in until you quit Confab.</source>
        <translation>无法将登录信息保存到系统钥匙串（%1）。在你退出 Confab 之前，将一直保持登录。</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1), so you need to sign in again.</source>
        <translation>系统钥匙串不可用（%1），因此你需要重新登录。</translation>
    </message>
    <message>
        <source>Confab on %1, %2</source>
        <comment>the operating system, the computer&apos;s name</comment>
        <translation>Confab（%1，%2）</translation>
    </message>
</context>
<context>
    <name>confab::core::SessionsModel</name>
    <message>
        <source>Unnamed device</source>
        <translation>未命名设备</translation>
    </message>
</context>
<context>
    <name>confab::core::TimelineModel</name>
    <message>
        <source>Message deleted</source>
        <translation>消息已删除</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
</context>
<context>
    <name>confab::core::TokenStore</name>
    <message>
        <source>No keychain is available (no secret service running)</source>
        <translation>没有可用的钥匙串（Secret Service 未运行）</translation>
    </message>
    <message>
        <source>The keychain is locked or access was denied</source>
        <translation>钥匙串已锁定或访问被拒绝</translation>
    </message>
    <message>
        <source>The keychain of this system does not support this</source>
        <translation>此系统的钥匙串不支持该操作</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry</source>
        <translation>钥匙串无法删除该条目</translation>
    </message>
    <message>
        <source>The keychain did not find the entry</source>
        <translation>钥匙串中找不到该条目</translation>
    </message>
    <message>
        <source>The keychain could not be used</source>
        <translation>无法使用钥匙串</translation>
    </message>
    <message>
        <source>No keychain is available (no D-Bus session bus)</source>
        <translation>没有可用的钥匙串（没有 D-Bus 会话总线）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>confab::core::UserCache</name>
    <message>
        <source>Deleted user</source>
        <translation>已删除的用户</translation>
    </message>
</context>
<context>
    <name>confab::ui::AppController</name>
    <message>
        <source>You were signed out: this session was ended on the server (from another device, or after a password change).</source>
        <translation>你已退出登录：此会话已在服务器上结束（由其他设备结束，或因密码已更改）。</translation>
    </message>
    <message>
        <source>The connection to the server failed: %1 Open Confab → Settings to restart it.</source>
        <translation>连接服务器失败：%1 请在“Confab → 设置”中重新启动服务器。</translation>
    </message>
    <message>
        <source>The server on this computer stopped. Starting it again…</source>
        <translation>这台电脑上的服务器已停止，正在重新启动…</translation>
    </message>
    <message>
        <source>The server on this computer did not start. Starting it again in %1 s; its log is in Confab → Settings.</source>
        <translation>这台电脑上的服务器未能启动，将在 %1 秒后重试；其日志在“Confab → 设置”中。</translation>
    </message>
</context>
<context>
    <name>confab::ui::AttachmentTray</name>
    <message>
        <source>Files to send</source>
        <translation>要发送的文件</translation>
    </message>
    <message>
        <source>Do not send %1</source>
        <translation>不发送 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>file name, size</comment>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>confab::ui::ChatView</name>
    <message>
        <source>Room name</source>
        <translation>聊天室名称</translation>
    </message>
    <message>
        <source>Room topic</source>
        <translation>聊天室主题</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>邀请…</translation>
    </message>
    <message>
        <source>Invite someone to this room</source>
        <translation>邀请他人加入此聊天室</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Show who is in this room</source>
        <translation>查看此聊天室中的成员</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>More room actions</source>
        <translation>更多聊天室操作</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>通知静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Leave room…</source>
        <translation>离开聊天室(&amp;L)…</translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation>正在输入的人</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>私信</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>发消息给 %1</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>在 #%1 中发消息</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 和 %2 正在输入…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>多人正在输入…</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
    <message>
        <source>Editing a message that was not sent</source>
        <translation>正在编辑未发送的消息</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>正在编辑你的消息</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the room?</source>
        <translation>要为聊天室中的所有人删除这条消息吗？</translation>
    </message>
    <message>
        <source>Replying or editing</source>
        <translation>回复或编辑</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Message actions</source>
        <translation>消息操作</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <source>Open this address in your web browser?

%1</source>
        <translation>在网页浏览器中打开这个地址？

%1</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>Attach pictures or files (Ctrl+U)</source>
        <translation>附加图片或文件（Ctrl+U）</translation>
    </message>
    <message>
        <source>Attach pictures or files</source>
        <translation>附加图片或文件</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>查看 %1</translation>
    </message>
    <message>
        <source>Save %1…</source>
        <translation>保存 %1…</translation>
    </message>
    <message numerus="yes">
        <source>A message can carry %n files at most.</source>
        <translation>
            <numerusform>一条消息最多可附带 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pasted picture %1.png</source>
        <comment>date and time</comment>
        <translation>粘贴的图片 %1.png</translation>
    </message>
    <message>
        <source>Save file</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::Composer</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Members to mention</source>
        <translation>可提及的成员</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConnectionBanner</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>立即重新连接</translation>
    </message>
    <message numerus="yes">
        <source>Offline: reconnecting in %n second(s).</source>
        <translation>
            <numerusform>已离线：%n 秒后重新连接。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <source>Catching up on what you missed…</source>
        <translation>正在同步你错过的消息…</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开连接：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will be sent once the connection is back.</source>
        <translation>
            <numerusform>连接恢复后将发送 %n 条消息。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::CreateRoomDialog</name>
    <message>
        <source>New room</source>
        <translation>新建聊天室</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>聊天室名称</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>e.g. Weekend plans</source>
        <translation>例如：周末计划</translation>
    </message>
    <message>
        <source>What it is about (optional)</source>
        <translation>聊天室的用途（可选）</translation>
    </message>
    <message>
        <source>&amp;Anyone on this server can find and join it</source>
        <translation>此服务器上的任何人都可以找到并加入(&amp;A)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
</context>
<context>
    <name>confab::ui::DirectoryDialog</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>已加入</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>加入聊天室</translation>
    </message>
    <message>
        <source>Search public rooms</source>
        <translation>搜索公开聊天室</translation>
    </message>
    <message>
        <source>Public rooms</source>
        <translation>公开聊天室</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>No public rooms yet.</source>
        <translation>还没有公开聊天室。</translation>
    </message>
    <message>
        <source>No public rooms match “%1”.</source>
        <translation>没有与“%1”匹配的公开聊天室。</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>正在加入…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>confab::ui::EmojiPicker</name>
    <message>
        <source>React</source>
        <translation>回应</translation>
    </message>
    <message>
        <source>Choose a reaction</source>
        <translation>选择一个回应</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>表情</translation>
    </message>
</context>
<context>
    <name>confab::ui::ImageViewer</name>
    <message>
        <source>Picture status</source>
        <translation>图片状态</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>This picture cannot be shown.</source>
        <translation>无法显示此图片。</translation>
    </message>
    <message>
        <source>%1 × %2, %3</source>
        <comment>width, height, size</comment>
        <translation>%1 × %2，%3</translation>
    </message>
    <message>
        <source>The picture could not be loaded: %1</source>
        <translation>无法加载图片：%1</translation>
    </message>
    <message>
        <source>Loading… %1 %</source>
        <translation>正在加载… %1%</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>正在等待连接（%1%）</translation>
    </message>
</context>
<context>
    <name>confab::ui::InvitationsPanel</name>
    <message>
        <source>Invitations (%1)</source>
        <translation>邀请（%1）</translation>
    </message>
    <message>
        <source>Invitation to %1</source>
        <translation>加入 %1 的邀请</translation>
    </message>
    <message numerus="yes">
        <source>%1 invited you · %n member(s)</source>
        <translation>
            <numerusform>%1 邀请了你 · %n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Accept the invitation to %1</source>
        <translation>接受加入 %1 的邀请</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Decline the invitation to %1</source>
        <translation>拒绝加入 %1 的邀请</translation>
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
        <translation>你的头像</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Your status</source>
        <translation>你的状态</translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>个人资料…</translation>
    </message>
    <message>
        <source>Edit your profile</source>
        <translation>编辑个人资料</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>个人资料(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>退出登录(&amp;S)</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>在所有设备上退出登录(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Confab</source>
        <translation>&amp;Confab</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Pick a conversation on the left, or start one with “New”.</source>
        <translation>在左侧选择一个会话，或点击“新建”开始新的会话。</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>聊天室(&amp;R)</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>新建聊天室(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>加入聊天室(&amp;J)…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>新建私信(&amp;D)…</translation>
    </message>
    <message>
        <source>The message could not be edited: %1</source>
        <translation>无法编辑消息：%1</translation>
    </message>
    <message>
        <source>The message could not be deleted: %1</source>
        <translation>无法删除消息：%1</translation>
    </message>
    <message>
        <source>Could not leave the room: %1</source>
        <translation>无法离开聊天室：%1</translation>
    </message>
    <message>
        <source>Your rooms could not be loaded: %1</source>
        <translation>无法加载你的聊天室：%1</translation>
    </message>
    <message>
        <source>&amp;Show Confab</source>
        <translation>显示 Confab(&amp;S)</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab：%n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation>离开聊天室</translation>
    </message>
    <message>
        <source>Leave “%1”? You will stop getting its messages; to come back you need an invitation unless the room is public.</source>
        <translation>要离开“%1”吗？你将不再收到该聊天室的消息；除非该聊天室是公开的，否则需要收到邀请才能重新加入。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) have not been sent yet. They are kept on this computer and sent when you sign in to this account again.</source>
        <translation>
            <numerusform>还有 %n 条消息尚未发送。它们保存在这台电脑上，您再次登录此帐户时会发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go to a room…</source>
        <translation>前往房间(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>下一个房间(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>上一个房间(&amp;P)</translation>
    </message>
    <message>
        <source>Confab is still running</source>
        <translation>Confab 仍在运行</translation>
    </message>
    <message>
        <source>New messages still reach you. Choose Quit in the tray menu to close Confab, or turn this off in Settings.</source>
        <translation>您仍会收到新消息。在托盘菜单中选择“退出”以关闭 Confab，或在设置中关闭此功能。</translation>
    </message>
    <message>
        <source>&amp;Find in messages…</source>
        <translation>在消息中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>The file could not be attached: it is larger than 1 GiB.</source>
        <translation>无法附加文件：文件大于 1 GiB。</translation>
    </message>
    <message>
        <source>The file could not be attached: it cannot be read.</source>
        <translation>无法附加文件：无法读取该文件。</translation>
    </message>
</context>
<context>
    <name>confab::ui::MembersPanel</name>
    <message>
        <source>owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Members — %1 online of %2</source>
        <translation>成员 — %1 人在线，共 %2 人</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <comment>date of a day this year</comment>
        <translation>M月d日 dddd</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>edited %1</source>
        <comment>time of a message that was edited</comment>
        <translation>已编辑 %1</translation>
    </message>
    <message>
        <source>Edited %1</source>
        <translation>编辑于 %1</translation>
    </message>
    <message>
        <source>Not sent: %1
Right-click to edit, retry or discard it.</source>
        <translation>未发送：%1
右键单击可编辑、重试或丢弃该消息。</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 已加入</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 已离开</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>较早的消息</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>%1 joined, %2</source>
        <comment>who, time</comment>
        <translation>%1 已加入，%2</translation>
    </message>
    <message>
        <source>%1 left, %2</source>
        <comment>who, time</comment>
        <translation>%1 已离开，%2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>author, time: text</comment>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation>（已编辑）</translation>
    </message>
    <message>
        <source>In reply to an earlier message.</source>
        <translation>回复一条较早的消息。</translation>
    </message>
    <message>
        <source>In reply to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>%1 reacted with %2</source>
        <comment>who, emoji</comment>
        <translation>%1 回应了 %2</translation>
    </message>
    <message>
        <source>Mentions you.</source>
        <translation>提到了你。</translation>
    </message>
    <message>
        <source>Reactions: %1.</source>
        <translation>回应：%1。</translation>
    </message>
    <message>
        <source>Click to take yours back.</source>
        <translation>点击撤回你的回应。</translation>
    </message>
    <message>
        <source>Click to react the same way.</source>
        <translation>点击以同样方式回应。</translation>
    </message>
    <message>
        <source>Uploading %1 %</source>
        <comment>percent done</comment>
        <translation>正在上传 %1%</translation>
    </message>
    <message>
        <source>Picture %1, %2 × %3</source>
        <comment>file name, width, height</comment>
        <translation>图片 %1，%2 × %3</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <comment>file name, size</comment>
        <translation>文件 %1，%2</translation>
    </message>
    <message>
        <source>Saving %1 % of %2</source>
        <comment>percent, size</comment>
        <translation>正在保存：%2 的 %1%</translation>
    </message>
    <message>
        <source>Waiting for the connection (%1 %)</source>
        <translation>正在等待连接（%1%）</translation>
    </message>
    <message>
        <source>%1 · Saved · Open</source>
        <comment>size</comment>
        <translation>%1 · 已保存 · 打开</translation>
    </message>
    <message>
        <source>%1 · Not saved: %2</source>
        <comment>size, why</comment>
        <translation>%1 · 未保存：%2</translation>
    </message>
    <message>
        <source>%1 · Save</source>
        <comment>size</comment>
        <translation>%1 · 保存</translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfileDialog</name>
    <message>
        <source>Your profile</source>
        <translation>你的个人资料</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>个人资料(&amp;P)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete account</source>
        <translation>删除账户(&amp;L)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation>个人资料已保存。</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>个人简介</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>头像</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>你的头像</translation>
    </message>
    <message>
        <source>C&amp;hoose picture…</source>
        <translation>选择头像(&amp;H)…</translation>
    </message>
    <message>
        <source>Re&amp;move picture</source>
        <translation>移除头像(&amp;M)</translation>
    </message>
    <message>
        <source>What are you up to?</source>
        <translation>你在忙什么？</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>显示名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About you</source>
        <translation>个人简介(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存个人资料(&amp;S)</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>确认新密码</translation>
    </message>
    <message>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>确认新密码(&amp;R)</translation>
    </message>
    <message>
        <source>Your other devices will be signed out.</source>
        <translation>你的其他设备将退出登录。</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>修改密码(&amp;H)</translation>
    </message>
    <message>
        <source>The new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Changing your password…</source>
        <translation>正在修改密码…</translation>
    </message>
    <message>
        <source>Your password is changed. Other devices were signed out.</source>
        <translation>密码已修改，其他设备已退出登录。</translation>
    </message>
    <message>
        <source>You are signed in on these devices:</source>
        <translation>你已在以下设备上登录：</translation>
    </message>
    <message>
        <source>Signed-in devices</source>
        <translation>已登录的设备</translation>
    </message>
    <message>
        <source>&amp;Sign this device out</source>
        <translation>将此设备退出登录(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a device first.</source>
        <translation>请先选择一个设备。</translation>
    </message>
    <message>
        <source>This is the device you are using: sign out from the main window instead.</source>
        <translation>这是你正在使用的设备，请改为在主窗口中退出登录。</translation>
    </message>
    <message>
        <source>The device was signed out.</source>
        <translation>该设备已退出登录。</translation>
    </message>
    <message>
        <source>Deleting your account removes your profile and signs you out everywhere. Your messages stay in their rooms, shown as from a deleted user. This cannot be undone.</source>
        <translation>删除账户会移除你的个人资料，并让你在所有设备上退出登录。你的消息会保留在原来的聊天室中，显示为来自已删除用户。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Password to confirm</source>
        <translation>用于确认的密码</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete my account</source>
        <translation>删除我的账户(&amp;D)</translation>
    </message>
    <message>
        <source>Enter your password to confirm.</source>
        <translation>请输入密码以确认。</translation>
    </message>
    <message>
        <source>Delete your account?</source>
        <translation>要删除你的账户吗？</translation>
    </message>
    <message>
        <source>Your account %1 will be deleted for good.</source>
        <translation>你的账户 %1 将被永久删除。</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>That file is not a picture Confab can read.</source>
        <translation>该文件不是 Confab 能读取的图片。</translation>
    </message>
    <message>
        <source>That picture cannot be used.</source>
        <translation>无法使用该图片。</translation>
    </message>
    <message>
        <source>Save your profile to use the new picture.</source>
        <translation>保存个人资料后即可使用新头像。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Used just now</source>
        <translation>刚刚使用过</translation>
    </message>
    <message numerus="yes">
        <source>Used %n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前使用过</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Used %n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前使用过</numerusform>
        </translation>
    </message>
    <message>
        <source>Last used %1</source>
        <translation>上次使用：%1</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>此设备</translation>
    </message>
    <message>
        <source>Parts of your account</source>
        <translation>帐户的各个部分</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListPanel</name>
    <message>
        <source>You: %1</source>
        <translation>你：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>私信</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>暂无消息</translation>
    </message>
    <message>
        <source>Muted · %1</source>
        <translation>已静音 · %1</translation>
    </message>
    <message>
        <source>Search rooms</source>
        <translation>搜索聊天室</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Start a conversation or join a room</source>
        <translation>发起会话或加入聊天室</translation>
    </message>
    <message>
        <source>New &amp;room…</source>
        <translation>新建聊天室(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>加入聊天室(&amp;J)…</translation>
    </message>
    <message>
        <source>New &amp;direct message…</source>
        <translation>新建私信(&amp;D)…</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>聊天室</translation>
    </message>
    <message>
        <source>No rooms yet. Use “New” to create one, join a public room, or message someone.</source>
        <translation>还没有聊天室。点击“新建”创建聊天室、加入公开聊天室，或给某人发消息。</translation>
    </message>
    <message>
        <source>Un&amp;mute notifications</source>
        <translation>取消通知静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>通知静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>邀请(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Leave…</source>
        <translation>离开(&amp;L)…</translation>
    </message>
    <message>
        <source>%1, direct message</source>
        <translation>%1，私信</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>%n 条提到你</numerusform>
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
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>关闭搜索（Esc）</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>In all rooms</source>
        <translation>在所有房间中</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>找到的消息</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No messages found.</source>
        <translation>没有找到消息。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found</source>
        <translation>
            <numerusform>找到 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>, more as you scroll</source>
        <translation>，滚动可看到更多</translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Server state</source>
        <translation>服务器状态</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>服务器日志</translation>
    </message>
    <message>
        <source>&amp;Restart the server</source>
        <translation>重新启动服务器(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>The server is stopped.</source>
        <translation>服务器已停止。</translation>
    </message>
    <message>
        <source>The server is starting…</source>
        <translation>服务器正在启动…</translation>
    </message>
    <message>
        <source>The server stopped: %1</source>
        <translation>服务器已停止：%1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language of the user interface</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Restart Confab to use the new language.</source>
        <translation>重新启动 Confab 后即可使用新语言。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Light or dark theme</source>
        <translation>浅色或深色主题</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Address for other apps on this computer:</source>
        <translation>本机其他应用使用的地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Address for other apps on this computer</source>
        <translation>本机其他应用使用的地址</translation>
    </message>
    <message>
        <source>The server on this computer is running. It stays on this address when Confab starts again.</source>
        <translation>本机上的服务器正在运行。Confab 再次启动时它仍使用这个地址。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>&amp;Keep Confab running in the system tray when its window is closed</source>
        <translation>关闭窗口时让 Confab 在系统托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>此桌面没有系统托盘。</translation>
    </message>
</context>
<context>
    <name>confab::ui::SignInWindow</name>
    <message>
        <source>Sign in to Confab</source>
        <translation>登录 Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>&amp;This computer</source>
        <translation>这台电脑(&amp;T)</translation>
    </message>
    <message>
        <source>Use a server on this computer</source>
        <translation>使用这台电脑上的服务器</translation>
    </message>
    <message>
        <source>&amp;Another server</source>
        <translation>其他服务器(&amp;A)</translation>
    </message>
    <message>
        <source>Use another server</source>
        <translation>使用其他服务器</translation>
    </message>
    <message>
        <source>chat.example.org:40052</source>
        <translation>chat.example.org:40052</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <source>Unencrypted connection (only on a network you trust)</source>
        <translation>未加密连接（仅限在你信任的网络中使用）</translation>
    </message>
    <message>
        <source>Certificate authority to trust</source>
        <translation>要信任的证书颁发机构</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>服务器状态</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>Sign in or create an account</source>
        <translation>登录或创建账户</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>显示名称(&amp;D)</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>确认密码(&amp;R)</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>How others see you (optional)</source>
        <translation>其他人看到的名字（可选）</translation>
    </message>
    <message>
        <source>R&amp;emember me on this computer</source>
        <translation>在这台电脑上记住我(&amp;E)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Trust a certificate &amp;authority…</source>
        <translation>信任证书颁发机构(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Authority: %1 (click to clear)</source>
        <translation>证书颁发机构(&amp;A)：%1（点击清除）</translation>
    </message>
    <message>
        <source>Certificate authority of your server</source>
        <translation>你的服务器的证书颁发机构</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>信任此服务器？</translation>
    </message>
    <message>
        <source>The server presents a certificate that this computer does not trust:

%1

SHA-256 fingerprint:
%2

Compare the fingerprint with the one your server&apos;s administrator gave you. Trust it from now on?</source>
        <translation>服务器提供的证书不受这台电脑信任：

%1

SHA-256 指纹：
%2

请将此指纹与服务器管理员提供给你的指纹进行比对。从现在起信任它吗？</translation>
    </message>
    <message>
        <source>Not connected: the certificate was not trusted.</source>
        <translation>未连接：证书未被信任。</translation>
    </message>
    <message>
        <source>Starting the server on this computer…</source>
        <translation>正在这台电脑上启动服务器…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The server on this computer is running.</source>
        <translation>这台电脑上的服务器正在运行。</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translation>正在为你登录…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>正在创建账户…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Not connected to this server yet: press Connect.</source>
        <translation>尚未连接到此服务器：请按“连接”。</translation>
    </message>
</context>
<context>
    <name>confab::ui::TimelineView</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>复制文本(&amp;C)</translation>
    </message>
    <message>
        <source>Quick reactions</source>
        <translation>快速回应</translation>
    </message>
    <message>
        <source>React with %1 (key %2)</source>
        <translation>用 %1 回应（按键 %2）</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>用 %1 回应</translation>
    </message>
    <message>
        <source>More reactions</source>
        <translation>更多回应</translation>
    </message>
    <message>
        <source>Re&amp;act…</source>
        <translation>回应(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>打开附件(&amp;O)</translation>
    </message>
</context>
<context>
    <name>confab::ui::UserPickerDialog</name>
    <message>
        <source>@%1 (you)</source>
        <translation>@%1（你）</translation>
    </message>
    <message>
        <source>Invite to %1</source>
        <translation>邀请加入 %1</translation>
    </message>
    <message>
        <source>New direct message</source>
        <translation>新建私信</translation>
    </message>
    <message>
        <source>Search by name or username</source>
        <translation>按名称或用户名搜索</translation>
    </message>
    <message>
        <source>People</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>开始聊天</translation>
    </message>
    <message>
        <source>%1 was invited.</source>
        <translation>已邀请 %1。</translation>
    </message>
    <message>
        <source>%1 is in this room already.</source>
        <translation>%1 已在此聊天室中。</translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation>输入名称以查找用户。</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>没有与“%1”匹配的用户。</translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation>正在邀请…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
</context>
</TS>

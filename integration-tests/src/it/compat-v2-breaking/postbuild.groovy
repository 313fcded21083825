def log = new File(basedir, 'build.log').text
// The run with -Dtypedipc.allowBreaking=true: warnings, and the build passed.
assert log.contains('[WARNING] chat:post: parameter "replyTo" added: BREAKING: ') : log
assert log.contains('[WARNING] chat:typing: channel removed (was com.example.chat.api.ChatApi.typing): BREAKING: ') : log
assert log.contains('[WARNING] 2 difference(s) from com.example:chat-api:1.0, 2 breaking (allowed: typedipc.allowBreaking)') : log
// The plain run: errors naming each channel, and the build failed in typed-ipc:check.
assert log.contains('[ERROR] chat:post: parameter "replyTo" added: BREAKING: ') : log
assert log.contains('[ERROR] chat:typing: channel removed (was com.example.chat.api.ChatApi.typing): BREAKING: ') : log
assert log.contains('Failed to execute goal io.typedipc:typed-ipc-maven-plugin:') && log.contains(':check (default) on project chat-api: 2 difference(s) from com.example:chat-api:1.0, 2 breaking; first: chat:post: parameter "replyTo" added: BREAKING') : log
return true

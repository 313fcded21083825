def log = new File(basedir, 'build.log').text
assert log.contains('channel "chat:typing" is declared by com.example.app.Presence in com.example:chat-app:1.0 and by com.example.chat.api.ChatApi in com.example:chat-api:1.0') : log
assert log.contains('[ERROR] Failed to execute goal io.typedipc:typed-ipc-maven-plugin') : log
// The report is still written, for the reviewer who looks at why.
assert new File(basedir, 'target/typed-ipc/channels.json').text.contains('"chat:away"')
return true

// typed-ipc:channels, bound in the build, wrote both reports.
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/typed-ipc/channels.json'))
def ids = json.channels.collect { it.id }
assert ids == ['chat:post', 'chat:history', 'chat:typing', 'chat:count'] : ids
def count = json.channels.find { it.id == 'chat:count' }
assert count.kind == 'BLOCKING'
assert count.deadlineMillis == 2000
assert count.artifact == 'com.example:chat-api:1.0'
assert count.interface == 'com.example.chat.api.ChatApi'
assert count.parameters == [[name: 'room', type: 'java.lang.String']] || count.parameters.collect { it.name } == ['room']
assert json.channels.find { it.id == 'chat:post' }.errors == ['com.example.chat.api.RoomClosedException']
def md = new File(basedir, 'target/typed-ipc/channels.md').text
assert md.contains('| `chat:count` | blocking request | room: `java.lang.String` | `int` | — | 2000 ms | `com.example.chat.api.ChatApi` | `com.example:chat-api:1.0` |') : md
// The manifests travel in the installed jar, where the baseline checks find them.
def jar = new java.util.zip.ZipFile(new File(basedir, 'target/chat-api-1.0.jar'))
assert jar.getEntry('META-INF/typed-ipc/com.example.chat.api.ChatApi.json') != null
jar.close()
return true

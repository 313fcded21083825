def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] chat:count: deadline changed from 2000 ms to 5000 ms: COMPATIBLE: ') : log
assert log.contains('[INFO] chat:typing: parameter 2 renamed from "user" to "member": COMPATIBLE: ') : log
assert log.contains('[INFO] chat:rooms: channel added: COMPATIBLE: ') : log
// (From manifest format 2 on, the field added to Message is one more compatible finding.)
assert log =~ /\[INFO\] \d+ difference\(s\) from com\.example:chat-api:1\.0, 0 breaking/ : log
assert !log.contains('BREAKING') : log
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/typed-ipc/channels.json'))
assert report.channels.any { it.id == 'chat:rooms' }
if (report.interfaces[0].format >= 2) {
    // With data shapes in the manifests, the nullable field added to Message is seen, and is compatible.
    assert log.contains('[INFO] chat:post: result: com.example.chat.api.Message property "replyTo" added: COMPATIBLE: ') : log
}
return true

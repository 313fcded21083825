def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] chat:count: deadline changed from 2000 ms to 5000 ms: COMPATIBLE: ') : log
assert log.contains('[INFO] chat:typing: parameter 2 renamed from "user" to "member": COMPATIBLE: ') : log
assert log.contains('[INFO] chat:rooms: channel added: COMPATIBLE: ') : log
// (From manifest format 2 on, the field added to Message is one more compatible finding.)
assert log =~ /\[INFO\] \d+ difference\(s\) from com\.example:chat-api:1\.0, 0 breaking/ : log
assert !log.contains('BREAKING') : log
assert new File(basedir, 'target/typed-ipc/channels.json').text.contains('"chat:rooms"')
return true

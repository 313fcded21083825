def log = new File(basedir, 'build.log').text
assert log.contains('typed-ipc:typescript found no channel manifests in ' + new File(basedir, 'target/classes').path
        + ': compile the @Channel interfaces with typed-ipc-processor on the annotation processor path, or set'
        + ' includeDependencies for channels declared in a jar') : log
assert log.contains('[ERROR] Failed to execute goal io.typedipc:typed-ipc-maven-plugin') : log
assert !new File(basedir, 'target/generated-sources/typescript/index.ts').exists()
return true

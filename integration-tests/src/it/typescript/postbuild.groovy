// tsc compiled both files and the renderer (the build fails otherwise); check what they contain.
def own = new File(basedir, 'target/generated-sources/typescript/index.ts').text
assert own.contains("export interface Notes {") : own
assert own.contains("export interface com_example_notes_data_Note {") : own
assert own.contains("export interface com_example_notes_legacy_Note {") : own
assert own.contains("export type Colour = 'RED' | 'light-blue';") : own
assert !own.contains('AssetDb') : 'without includeDependencies only the project\'s own channels'
def all = new File(basedir, 'target/generated-sources/typescript-all/index.ts').text
assert all.contains("export interface Notes {") : all
assert all.contains("export interface AssetDb {") : all
assert all.contains("static readonly javaType = 'io.typedipc.sample.AssetExistsException';") : all
assert all.contains("//   io.typedipc:typed-ipc-sample:") : all
return true

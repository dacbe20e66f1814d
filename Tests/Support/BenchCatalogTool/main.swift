// s3play-bench-catalog: the catalog benchmark's two halves (scripts/bench-library runs them).
//   fill DIR     writes the synthetic catalog through CatalogStore.apply, 500 entries a batch
//   measure DIR  in a fresh process: open to the first answer (the artists list), searches,
//                peak RSS; one "name value" line each
import Foundation
import Library

let arguments = CommandLine.arguments
guard arguments.count == 3, ["fill", "measure"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: s3play-bench-catalog fill|measure DIRECTORY\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])
do {
    if arguments[1] == "fill" {
        try SyntheticCatalog.fill(directory: directory)
    } else {
        try CatalogMeasurement.run(directory: directory)
    }
} catch {
    FileHandle.standardError.write(Data("s3play-bench-catalog: \(error)\n".utf8))
    exit(1)
}

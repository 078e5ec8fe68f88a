import Foundation

/// The generated output directory: nxgen owns every file in it.
public struct OutputDirectory {
    /// The directory.
    public let path: String

    /// The output directory at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Files currently present (relative paths), hidden files excluded.
    public func existing() -> Set<String> {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var result = Set<String>()
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            result.insert(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return result
    }

    /// Writes changed files and removes files no longer generated.
    public func write(_ files: [GeneratedFile]) throws -> (written: [String], removed: [String]) {
        var written: [String] = []
        for file in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(file.path)
            let data = Data(file.contents.utf8)
            if (try? Data(contentsOf: url)) == data { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            written.append(file.path)
        }
        let extra = existing().subtracting(files.map(\.path)).sorted()
        for file in extra { try FileManager.default.removeItem(atPath: path + "/" + file) }
        return (written, extra)
    }

    /// `stale: x`, `missing: x`, `extra: x` lines, sorted.
    public func differences(_ files: [GeneratedFile]) throws -> [String] {
        var lines: [String] = []
        for file in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(file.path)
            guard let data = try? Data(contentsOf: url) else {
                lines.append("missing: \(path)/\(file.path)")
                continue
            }
            if data != Data(file.contents.utf8) { lines.append("stale: \(path)/\(file.path)") }
        }
        for file in existing().subtracting(files.map(\.path)).sorted() { lines.append("extra: \(path)/\(file)") }
        return lines.sorted()
    }
}

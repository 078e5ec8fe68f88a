import Crypto
import Foundation
import Logging
import NXRuntime
import Synchronization

/// A file to convert: where it is, what it is, and its digest when it is a stored binary (the cache key).
public struct ConversionSource: Sendable {
    public var path: String
    public var mimeType: String
    public var filename: String?
    public var digest: String?

    public init(path: String, mimeType: String, filename: String? = nil, digest: String? = nil) {
        self.path = path
        self.mimeType = mimeType
        self.filename = filename
        self.digest = digest
    }
}

/// A converted file, kept in the conversion cache: read it before the cache evicts it (callers stream it at once).
public struct ConversionResult: Sendable, Equatable {
    public var path: String
    public var mimeType: String
    public var filename: String
    public var length: Int64
}

/// Nuxeo's `ConversionService` over the converters of `Spec/converters/`: by name or by mime types, each run by its
/// tool (`ConverterRunner`), chain or builtin, at most `concurrency` at a time (a queue, not a process per request),
/// each in a private directory removed afterwards. Results are cached on disk by (source digest, converter,
/// parameters), the cache bounded in bytes (least recently used files go first).
public final class ConversionService: Sendable {
    let converters: [String: ConverterDescriptor]
    let ordered: [ConverterDescriptor]
    let root: String
    let maxCacheBytes: Int64
    /// Largest result a conversion may produce.
    let maxResultBytes: Int64
    let runner: ConverterRunner
    let slots: AsyncSemaphore
    let extractor: TextExtractor
    /// The zip-bomb guard of office files given to a tool.
    let archiveLimits: ArchiveLimits
    let logger = Logger(label: "nx.conversions")
    private let available = Mutex<[String: Bool]>([:])

    /// A service over `converters`, caching under `directory` (`<data>/conversions`).
    public init(converters: [ConverterDescriptor], directory: String, maxCacheBytes: Int64 = 1 << 30, maxResultBytes: Int64 = 512 << 20,
                concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), extractor: TextExtractor = TextExtractor(),
                archiveLimits: ArchiveLimits = ArchiveLimits()) {
        self.ordered = converters
        self.converters = Dictionary(converters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.root = ConverterRunner.absolute(directory)
        self.maxCacheBytes = maxCacheBytes
        self.maxResultBytes = maxResultBytes
        runner = ConverterRunner()
        slots = AsyncSemaphore(max(1, concurrency))
        self.extractor = extractor
        self.archiveLimits = archiveLimits
        // Work directories a crashed run left behind (decrypted or converted copies of files) go at start.
        try? FileManager.default.removeItem(atPath: root + "/work")
    }

    /// The tools of the PDF operations, under the same root and bounded by the same concurrency as the conversions.
    public var pdf: PDFTools { PDFTools(root: root, runner: runner, slots: slots) }

    /// The converter named `name`, if registered.
    public func descriptor(_ name: String) -> ConverterDescriptor? { converters[name] }

    /// Whether `name` can run here: its tool is on `PATH` (every step's, for a chain); builtins always can.
    public func isAvailable(_ name: String) -> Bool {
        if let known = available.withLock({ $0[name] }) { return known }
        var result = false
        switch converters[name]?.run {
        case .tool(let executable, _, _, _)?: result = TextExtractor.findExecutable(executable) != nil
        case .chain(let steps)?: result = steps.allSatisfy(isAvailable)
        case .builtin?: result = true
        case nil: result = false
        }
        available.withLock { $0[name] = result }
        return result
    }

    /// The converter from `source` to `destination` mime type, as Nuxeo's translation helper chooses: among those
    /// writing the destination, one naming the source type itself before one accepting its family (`image/*`), before
    /// one accepting anything (`*`); an available one first, then by name. Nil when none is declared.
    public func converter(from source: String, to destination: String) -> ConverterDescriptor? {
        let wanted = MimeTypes.normalize(destination).lowercased()
        let candidates = ordered.filter { $0.destinationMimeType.lowercased() == wanted && $0.accepts(source) }
        let ranked = candidates.sorted { a, b in
            let (ra, rb) = (a.specificity(for: source), b.specificity(for: source))
            if ra != rb { return ra > rb }
            let (aa, ab) = (isAvailable(a.name), isAvailable(b.name))
            if aa != ab { return aa }
            return a.name < b.name
        }
        return ranked.first
    }

    /// Converts `source` with the converter `name` and `parameters` (others than the converter's are ignored, as Nuxeo
    /// passes every query parameter). Unknown converter → 500 "Converter X is not registered" (as Nuxeo); its tool
    /// missing → 400 "The 'X' converter is not available"; a source type it does not read, a parameter out of its
    /// bounds, or a file the tool cannot convert in time → 400.
    public func convert(_ name: String, source: ConversionSource, parameters: [String: String] = [:]) async throws -> ConversionResult {
        guard let converter = converters[name] else { throw NXError.internal("Converter \(name) is not registered") }
        guard isAvailable(name) else { throw NXError.invalid("The '\(name)' converter is not available") }
        guard converter.accepts(source.mimeType) else {
            throw NXError.invalid("\(MimeTypes.normalize(source.mimeType)) mime type not supported by \(name) converter")
        }
        let values = try Self.values(of: converter, parameters)
        let key = source.digest.map { Self.cacheKey(digest: $0, converter: name, values: values) }
        if let key, let cached = cachedResult(key, converter: converter, source: source) { return cached }
        let produced = try await run(converter, source: source, values: values, parameters: parameters)
        return try store(produced, key: key, converter: converter, source: source)
    }

    /// Converts `source` to `destination` (Nuxeo's `convertToMimeType`): the converter for the pair, else one from the
    /// source to HTML followed by one from HTML to the destination; none → 400 "No converters available to convert from
    /// X to Y.".
    public func convert(to destination: String, source: ConversionSource, parameters: [String: String] = [:]) async throws -> ConversionResult {
        let from = MimeTypes.normalize(source.mimeType)
        let to = MimeTypes.normalize(destination)
        guard let steps = route(from: from, to: to) else { throw NXError.invalid("No converters available to convert from \(from) to \(to).") }
        // Already of that type: the source itself, as Nuxeo's convertToMimeType answers.
        guard let first = steps.first else {
            return ConversionResult(path: source.path, mimeType: to, filename: source.filename ?? "file", length: Self.fileSize(source.path) ?? 0)
        }
        let result = try await convert(first.name, source: source, parameters: parameters)
        guard steps.count == 2 else { return result }
        let intermediate = ConversionSource(path: result.path, mimeType: "text/html", filename: source.filename,
                                            digest: source.digest.map { "\($0)>\(first.name)" })
        return try await convert(steps[1].name, source: intermediate, parameters: parameters)
    }

    /// The converters `convert(to:)` runs from the `source` type to `destination`: none (already of that type), the one
    /// for the pair, or one to HTML then one from HTML; nil when none is declared.
    func route(from source: String, to destination: String) -> [ConverterDescriptor]? {
        let from = MimeTypes.normalize(source)
        let to = MimeTypes.normalize(destination)
        if from.lowercased() == to.lowercased() { return [] }
        if let direct = converter(from: from, to: to) { return [direct] }
        if let toHTML = converter(from: from, to: "text/html"), let fromHTML = converter(from: "text/html", to: to) { return [toHTML, fromHTML] }
        return nil
    }

    /// Whether `convert(to:)` turns a file of the `source` type into `destination` here: every converter it would run is
    /// available.
    public func canConvert(from source: String, to destination: String) -> Bool {
        route(from: source, to: destination)?.allSatisfy { isAvailable($0.name) } ?? false
    }

    /// A converter's parameter values: each declared one from `parameters` (checked) or its default.
    static func values(of converter: ConverterDescriptor, _ parameters: [String: String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for param in converter.params {
            let value = parameters[param.name] ?? param.defaultValue
            switch param.type {
            case "integer":
                guard let number = Int(value), (param.min ?? Int.min)...(param.max ?? Int.max) ~= number else {
                    throw NXError.invalid("Invalid \(param.name) '\(value)' for converter \(converter.name): an integer from "
                                          + "\(param.min.map(String.init) ?? "") to \(param.max.map(String.init) ?? "") is expected")
                }
                values[param.name] = String(number)
            default:
                guard param.values.contains(value) else {
                    throw NXError.invalid("Invalid \(param.name) '\(value)' for converter \(converter.name): one of "
                                          + "\(param.values.joined(separator: ", ")) is expected")
                }
                values[param.name] = value
            }
        }
        return values
    }

    static func cacheKey(digest: String, converter: String, values: [String: String]) -> String {
        let text = ([digest, converter] + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Running

    /// A produced file, in a work directory the caller removes.
    struct Produced {
        var file: String
        var workDir: String
        var mimeType: String
    }

    func run(_ converter: ConverterDescriptor, source: ConversionSource, values: [String: String], parameters: [String: String]) async throws
        -> Produced {
        switch converter.run {
        case .chain(let steps):
            var current = source
            var previous: Produced?
            defer { if let previous { try? FileManager.default.removeItem(atPath: previous.workDir) } }
            for step in steps {
                guard let stepConverter = converters[step] else { throw NXError.internal("Converter \(step) is not registered") }
                guard stepConverter.accepts(current.mimeType) else {
                    throw NXError.invalid("\(current.mimeType) mime type not supported by \(step) converter")
                }
                let produced = try await run(stepConverter, source: current, values: try Self.values(of: stepConverter, parameters),
                                             parameters: parameters)
                if let previous { try? FileManager.default.removeItem(atPath: previous.workDir) }
                previous = produced
                current = ConversionSource(path: produced.file, mimeType: produced.mimeType, filename: source.filename)
            }
            guard let last = previous else { throw NXError.internal("Empty converter chain \(converter.name)") }
            previous = nil
            return last
        case .builtin(let name):
            let workDir = try makeWorkDir()
            let target = workDir + "/target." + (MimeTypes.extensions(of: converter.destinationMimeType).first ?? "bin")
            try await BuiltinConverters.run(name, source: source, target: target, extractor: extractor)
            return Produced(file: target, workDir: workDir, mimeType: converter.destinationMimeType)
        case .tool(let executable, let arguments, let output, _):
            guard let path = TextExtractor.findExecutable(executable) else { throw NXError.invalid("The '\(converter.name)' converter is not available") }
            let limits = archiveLimits
            try await BlockingIO.run { if ArchiveLimits.isArchive(source.path) { try limits.check(source.path, converter: converter.name) } }
            let workDir = try makeWorkDir()
            do {
                // The input under a fixed name with its type's extension (tools such as LibreOffice choose by it).
                let sourceExtension = MimeTypes.extensions(of: source.mimeType).first ?? "bin"
                let input = workDir + "/source." + sourceExtension
                do { try FileManager.default.linkItem(atPath: source.path, toPath: input) } catch {
                    try FileManager.default.copyItem(atPath: source.path, toPath: input)
                }
                let target = workDir + "/target." + (MimeTypes.extensions(of: converter.destinationMimeType).first ?? "bin")
                var substitutions = values
                substitutions["source"] = input
                substitutions["target"] = target
                substitutions["workDir"] = workDir
                let expanded = arguments.map { Self.expand($0, substitutions) }
                let outputPath = Self.expand(output, substitutions)
                await slots.acquire()
                // Every file a tool writes (its result, its standard error, ImageMagick's pixel cache) is bounded.
                let outcome = await runner.run(executable: path, arguments: expanded, workDir: workDir, timeout: converter.timeout,
                                               maxFileSize: max(maxResultBytes, 1 << 30))
                slots.release()
                switch outcome {
                case .succeeded: break
                case .timedOut:
                    throw NXError.invalid("Conversion with \(converter.name) stopped: it took longer than \(converter.timeout) s")
                case .failed(let status, _, let stderr):
                    logger.warning("conversion failed", metadata: ["converter": "\(converter.name)", "status": "\(status)", "stderr": "\(stderr)"])
                    throw NXError.invalid("Conversion with \(converter.name) failed: the file could not be converted (\(status))")
                case .notStarted(let reason):
                    throw NXError(.unavailable, "Conversion with \(converter.name) could not start: \(reason)")
                }
                guard let size = Self.fileSize(outputPath), size > 0 else {
                    throw NXError.invalid("Conversion with \(converter.name) produced nothing")
                }
                guard size <= maxResultBytes else { throw NXError.invalid("Conversion with \(converter.name) produced more than \(maxResultBytes) bytes") }
                return Produced(file: outputPath, workDir: workDir, mimeType: converter.destinationMimeType)
            } catch {
                try? FileManager.default.removeItem(atPath: workDir)
                throw error
            }
        }
    }

    /// `{name}` placeholders replaced by their values; unknown ones are left as they are (nxgen refuses them).
    static func expand(_ template: String, _ values: [String: String]) -> String {
        var result = template
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    func makeWorkDir() throws -> String { try ConverterRunner.makeWorkDir(under: root) }

    // MARK: Cache

    var cacheDirectory: String { root + "/cache" }

    /// The size of the file at `path`, nil when it does not exist.
    static func fileSize(_ path: String) -> Int64? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value
    }

    func resultName(_ converter: ConverterDescriptor, source: ConversionSource) -> String {
        let base = source.filename.map { name -> String in
            let last = (name as NSString).lastPathComponent
            return last.contains(".") ? String(last[..<(last.lastIndex(of: ".") ?? last.endIndex)]) : last
        } ?? "file"
        let ext = MimeTypes.extensions(of: converter.destinationMimeType).first
        return ext.map { "\(base.isEmpty ? "file" : base).\($0)" } ?? (base.isEmpty ? "file" : base)
    }

    func cachedResult(_ key: String, converter: ConverterDescriptor, source: ConversionSource) -> ConversionResult? {
        let path = cacheDirectory + "/" + key
        guard let size = Self.fileSize(path) else { return nil }
        // Touched: the least recently used files are evicted first.
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        return ConversionResult(path: path, mimeType: converter.destinationMimeType, filename: resultName(converter, source: source), length: size)
    }

    /// Moves a produced file into the cache (under `key`, or a one-off name when the source has no digest) and evicts
    /// the oldest files beyond the bound.
    func store(_ produced: Produced, key: String?, converter: ConverterDescriptor, source: ConversionSource) throws -> ConversionResult {
        defer { try? FileManager.default.removeItem(atPath: produced.workDir) }
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let path = cacheDirectory + "/" + (key ?? "once-" + UUID().uuidString)
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: produced.file, toPath: path)
        evict(keeping: path)
        return ConversionResult(path: path, mimeType: produced.mimeType, filename: resultName(converter, source: source),
                                length: Self.fileSize(path) ?? 0)
    }

    /// Removes the least recently used cache files until the cache fits its bound (never `keeping`).
    func evict(keeping: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: cacheDirectory) else { return }
        var files: [(path: String, size: Int64, date: Date)] = names.compactMap { name in
            let path = cacheDirectory + "/" + name
            guard let attributes = try? fm.attributesOfItem(atPath: path) else { return nil }
            return (path, (attributes[.size] as? NSNumber)?.int64Value ?? 0, attributes[.modificationDate] as? Date ?? .distantPast)
        }
        var total = files.reduce(Int64(0)) { $0 + $1.size }
        guard total > maxCacheBytes else { return }
        files.sort { $0.date < $1.date }
        for file in files where total > maxCacheBytes && file.path != keeping {
            try? fm.removeItem(atPath: file.path)
            total -= file.size
        }
    }
}

import Crypto

/// How binaries are named in the store: MD5 by default, as Nuxeo's blob providers (`DigestConfiguration`).
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case md5 = "MD5"
    case sha256 = "SHA-256"

    /// Reads a configured name (`MD5`, `sha-256`, `SHA256`); nil for an unknown one.
    public init?(configured name: String) {
        switch name.uppercased().replacingOccurrences(of: "-", with: "") {
        case "MD5": self = .md5
        case "SHA256": self = .sha256
        default: return nil
        }
    }

    /// Whether `text` is a digest of any supported algorithm.
    public static func isAnyDigest(_ text: String) -> Bool { allCases.contains { $0.isDigest(text) } }

    /// The length of a hex digest of this algorithm.
    public var hexLength: Int {
        switch self {
        case .md5: return 32
        case .sha256: return 64
        }
    }

    /// The lowercase hex digest of in-memory bytes.
    public func digest(of bytes: [UInt8]) -> String {
        var hasher = hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    /// A fresh incremental hasher.
    func hasher() -> IncrementalDigest { IncrementalDigest(self) }

    /// Whether `text` has the shape of a digest of this algorithm (lowercase hex of the right length): the only
    /// names the store accepts, so a digest can never name a path outside it.
    public func isDigest(_ text: String) -> Bool {
        text.utf8.count == hexLength && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// A digest computed as bytes stream by.
struct IncrementalDigest {
    private var md5: Insecure.MD5?
    private var sha256: SHA256?

    init(_ algorithm: DigestAlgorithm) {
        switch algorithm {
        case .md5: md5 = Insecure.MD5()
        case .sha256: sha256 = SHA256()
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if md5 != nil { md5?.update(bufferPointer: bytes) }
        if sha256 != nil { sha256?.update(bufferPointer: bytes) }
    }

    /// Lowercase hex.
    func finalize() -> String {
        if let md5 { return Self.hex(md5.finalize()) }
        if let sha256 { return Self.hex(sha256.finalize()) }
        return ""
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

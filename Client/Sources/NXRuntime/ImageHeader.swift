/// Width, height and format read from an image file's header (PNG, JPEG, GIF, netpbm), without decoding it.
public struct ImageHeader: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `PNG`, `JPEG`, `GIF` or `PPM`.
    public var format: String

    /// Creates a header.
    public init(width: Int, height: Int, format: String) {
        self.width = width
        self.height = height
        self.format = format
    }

    /// The header at the start of `b` (the first bytes of a file), nil when it is not a PNG, JPEG, GIF or netpbm image.
    public static func parse(_ b: [UInt8]) -> ImageHeader? {
        func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        if b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return ImageHeader(width: be32(16), height: be32(20), format: "PNG") }
        if b.count >= 10, b.starts(with: Array("GIF8".utf8)) {
            return ImageHeader(width: Int(b[6]) | Int(b[7]) << 8, height: Int(b[8]) | Int(b[9]) << 8, format: "GIF")
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = be16(i + 2)
                // Start of frame (baseline, progressive…; not DHT C4, JPG C8, DAC CC).
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return ImageHeader(width: be16(i + 7), height: be16(i + 5), format: "JPEG")
                }
                guard length >= 2 else { return nil }
                i += 2 + length
            }
            return nil
        }
        if b.count >= 2, b[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[1]) {
            // Netpbm: magic, then width and height as decimal tokens, comments (#…) skipped.
            var tokens: [Int] = []
            var i = 2
            while tokens.count < 2 && i < b.count {
                if b[i] == UInt8(ascii: "#") { while i < b.count && b[i] != 0x0A { i += 1 }; continue }
                if (0x30...0x39).contains(b[i]) {
                    var value = 0
                    while i < b.count, (0x30...0x39).contains(b[i]), value < 1 << 30 { value = value * 10 + Int(b[i] - 0x30); i += 1 }
                    tokens.append(value)
                    continue
                }
                i += 1
            }
            return tokens.count == 2 ? ImageHeader(width: tokens[0], height: tokens[1], format: "PPM") : nil
        }
        return nil
    }
}

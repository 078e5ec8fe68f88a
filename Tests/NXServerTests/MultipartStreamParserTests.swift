import Testing
@testable import NXServer

@Suite struct MultipartStreamParserTests {
    static let message = Array(("preamble\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "hello\r\n-B not a delimiter\r\n--B\r\nContent-Disposition: form-data; name=\"v\"\r\n\r\nmajor\r\n--B--\r\nepilogue").utf8)

    /// Parts as (headers, body) from the events.
    static func parts(_ events: [MultipartStreamParser.Event]) -> [([(String, String)], [UInt8])] {
        var result: [([(String, String)], [UInt8])] = []
        for event in events {
            switch event {
            case .headers(let headers): result.append((headers, []))
            case .body(let bytes): result[result.count - 1].1 += bytes
            default: continue
            }
        }
        return result
    }

    @Test func partsWhateverTheChunking() throws {
        for size in [1, 2, 3, 7, 16, Self.message.count] {
            var parser = MultipartStreamParser(boundary: "B")
            var events: [MultipartStreamParser.Event] = []
            var index = 0
            while index < Self.message.count {
                events += try parser.feed(Self.message[index..<min(Self.message.count, index + size)])
                index += size
            }
            let parts = Self.parts(events)
            #expect(parts.count == 2, "chunks of \(size)")
            #expect(String(decoding: parts[0].1, as: UTF8.self) == "hello\r\n-B not a delimiter")
            #expect(parts[0].0.first?.0 == "content-disposition")
            #expect(String(decoding: parts[1].1, as: UTF8.self) == "major")
            #expect(parser.isComplete && events.last == .end)
        }
    }

    @Test func nonASCIIHeaderNamesDoNotCrash() throws {
        var parser = MultipartStreamParser(boundary: "B")
        let events = try parser.feed(Array("--B\r\n\u{E9}: x\r\n\r\nabc\r\n--B--\r\n".utf8) + [0xFF, 0x80])
        #expect(Self.parts(events).first?.1 == Array("abc".utf8))
    }

    @Test func limitsAreEnforced() {
        var tooMany = MultipartStreamParser(boundary: "B", maxParts: 2)
        #expect(throws: MultipartStreamParser.Failure.self) {
            _ = try tooMany.feed(Array(String(repeating: "--B\r\n\r\nx\r\n", count: 3).utf8))
        }
        var hugeHeaders = MultipartStreamParser(boundary: "B")
        #expect(throws: MultipartStreamParser.Failure.self) {
            _ = try hugeHeaders.feed(Array(("--B\r\nX: " + String(repeating: "a", count: 20_000)).utf8))
        }
    }

    @Test func anUnterminatedMessageIsIncomplete() throws {
        var parser = MultipartStreamParser(boundary: "B")
        _ = try parser.feed(Array("--B\r\n\r\nabc".utf8))
        #expect(!parser.isComplete)
    }
}

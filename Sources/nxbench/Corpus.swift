import NXCore
import NXRuntime

/// A deterministic, seeded corpus: folders under the workspaces root, documents spread over them.
struct Corpus {
    /// SplitMix64: small, fast, reproducible.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let words = ["quick", "brown", "fox", "lazy", "dog", "quantum", "physics", "report", "budget", "invoice", "contract", "meeting",
                        "minutes", "design", "review", "plan", "summary", "draft", "final", "archive", "project", "alpha", "beta", "gamma"]
    static let natures = ["article", "report", "invoice", "contract", "memo", "note", "letter", "slides", "spec", "other"]

    let documents: Int
    var random: Random
    /// Number of folders: about one per 1,000 documents (at least 10) unless given.
    let folderCount: Int

    init(documents: Int, seed: UInt64, folders: Int? = nil) {
        self.documents = documents
        random = Random(state: seed)
        folderCount = folders ?? max(10, documents / 1000)
    }

    static func folderPath(_ i: Int) -> String { "/default-domain/workspaces/folder\(i)" }

    /// The folders, then the documents, in batches.
    mutating func folders() -> [NewDocument] {
        (0..<folderCount).map { i in
            NewDocument(parent: .path("/default-domain/workspaces"), type: "Folder", name: "folder\(i)", properties: ["dc:title": .string("Folder \(i)")])
        }
    }

    mutating func document(_ i: Int) -> NewDocument {
        let folder = i % folderCount
        let words = (0..<6).map { _ in Self.words[random.below(Self.words.count)] }.joined(separator: " ")
        let month = 1 + random.below(12), day = 1 + random.below(28)
        let properties: JSONObject = [
            "dc:title": .string("Document \(i)"),
            "dc:description": .string("\(words) number \(i)"),
            "dc:source": .string("source\(random.below(100))"),
            "dc:nature": .string(Self.natures[random.below(Self.natures.count)]),
            "dc:issued": .string("\(2020 + random.below(5))-" + pad(month) + "-" + pad(day) + "T10:00:00.000Z"),
            "dc:subjects": .array([.string(Self.words[random.below(Self.words.count)])]),
        ]
        return NewDocument(parent: .path(Self.folderPath(folder)), type: i % 5 == 0 ? "Note" : "File", name: "doc\(i)", properties: properties)
    }

    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

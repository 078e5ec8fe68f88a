import Foundation
import NXRuntime

/// What the user of an encrypted PDF may do: PDFBox's `AccessPermission`, bit by bit of the `/P` entry.
public struct PDFPermissions: Sendable, Equatable {
    /// Print (bit 3).
    public var print = false
    /// Modify the content (bit 4).
    public var modify = false
    /// Copy or extract text and graphics (bit 5).
    public var copy = false
    /// Add or modify annotations (bit 6).
    public var modifyAnnotations = false
    /// Fill form fields (bit 9).
    public var fillForms = false
    /// Extract for accessibility (bit 10).
    public var extractForAccessibility = false
    /// Assemble: insert, rotate, delete pages (bit 11).
    public var assemble = false
    /// Print in high quality — PDFBox's `canPrintDegraded` (bit 12).
    public var printDegraded = false

    /// No permission.
    public init() {}

    /// Every permission (an unencrypted file, or the owner's).
    public static let all = PDFPermissions(bits: -1)

    /// `PDF.EncryptReadOnly`'s: print, copy, accessibility and high-quality print; nothing else.
    public static let readOnly: PDFPermissions = {
        var permissions = PDFPermissions()
        permissions.print = true
        permissions.copy = true
        permissions.extractForAccessibility = true
        permissions.printDegraded = true
        return permissions
    }()

    /// The permissions of a `/P` value.
    public init(bits p: Int64) {
        func bit(_ n: Int) -> Bool { p & (Int64(1) << (n - 1)) != 0 }
        print = bit(3)
        modify = bit(4)
        copy = bit(5)
        modifyAnnotations = bit(6)
        fillForms = bit(9)
        extractForAccessibility = bit(10)
        assemble = bit(11)
        printDegraded = bit(12)
    }

    /// `PDF.Encrypt`'s `permissions`: keys `print`, `modify`, `copy`, `modifyAnnot`, `fillForms`,
    /// `extractForAccessibility`, `assemble`, `printDegraded` (any case), each true when its value is `true` (any case);
    /// other keys are ignored and missing ones are false, as Nuxeo's operation reads them.
    public init(properties: [(key: String, value: String)]) {
        for (key, value) in properties {
            let flag = value.lowercased() == "true"
            switch key.lowercased() {
            case "print": print = flag
            case "modify": modify = flag
            case "copy": copy = flag
            case "modifyannot": modifyAnnotations = flag
            case "fillforms": fillForms = flag
            case "extractforaccessibility": extractForAccessibility = flag
            case "assemble": assemble = flag
            case "printdegraded": printDegraded = flag
            default: continue
            }
        }
    }
}

/// Encryption (qpdf's standard security handler: AES for 128-bit keys, RC4 for 40-bit ones as PDFBox writes them).
extension PDFWorkDirectory {
    /// A copy of the readable PDF `file` encrypted with `owner` and `user` passwords, a `keyLength` of 40 or 128 bits
    /// and `permissions`. qpdf cannot give high-quality printing without printing (bit 12 without bit 3): printing is
    /// then refused altogether. The passwords reach qpdf through a file of the work directory: its job JSON for 128 bits,
    /// an argument file (one argument a line) for 40 bits, which qpdf 11's job JSON cannot describe: there a password
    /// cannot hold a line break nor start with `-` (400).
    public func encrypt(_ file: String, ownerPassword: String, userPassword: String, keyLength: Int, permissions: PDFPermissions,
                        failure: String = "Failed to encrypt the PDF") async throws -> String {
        func yn(_ flag: Bool) -> String { flag ? "y" : "n" }
        let target = newFile("pdf")
        switch keyLength {
        case 40:
            // qpdf 11 reads these passwords as positional arguments: a leading `-` reads as an option (`--` crashes it).
            for password in [ownerPassword, userPassword] {
                guard !password.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }), !password.hasPrefix("-") else {
                    throw NXError.invalid("\(failure): a password of a 40-bit key cannot hold line breaks nor start with '-'")
                }
            }
            let arguments = ["--allow-weak-crypto", "--warning-exit-0", file, "--encrypt", userPassword, ownerPassword, "40",
                             "--print=" + yn(permissions.print), "--modify=" + yn(permissions.modify),
                             "--extract=" + yn(permissions.copy), "--annotate=" + yn(permissions.modifyAnnotations), "--", target]
            let argumentFile = try privateFile("args", contents: Data((arguments.joined(separator: "\n") + "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: argumentFile) }
            try await run(.qpdf, ["@" + argumentFile], failure: failure)
        case 128:
            let print: JSONValue = !permissions.print ? "none" : permissions.printDegraded ? "full" : "low"
            let encrypt = JSONObject([
                ("userPassword", .string(userPassword)), ("ownerPassword", .string(ownerPassword)),
                ("128bit", .object(JSONObject([
                    ("print", print), ("modifyOther", .string(yn(permissions.modify))), ("extract", .string(yn(permissions.copy))),
                    ("annotate", .string(yn(permissions.modifyAnnotations))), ("form", .string(yn(permissions.fillForms))),
                    ("accessibility", .string(yn(permissions.extractForAccessibility))), ("assemble", .string(yn(permissions.assemble))),
                    ("useAes", "y"),
                ]))),
            ])
            try await qpdf(JSONObject([("inputFile", .string(file)), ("outputFile", .string(target)), ("warningExit0", ""),
                                       ("encrypt", .object(encrypt))]), failure: failure)
        default:
            throw NXError.invalid("Cannot use \(keyLength) is not allowed as lenght for the encrytion key")
        }
        return target
    }
}

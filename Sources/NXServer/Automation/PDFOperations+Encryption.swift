import NXAPI
import NXCore
import NXRuntime

/// `PDF.Encrypt`, `PDF.EncryptReadOnly`, `PDF.RemoveEncryption` (Nuxeo's `PDFEncryption`): a file, files, or the file at
/// `xpath` of each document, encrypted or decrypted. Results are named as Nuxeo's are, after their temporary file
/// (`nxblob-<n>.pdf`).
extension DocumentOperations {
    func pdfEncrypt(_ input: Value, _ params: PdfEncryptParams, context: Context) async throws -> Value {
        let permissions = PDFPermissions(properties: PDFNames.texts(params.permissions))
        return try await context.encryptEach(input, xpath: params.xpath, keyLength: params.keyLength, originalOwner: params.originalOwnerPwd,
                                             owner: params.ownerPwd, user: params.userPwd, permissions: permissions)
    }

    func pdfEncryptReadOnly(_ input: Value, _ params: PdfEncryptReadOnlyParams, context: Context) async throws -> Value {
        try await context.encryptEach(input, xpath: params.xpath, keyLength: params.keyLength, originalOwner: params.originalOwnerPwd,
                                      owner: params.ownerPwd, user: params.userPwd, permissions: .readOnly)
    }

    /// An encrypted file decrypted with `ownerPwd`; a file that is not encrypted is answered as it is.
    func pdfRemoveEncryption(_ input: Value, _ params: PdfRemoveEncryptionParams, context: Context) async throws -> Value {
        try await context.eachPDF(input, xpath: params.xpath) { tools, binaries, blob, source in
            try await tools.withWorkDirectory { work in
                let failure = "Failed to remove encryption of the PDF"
                let plain = try await work.load(source, password: params.ownerPwd, failure: failure)
                guard try await work.isEncrypted(source, failure: failure) else { return blob }
                return try await context.store(plain, name: PDFNames.temporary(), mimeType: "application/pdf", binaries)
            }
        }
    }
}

extension OperationContext {
    /// Each input file opened with `originalOwner` and encrypted with `owner` (blank: `originalOwner`) and `user`
    /// passwords, a key of `keyLength` bits (40 or 128; below 1: 128) and `permissions`.
    func encryptEach(_ input: OperationValue, xpath: String, keyLength: String, originalOwner: String?, owner: String?, user: String?,
                     permissions: PDFPermissions) async throws -> OperationValue {
        guard var bits = Int(keyLength.trimmingCharacters(in: .whitespaces)) else {
            throw NXError.invalid("Invalid value '\(keyLength)' for parameter 'keyLength' of operation \(operationId): 40 or 128 is expected")
        }
        if bits < 1 { bits = 128 }
        guard bits == 40 || bits == 128 else {
            throw NXError.invalid("Cannot use \(bits) is not allowed as lenght for the encrytion key")
        }
        let ownerPassword = (owner ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? originalOwner ?? "" : owner ?? ""
        return try await eachPDF(input, xpath: xpath) { tools, binaries, _, source in
            try await tools.withWorkDirectory { work in
                let failure = "Failed to encrypt the PDF"
                let plain = try await work.load(source, password: originalOwner, failure: failure)
                let encrypted = try await work.encrypt(plain, ownerPassword: ownerPassword, userPassword: user ?? "", keyLength: bits,
                                                       permissions: permissions, failure: failure)
                return try await self.store(encrypted, name: PDFNames.temporary(), mimeType: "application/pdf", binaries)
            }
        }
    }
}

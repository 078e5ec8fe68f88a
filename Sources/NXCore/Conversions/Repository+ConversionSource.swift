import NXRuntime

extension Repository {
    /// A stored blob as the source of a conversion: its binary's path, its detected mime type, its name and digest; nil
    /// when the repository has no binary store or the binary is missing.
    public func conversionSource(of blob: BlobValue) -> ConversionSource? {
        guard let path = binaries?.file(blob.digest) else { return nil }
        return ConversionSource(path: path, mimeType: detectMimeType(blob), filename: blob.name, digest: blob.digest)
    }
}

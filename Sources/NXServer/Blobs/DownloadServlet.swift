import Foundation
import HTTPTypes
import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// `GET|HEAD /nuxeo/nxfile/<repo>/<docId>/<xpath>[/<filename>]`: the download URL the blob JSON advertises
/// (`DownloadServlet`, server-behaviour-2.md §1.6), streamed as `@blob` does. The URL's file name wins over the blob's in
/// `Content-Disposition`; a URL carrying a `changeToken` is cacheable for a year (its content never changes), others
/// must be revalidated. Without an xpath, the document's main blob.
struct DownloadServlet {
    static let path = "/nuxeo/nxfile"
    let handlers: APIHandlers

    func register(on router: Router<NXRequestContext>) {
        for method in [HTTPRequest.Method.get, .head] {
            router.on(RouterPath(stringLiteral: Self.path + "/**"), method: method) { request, context -> Response in
                do {
                    return try await respond(request, context: context)
                } catch {
                    return ErrorResponder.response(for: error, logger: context.logger)
                }
            }
        }
    }

    func respond(_ request: Request, context: NXRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw NXError.unauthenticated("Authentication required") }
        let rest = request.uri.path.dropFirst(Self.path.count)
        let parts = RouteMatcher.segments(rest).filter { !$0.isEmpty }
        guard parts.count >= 2 else { throw NXError.notFound("Invalid URL syntax") }
        let (repository, _) = try handlers.repository(parts[0])
        let document: DocumentRecord
        do {
            document = try await repository.document(.id(parts[1]), principal: principal.repositoryPrincipal)
        } catch let error as NXError where error.code == .notFound {
            throw NXError.notFound("No document found")
        }
        let tail = parts.dropFirst(2).map { $0.replacingOccurrences(of: ";", with: ":") }
        var xpath = tail.joined(separator: "/")
        var filename: String?
        if tail.isEmpty {
            xpath = "blobholder:0"
        } else if tail.count >= 2, (try? repository.blob(of: document, xpath: xpath)) == nil {
            filename = tail.last
            xpath = tail.dropLast().joined(separator: "/")
        }
        if !xpath.contains(":") { throw NXError.notFound("No blob found") }
        let download: BlobDownload
        do {
            download = try handlers.download(document, xpath: xpath, repository: repository, urlFilename: filename)
        } catch let error as NXError where error.code == .notFound {
            throw NXError.notFound("No blob found")
        }
        let inline = request.uri.queryParameters["inline"].map { $0 != "false" } ?? false
        var response = try download.response(method: request.method, headers: request.headers, inline: inline)
        if request.method == .get {
            let cacheable = !(request.uri.queryParameters["changeToken"] ?? "").isEmpty
            response.headers[.cacheControl] = cacheable ? "private, max-age=31536000" : "private, max-age=0"
            response.headers[.expires] = BlobDownload.httpDate(Date(timeIntervalSinceNow: cacheable ? 31_536_000 : 0))
        }
        return response
    }
}

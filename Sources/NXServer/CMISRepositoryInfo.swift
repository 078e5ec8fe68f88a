import Hummingbird
import NXAPIRuntime
import NXCore
import NXRuntime

/// `GET /nuxeo/json/cmis`: the repository infos of the CMIS browser binding, reduced to what Nuxeo clients read from it
/// (the Python client and Nuxeo Drive take the server version from `productVersion` to choose between code paths, e.g.
/// `Document.Trash` since 10.2). nx implements no other part of CMIS.
struct CMISRepositoryInfo {
    static let path = "/nuxeo/json/cmis"
    /// The Nuxeo API level nx implements (LTS 2023).
    static let productVersion = "2023.0"

    let repository: Repository

    func register(on router: Router<NXRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path)) { request, _ -> Response in
            let root = try? await repository.document(.path("/"))
            let base = "http://\(request.head.authority ?? "localhost")\(Self.path)/\(repository.name)"
            let info: JSONObject = [
                "repositoryId": .string(repository.name), "repositoryName": .string(repository.name),
                "repositoryDescription": .string(repository.name), "vendorName": "Nuxeo", "productName": "Nuxeo",
                "productVersion": .string(Self.productVersion), "rootFolderId": root.map { .string($0.id) } ?? .null,
                "repositoryUrl": .string(base), "rootFolderUrl": .string(base + "/root"), "cmisVersionSupported": "1.1",
            ]
            return EntityResponse.json(status: 200, .object([repository.name: .object(info)]))
        }
    }
}

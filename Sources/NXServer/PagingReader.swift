import NXAPI
import NXCore
import NXModel

extension PagingParameters {
    /// The page of a user or group list the request asks for.
    var request: PageRequest { read(with: PageRequest.Reader()) }
}

extension PageRequest {
    /// The one reader of the generated `PagingParameters` (user and group lists): every parameter of the set is an
    /// argument here, so a parameter added to the spec's set stops the build until it is read (or named `_`).
    struct Reader: PagingParametersReader {
        func read(pageSize: Int?, currentPageIndex: Int?, offset: Int?) -> PageRequest {
            PageRequest(pageSize: pageSize, currentPageIndex: currentPageIndex, offset: offset)
        }
    }
}

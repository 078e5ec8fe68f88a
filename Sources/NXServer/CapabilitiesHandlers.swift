import NXAPI
import NXAPIRuntime
import NXCore
import NXModel
import NXRuntime

/// `GET /capabilities`: the distribution, and the cluster this node belongs to.
extension APIHandlers {
    func getCapabilities(repository: String, context: NXCallContext) async throws -> GetCapabilitiesOutput {
        let version = CMISRepositoryInfo.productVersion
        let nodes = try await state.liveNodes()
        return .ok(CapabilitiesEntity(
            server: ServerCapabilities(distributionName: "nx", distributionVersion: version, distributionServer: "nx"),
            cluster: ClusterCapabilities(enabled: state.clustered, nodeId: state.nodeId, nodes: nodes)))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// The automation endpoint on the wire: its servlet alias, void results, the registry's key order.
@Suite struct AutomationWireTests {
    @Test func siteAutomationIsAnAliasOfTheAPIEndpoint() async throws {
        try await testApplication().test(.router) { client in
            let registry = try await client.execute(uri: "/nuxeo/site/automation", method: .get, headers: .admin())
            #expect(registry.status == .ok)
            #expect(topLevelKeys(registry.text) == ["paths", "codecs", "operations", "chains"])
            let fetched = try await client.execute(
                uri: "/nuxeo/site/automation/Repository.GetDocument", method: .post, headers: .admin([("Content-Type", "application/json+nxrequest")]),
                body: ByteBuffer(string: #"{"params":{"value":"/default-domain"}}"#))
            #expect(fetched.status == .ok)
            #expect(fetched.json.objectValue?["path"] == "/default-domain")
            let unauthenticated = try await client.execute(uri: "/nuxeo/site/automation", method: .get)
            #expect(unauthenticated.status == .unauthorized)
        }
    }

    @Test func operationDocumentationKeysAreInNuxeoOrder() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/api/v1/automation/Document.FollowLifecycleTransition", method: .get, headers: .admin())
            #expect(topLevelKeys(response.text) == ["id", "aliases", "label", "category", "requires", "description", "url", "signature", "params"])
        }
    }
}

/// `/nuxeo/json/cmis`: the repository infos Nuxeo clients read the server version from.
@Suite struct CMISRepositoryInfoTests {
    @Test func repositoryInfosNameTheProductVersion() async throws {
        try await testApplication().test(.router) { client in
            let response = try await client.execute(uri: "/nuxeo/json/cmis", method: .get, headers: .admin())
            #expect(response.status == .ok)
            let info = response.json.objectValue?["default"]?.objectValue
            #expect(info?["productVersion"] == "2023.0" && info?["repositoryId"] == "default")
            #expect(try await client.execute(uri: "/nuxeo/json/cmis", method: .get).status == .unauthorized)
        }
    }
}

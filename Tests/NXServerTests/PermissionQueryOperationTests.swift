import Foundation
import Logging
import NXAPIRuntime
import NXCore
import NXRuntime
@testable import NXServer
import Testing

/// `Context.GetUsersGroupIdsWithPermissionOnDoc` and `Context.GetEmailsWithPermissionOnDoc`: the principals holding a
/// permission (directly, through a permission group, or Everything) land in a context variable the next operation reads.
@Suite struct PermissionQueryOperationTests {
    static func context(_ state: ServerState) throws -> OperationContext {
        let call = NXCallContext(principal: NXPrincipal(name: "Administrator", isAdministrator: true), baseURL: "http://localhost/nuxeo/",
                                 logger: Logger(label: "test"))
        return OperationContext(repository: state.repository, users: state.users, call: call, operationId: "test",
                                state: try ExecutionState())
    }

    @Test func principalsWithAPermissionAreCollected() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-perm-\(UUID().uuidString)").path
        var configuration = ServerConfiguration(port: 0)
        configuration.dataDirectory = directory
        configuration.bcryptCost = 4
        let state = try await ServerState.open(configuration)
        let admin = Principal.unrestricted("Administrator")
        _ = try await state.users.createUser(UserRecord(name: "ann", email: "ann@example.com"), password: "x")
        _ = try await state.users.createUser(UserRecord(name: "ben", email: "ben@example.com"), password: "x")
        _ = try await state.users.createGroup(GroupRecord(name: "readers", memberUsers: ["ben"]))
        let folder = try await state.repository.create(in: .path("/default-domain"), type: "Folder", name: "perm", properties: nil, principal: admin)
        _ = try await state.repository.addPermission(.id(folder.id), [
            ACE(username: "ann", permission: "ReadWrite"), ACE(username: "readers", permission: "Read"),
            ACE(username: "carl", permission: "Write"),
        ], blockInheritance: true, principal: admin)
        let context = try Self.context(state)
        let output = try await context.execute("Document.GetUsersAndGroups", input: .document(folder),
                                               params: ["permission": "Read", "variable name": "readers", "prefix identifiers": true])
        guard case .document(let returned) = output else { Issue.record("the input document is the output"); return }
        #expect(returned.id == folder.id)
        let ids = context.state.variable("readers")?.jsonSummary.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(ids) == ["user:Administrator", "user:ann", "group:readers"])
        _ = try await context.execute("Context.GetUsersGroupIdsWithPermissionOnDoc", input: .document(folder),
                                      params: ["permission": "Read", "variable name": "resolved", "resolve groups": true])
        #expect(Set(context.state.variable("resolved")?.jsonSummary.arrayValue?.compactMap(\.stringValue) ?? []) == ["Administrator", "ann", "ben"])
        _ = try await context.execute("Context.GetEmailsWithPermissionOnDoc", input: .document(folder),
                                      params: ["permission": "Read", "variable name": "emails"])
        #expect(Set(context.state.variable("emails")?.jsonSummary.arrayValue?.compactMap(\.stringValue) ?? []) == ["devnull@nuxeo.com", "ann@example.com", "ben@example.com"])
        await #expect(throws: NXError.self) {
            _ = try await context.execute("Context.GetEmailsWithPermissionOnDoc", input: .document(folder), params: ["permission": "Read"])
        }
    }

    @Test func directoryProjectionFillsAVariable() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-proj-\(UUID().uuidString)").path
        var configuration = ServerConfiguration(port: 0)
        configuration.dataDirectory = directory
        configuration.bcryptCost = 4
        let state = try await ServerState.open(configuration)
        let context = try Self.context(state)
        _ = try await context.execute("Directory.Projection", input: .void,
                                      params: ["directoryName": "continent", "columnName": "id", "variableName": "exact", "filters": "id=europe"])
        #expect(context.state.variable("exact")?.jsonSummary == ["europe"])
        _ = try await context.execute("Directory.Projection", input: .void, params: [
            "directoryName": "continent", "columnName": "id", "variableName": "like", "filters": "id=AMER", "fulltextFields": "id",
        ])
        #expect(Set(context.state.variable("like")?.jsonSummary.arrayValue?.compactMap(\.stringValue) ?? []) == ["north-america", "south-america"])
    }
}

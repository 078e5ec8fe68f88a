import Foundation
@testable import NXCore
import NXRuntime
import Testing

/// Stored workflow records read back as they were written, every field set.
@Suite struct WorkflowRecordTests {
    func stored<T: Encodable>(_ value: T) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }

    @Test func recordsRoundTrip() throws {
        let instance = WorkflowInstance(id: "w", name: "M", modelName: "M", title: "t", state: .canceled, initiator: "ann", created: 5,
                                        variables: ["a": [1, "x"], "b": nil, "c": ["k": true]], documentIds: ["d1", "d2"])
        #expect(try WorkflowInstance(stored: stored(instance)) == instance)
        let node = WorkflowNodeState(instanceId: "w", nodeId: "n", state: "suspended", count: 3, startDate: 7, endDate: 9, lastActor: "joe",
                                     button: "ok", variables: ["comment": "hi"], arrivedTransitions: ["t1"],
                                     tasksInfo: [WorkflowTaskInfo(taskId: "k", actor: "joe", comment: "c", status: "ok", ended: true),
                                                 WorkflowTaskInfo(taskId: "l")],
                                     executedEscalations: ["late"])
        #expect(try WorkflowNodeState(stored: stored(node)) == node)
        let task = WorkflowTask(id: "k", instanceId: "w", nodeId: "n", name: "T", directive: "d", state: .ended, created: 1, dueDate: 2,
                                actors: ["user:joe"], delegatedActors: ["ann"], comments: [WorkflowTaskComment(author: "joe", text: "t", date: 3)],
                                targetDocumentIds: ["d1"], status: "ok", endedBy: "joe", permission: "Read")
        #expect(try WorkflowTask(stored: stored(task)) == task)
        let bare = WorkflowTask(id: "k", instanceId: "w", nodeId: "n", name: "T", directive: nil, state: .opened, created: 1, dueDate: 2,
                                actors: [], targetDocumentIds: [])
        #expect(try WorkflowTask(stored: stored(bare)) == bare)
        #expect(throws: (any Error).self) { try WorkflowTask(stored: #"{"id":"k"}"#) }
    }
}

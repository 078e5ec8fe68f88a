import NXRuntime

/// Reading stored workflow records from their JSON (the keys `Codable` writes) without the `Decoder` machinery: a page
/// of tasks decodes each task, its workflow and node states, so this is on the path of every `GET /task`.
enum WorkflowRecordDecoding {
    struct Invalid: Error {}

    static func string(_ object: JSONObject, _ key: String) throws -> String {
        guard let value = object[key]?.stringValue else { throw Invalid() }
        return value
    }

    static func optionalString(_ object: JSONObject, _ key: String) -> String? { object[key]?.stringValue }

    static func int(_ object: JSONObject, _ key: String) throws -> Int64 {
        guard let value = object[key]?.int64Value else { throw Invalid() }
        return value
    }

    static func strings(_ object: JSONObject, _ key: String) -> [String] {
        (object[key]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func parse(_ text: String) throws -> JSONObject {
        guard let object = try NXJSON.parse(Array(text.utf8)).objectValue else { throw Invalid() }
        return object
    }
}

extension WorkflowInstance {
    init(stored text: String) throws {
        typealias D = WorkflowRecordDecoding
        let o = try D.parse(text)
        guard let state = WorkflowState(rawValue: try D.string(o, "state")) else { throw D.Invalid() }
        self.init(id: try D.string(o, "id"), name: try D.string(o, "name"), modelName: try D.string(o, "modelName"), title: try D.string(o, "title"),
                  state: state, initiator: try D.string(o, "initiator"), created: try D.int(o, "created"),
                  variables: o["variables"]?.objectValue ?? JSONObject(), documentIds: D.strings(o, "documentIds"))
    }
}

extension WorkflowNodeState {
    init(stored text: String) throws {
        typealias D = WorkflowRecordDecoding
        let o = try D.parse(text)
        let infos: [WorkflowTaskInfo] = try (o["tasksInfo"]?.arrayValue ?? []).map { item in
            guard let i = item.objectValue else { throw D.Invalid() }
            return WorkflowTaskInfo(taskId: try D.string(i, "taskId"), actor: D.optionalString(i, "actor"), comment: D.optionalString(i, "comment"),
                                    status: D.optionalString(i, "status"), ended: i["ended"]?.boolValue ?? false)
        }
        self.init(instanceId: try D.string(o, "instanceId"), nodeId: try D.string(o, "nodeId"), state: try D.string(o, "state"),
                  count: Int(try D.int(o, "count")), startDate: o["startDate"]?.int64Value, endDate: o["endDate"]?.int64Value,
                  lastActor: D.optionalString(o, "lastActor"), button: D.optionalString(o, "button"),
                  variables: o["variables"]?.objectValue ?? JSONObject(), arrivedTransitions: D.strings(o, "arrivedTransitions"),
                  tasksInfo: infos, executedEscalations: D.strings(o, "executedEscalations"))
    }
}

extension WorkflowTask {
    init(stored text: String) throws {
        typealias D = WorkflowRecordDecoding
        let o = try D.parse(text)
        guard let state = WorkflowTaskState(rawValue: try D.string(o, "state")) else { throw D.Invalid() }
        let comments: [WorkflowTaskComment] = try (o["comments"]?.arrayValue ?? []).map { item in
            guard let c = item.objectValue else { throw D.Invalid() }
            return WorkflowTaskComment(author: try D.string(c, "author"), text: try D.string(c, "text"), date: try D.int(c, "date"))
        }
        self.init(id: try D.string(o, "id"), instanceId: try D.string(o, "instanceId"), nodeId: try D.string(o, "nodeId"), name: try D.string(o, "name"),
                  directive: D.optionalString(o, "directive"), state: state, created: try D.int(o, "created"), dueDate: try D.int(o, "dueDate"),
                  actors: D.strings(o, "actors"), delegatedActors: D.strings(o, "delegatedActors"), comments: comments,
                  targetDocumentIds: D.strings(o, "targetDocumentIds"), status: D.optionalString(o, "status"),
                  endedBy: D.optionalString(o, "endedBy"), permission: D.optionalString(o, "permission"))
    }
}

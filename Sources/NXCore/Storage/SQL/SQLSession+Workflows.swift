import Foundation
import NXRuntime

/// Workflow instances, node states and tasks on SQLite: indexed columns plus the record as JSON (`data`).
extension SQLSession {
    private static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func decode(_ type: WorkflowInstance.Type, _ text: String) throws -> WorkflowInstance {
        try WorkflowInstance(stored: text)
    }
    private static func decode(_ type: WorkflowNodeState.Type, _ text: String) throws -> WorkflowNodeState {
        try WorkflowNodeState(stored: text)
    }
    private static func decode(_ type: WorkflowTask.Type, _ text: String) throws -> WorkflowTask {
        try WorkflowTask(stored: text)
    }

    func workflowInstance(id: String) throws -> WorkflowInstance? {
        try db.value(String.self, "SELECT data FROM wf_instances WHERE id = ?", [id])
            .map { try Self.decode(WorkflowInstance.self, $0) }
    }

    func workflowInstances(states: [WorkflowState], initiator: String?, documentId: String?, modelName: String?) throws -> [WorkflowInstance] {
        var sql = "SELECT i.data FROM wf_instances i"
        var arguments: [any SQLBindable] = []
        var conditions: [String] = []
        if let documentId {
            sql += " JOIN wf_instance_documents d ON d.instance_id = i.id AND d.document_id = ?"
            arguments.append(documentId)
        }
        if !states.isEmpty {
            conditions.append("i.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            arguments += states.map(\.rawValue)
        }
        if let initiator {
            conditions.append("i.initiator = ?")
            arguments.append(initiator)
        }
        if let modelName {
            conditions.append("i.model = ?")
            arguments.append(modelName)
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY i.created, i.id"
        return try db.values(String.self, sql, (arguments))
            .map { try Self.decode(WorkflowInstance.self, $0) }
    }

    func workflowNodeStates(instanceId: String) throws -> [WorkflowNodeState] {
        try db.values(String.self, "SELECT data FROM wf_nodes WHERE instance_id = ? ORDER BY node_id", [instanceId])
            .map { try Self.decode(WorkflowNodeState.self, $0) }
    }

    func workflowNodeState(instanceId: String, nodeId: String) throws -> WorkflowNodeState? {
        try db.value(String.self, "SELECT data FROM wf_nodes WHERE instance_id = ? AND node_id = ?", [instanceId, nodeId])
            .map { try Self.decode(WorkflowNodeState.self, $0) }
    }

    func workflowTask(id: String) throws -> WorkflowTask? {
        try db.value(String.self, "SELECT data FROM wf_tasks WHERE id = ?", [id])
            .map { try Self.decode(WorkflowTask.self, $0) }
    }

    func workflowTasks(instanceId: String, nodeId: String?, openOnly: Bool) throws -> [WorkflowTask] {
        var sql = "SELECT data FROM wf_tasks WHERE instance_id = ?"
        var arguments: [any SQLBindable] = [instanceId]
        if openOnly { sql += " AND state = 'opened'" }
        if let nodeId {
            sql += " AND node_id = ?"
            arguments.append(nodeId)
        }
        sql += " ORDER BY created, id"
        return try db.values(String.self, sql, (arguments))
            .map { try Self.decode(WorkflowTask.self, $0) }
    }

    func openWorkflowTasks(_ filter: WorkflowTaskFilter, visibleTo: [String]?, initiator: String?, limit: Int, offset: Int) throws
        -> (tasks: [WorkflowTask], total: Int)
    {
        if let actors = filter.actors, filter.instanceId == nil, filter.documentId == nil, filter.modelName == nil, visibleTo == nil {
            return try openWorkflowTasks(actors: actors, limit: limit, offset: offset)
        }
        // The narrowest index drives: the actors' (open, due date) ranges, else the document's, else every open task.
        var from: String
        var arguments: [any SQLBindable] = []
        var conditions: [String] = []
        if let actors = filter.actors {
            guard !actors.isEmpty else { return ([], 0) }
            from = """
                (SELECT DISTINCT task_id AS id FROM wf_task_actors WHERE open = 1 AND actor IN (\(actors.map { _ in "?" }.joined(separator: ", ")))) a
                JOIN wf_tasks t ON t.id = a.id
                """
            arguments += actors
        } else if let documentId = filter.documentId {
            from = "wf_task_documents d JOIN wf_tasks t ON t.id = d.task_id"
            conditions.append("d.document_id = ? AND d.open = 1")
            arguments.append(documentId)
        } else {
            from = "wf_tasks t"
        }
        conditions.append("t.state = 'opened'")
        if filter.actors != nil, let documentId = filter.documentId {
            conditions.append("EXISTS (SELECT 1 FROM wf_task_documents d WHERE d.task_id = t.id AND d.document_id = ? AND d.open = 1)")
            arguments.append(documentId)
        }
        if let instanceId = filter.instanceId {
            conditions.append("t.instance_id = ?")
            arguments.append(instanceId)
        }
        if let modelName = filter.modelName {
            conditions.append("EXISTS (SELECT 1 FROM wf_instances i WHERE i.id = t.instance_id AND i.model = ?)")
            arguments.append(modelName)
        }
        if let visibleTo {
            var visible = visibleTo.isEmpty ? "1 = 0" : """
                EXISTS (SELECT 1 FROM wf_task_actors v WHERE v.task_id = t.id AND v.open = 1 AND v.actor IN (\(visibleTo.map { _ in "?" }.joined(separator: ", "))))
                """
            arguments += visibleTo
            if let initiator {
                visible += " OR EXISTS (SELECT 1 FROM wf_instances i WHERE i.id = t.instance_id AND i.initiator = ?)"
                arguments.append(initiator)
            }
            conditions.append("(\(visible))")
        }
        let whereClause = " WHERE " + conditions.joined(separator: " AND ")
        let total = try db.value(Int.self, "SELECT COUNT(*) FROM \(from)\(whereClause)", (arguments)) ?? 0
        guard limit > 0 else { return ([], total) }
        let rows = try db.values(String.self, "SELECT t.data FROM \(from)\(whereClause) ORDER BY t.due_date, t.id LIMIT ? OFFSET ?",
                                       (arguments + [limit, offset]))
        return (try rows.map { try Self.decode(WorkflowTask.self, $0) }, total)
    }

    /// The open tasks of some actors only: answered from the actor index. When one name holds every row (the usual
    /// case: a user's tasks name it one way), the count and the page are ranges of the index in due-date order; otherwise
    /// a task matching several names is counted once.
    private func openWorkflowTasks(actors: [String], limit: Int, offset: Int) throws -> (tasks: [WorkflowTask], total: Int) {
        let present = try Set(actors).sorted().filter { actor in
            try db.value(Bool.self, "SELECT 1 FROM wf_task_actors WHERE actor = ? AND open = 1 LIMIT 1", [actor]) == true
        }
        guard !present.isEmpty else { return ([], 0) }
        let total: Int
        let rows: [String]
        if present.count == 1 {
            total = try db.value(Int.self, "SELECT COUNT(*) FROM wf_task_actors WHERE actor = ? AND open = 1",
                                     [present[0]]) ?? 0
            rows = limit <= 0 ? [] : try db.values(String.self, """
                SELECT t.data FROM wf_task_actors a JOIN wf_tasks t ON t.id = a.task_id WHERE a.actor = ? AND a.open = 1
                ORDER BY a.due_date, a.task_id LIMIT ? OFFSET ?
                """, [present[0], limit, offset])
        } else {
            let names = present.map { _ in "?" }.joined(separator: ", ")
            total = try db.value(Int.self, "SELECT COUNT(DISTINCT task_id) FROM wf_task_actors WHERE open = 1 AND actor IN (\(names))",
                                     (present)) ?? 0
            rows = limit <= 0 ? [] : try db.values(String.self, """
                SELECT t.data FROM (SELECT task_id, MIN(due_date) AS due FROM wf_task_actors WHERE open = 1 AND actor IN (\(names))
                GROUP BY task_id ORDER BY due, task_id LIMIT ? OFFSET ?) a JOIN wf_tasks t ON t.id = a.task_id ORDER BY a.due, a.task_id
                """, present.map { $0 as any SQLBindable } + [limit, offset])
        }
        return (try rows.map { try Self.decode(WorkflowTask.self, $0) }, total)
    }

    func saveWorkflowInstance(_ instance: WorkflowInstance) throws {
        try db.execute("""
            INSERT INTO wf_instances (id, model, state, initiator, created, data) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, data = excluded.data
            """, [instance.id, instance.modelName, instance.state.rawValue, instance.initiator, instance.created,
                                     try Self.encode(instance)])
        for documentId in instance.documentIds {
            try db.execute("INSERT INTO wf_instance_documents (document_id, instance_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [documentId, instance.id])
        }
    }

    func saveWorkflowNodeState(_ state: WorkflowNodeState) throws {
        try db.execute("""
            INSERT INTO wf_nodes (instance_id, node_id, data) VALUES (?, ?, ?)
            ON CONFLICT(instance_id, node_id) DO UPDATE SET data = excluded.data
            """, [state.instanceId, state.nodeId, try Self.encode(state)])
    }

    func saveWorkflowTask(_ task: WorkflowTask) throws {
        try db.execute("""
            INSERT INTO wf_tasks (id, instance_id, node_id, state, due_date, created, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, due_date = excluded.due_date, data = excluded.data
            """, [task.id, task.instanceId, task.nodeId, task.state.rawValue, task.dueDate, task.created,
                                     try Self.encode(task)])
        let open = task.state == .opened
        try db.execute("DELETE FROM wf_task_actors WHERE task_id = ?", [task.id])
        for actor in Set(task.actors + task.delegatedActors) {
            try db.execute("INSERT INTO wf_task_actors (actor, open, due_date, task_id) VALUES (?, ?, ?, ?)", [actor, open, task.dueDate, task.id])
        }
        try db.execute("DELETE FROM wf_task_documents WHERE task_id = ?", [task.id])
        for documentId in Set(task.targetDocumentIds) {
            try db.execute("INSERT INTO wf_task_documents (document_id, open, task_id) VALUES (?, ?, ?)", [documentId, open, task.id])
        }
    }
}

import GRDB

extension SQLiteMigrations {
    /// `v16-workflows`: workflow instances, their node states and tasks. What queries filter on has a column (state,
    /// initiator, model, due date); the rest of a row is one JSON `data` text. Tasks are indexed by actor and by target
    /// document (open ones first, by due date), so `GET /task?userId=` reads one index range whatever the number of tasks.
    static func registerWorkflows(_ m: inout DatabaseMigrator) {
        m.registerMigration("v16-workflows") { db in
            try db.execute(sql: """
                CREATE TABLE wf_instances (
                    id TEXT PRIMARY KEY,
                    model TEXT NOT NULL,
                    state TEXT NOT NULL,
                    initiator TEXT NOT NULL,
                    created INTEGER NOT NULL,
                    data TEXT NOT NULL
                );
                CREATE INDEX wf_instances_initiator ON wf_instances(initiator, state, created);
                CREATE TABLE wf_instance_documents (
                    document_id TEXT NOT NULL,
                    instance_id TEXT NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
                    PRIMARY KEY (document_id, instance_id)
                );
                CREATE TABLE wf_nodes (
                    instance_id TEXT NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
                    node_id TEXT NOT NULL,
                    data TEXT NOT NULL,
                    PRIMARY KEY (instance_id, node_id)
                );
                CREATE TABLE wf_tasks (
                    id TEXT PRIMARY KEY,
                    instance_id TEXT NOT NULL REFERENCES wf_instances(id) ON DELETE CASCADE,
                    node_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    due_date INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    data TEXT NOT NULL
                );
                CREATE INDEX wf_tasks_instance ON wf_tasks(instance_id, state, created);
                CREATE INDEX wf_tasks_open ON wf_tasks(state, due_date);
                CREATE TABLE wf_task_actors (
                    actor TEXT NOT NULL,
                    open INTEGER NOT NULL,
                    due_date INTEGER NOT NULL,
                    task_id TEXT NOT NULL REFERENCES wf_tasks(id) ON DELETE CASCADE,
                    PRIMARY KEY (actor, open, due_date, task_id)
                ) WITHOUT ROWID;
                CREATE INDEX wf_task_actors_task ON wf_task_actors(task_id);
                CREATE TABLE wf_task_documents (
                    document_id TEXT NOT NULL,
                    open INTEGER NOT NULL,
                    task_id TEXT NOT NULL REFERENCES wf_tasks(id) ON DELETE CASCADE,
                    PRIMARY KEY (document_id, open, task_id)
                ) WITHOUT ROWID;
                CREATE INDEX wf_task_documents_task ON wf_task_documents(task_id);
                """)
        }
    }
}

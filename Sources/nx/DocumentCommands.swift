import ArgumentParser
import NXClient

/// `nx get REF`: one document.
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a document (by path or id).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The document: /path or id.") var document: String
    @Option(name: .shortAndLong, parsing: .upToNextOption, help: "Schemas to include (default: every one).") var schemas: [String] = ["*"]
    @Option(parsing: .upToNextOption, help: "Document enrichers (breadcrumb, permissions, acls…).") var enrichers: [String] = []

    func run() async throws {
        try await reportingErrors { () async throws(NXClientError) in
            let document = try await connection.client().documents.get(
                documentRef(document), documentRendering: .init(schemas: schemas, enrichersDocument: enrichers))
            DocumentOutput.print(document, output.resolved)
        }
    }
}

/// `nx ls REF`: the children of a folder, every page.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the children of a document, every page.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The folder: /path or id.") var document: String = "/"
    @Option(help: "Children per request.") var pageSize: Int = 100

    func run() async throws {
        try await reportingErrors { () async throws(NXClientError) in
            let children = try await connection.client().documents.children(of: documentRef(document), pageSize: pageSize).collect()
            DocumentOutput.print(children, output.resolved)
        }
    }
}

/// `nx query NXQL`: every match of a query (or of a page provider).
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run an NXQL query (or a page provider) and list the matches.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "NXQL, e.g. \"SELECT * FROM Note WHERE ecm:fulltext = 'quarterly'\".") var nxql: String?
    @Option(help: "Run this page provider instead (latest_docs, default_search…).") var provider: String?
    @Option(help: "Matches per request.") var pageSize: Int = 100
    @Option(help: "Stop after this many matches.") var max: Int?

    func validate() throws {
        if (nxql == nil) == (provider == nil) { throw ValidationError("give an NXQL query or --provider, not both") }
    }

    func run() async throws {
        try await reportingErrors { () async throws(NXClientError) in
            let client = connection.client()
            let execution = SearchExecutionParameters(pageSize: pageSize)
            let matches: NXPageSequence<DocumentsEntity>
            if let provider {
                matches = client.search.pageProvider(provider, searchExecution: execution)
            } else {
                matches = client.search.nxql(nxql ?? "", searchExecution: execution)
            }
            let documents = try await matches.collect(limit: max)
            DocumentOutput.print(documents, output.resolved)
        }
    }
}

/// `nx create PARENT --type T --name N -p key=value…`.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a document in a folder.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The parent: /path or id.") var parent: String
    @Option(name: .shortAndLong, help: "Document type (File, Note, Folder…).") var type: String
    @Option(name: .shortAndLong, help: "Name (the last path segment; from the title when left out).") var name: String?
    @Option(help: "Title (dc:title).") var title: String?
    @Option(name: [.customShort("p"), .customLong("property")], help: "A property, key=value (JSON arrays and objects allowed).")
    var properties: [String] = []

    func run() async throws {
        var values = try parseProperties(properties)
        if let title { values["dc:title"] = .string(title) }
        let body = DocumentEntity(type: type, properties: values, name: name)
        try await reportingErrors { () async throws(NXClientError) in
            let created = try await connection.client().documents.create(in: documentRef(parent), body, documentRendering: .init(schemas: ["*"]))
            DocumentOutput.print(created, output.resolved)
        }
    }
}

/// `nx update REF -p key=value…`.
struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update properties of a document.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The document: /path or id.") var document: String
    @Option(name: [.customShort("p"), .customLong("property")], help: "A property, key=value (JSON arrays and objects allowed).")
    var properties: [String] = []
    @Option(help: "Fail with 409 unless the document still has this change token.") var changeToken: String?

    func run() async throws {
        var body = DocumentEntity(changeToken: changeToken, properties: try parseProperties(properties))
        try await reportingErrors { () async throws(NXClientError) in
            let client = connection.client()
            // The server checks a change token only when the body names the document (Nuxeo's reader does the same).
            if changeToken != nil { body.uid = try await client.documents.get(documentRef(document), documentRendering: .init(schemas: [])).uid }
            let updated = try await client.documents.update(documentRef(document), with: body, documentRendering: .init(schemas: ["*"]))
            DocumentOutput.print(updated, output.resolved)
        }
    }
}

/// `nx rm REF`.
struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete a document and its subtree.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The document: /path or id.") var document: String

    func run() async throws {
        try await reportingErrors { () async throws(NXClientError) in
            try await connection.client().documents.delete(documentRef(document))
        }
    }
}

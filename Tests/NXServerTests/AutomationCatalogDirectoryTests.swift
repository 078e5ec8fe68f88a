import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NXRuntime
import Testing

/// The directory operations on the wire: JSON blobs, writes reserved to directory managers.
@Suite struct AutomationDirectoryOperationTests {
    @Test func entriesListsTheVocabularyWithoutNulls() async throws {
        try await testApplication().test(.router) { client in
            let response = try await Catalog.run(client, "Directory.Entries", #"{"params":{"directoryName":"continent"}}"#)
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/json") == true)
            let rows = response.json.arrayValue ?? []
            #expect(rows.count == 7)
            #expect(rows.first == .object(["id": "africa", "label": "label.directories.continent.africa", "obsolete": 0, "ordering": 10000000]))
            let translated = try await Catalog.run(client, "Directory.Entries", #"{"params":{"directoryName":"continent","translateLabels":true}}"#)
            #expect(translated.json.arrayValue?.first?.objectValue?["label"] == "Africa")
            let unknown = try await Catalog.run(client, "Directory.Entries", #"{"params":{"directoryName":"nope"}}"#)
            #expect(unknown.status == .notFound && Catalog.message(unknown).hasSuffix("Directory nope was not found"))
            let reader = try await Catalog.user(client, "dir-reader")
            #expect(try await Catalog.run(client, "Directory.Entries", #"{"params":{"directoryName":"continent"}}"#, headers: reader).status == .notFound)
        }
    }

    @Test func readCreateUpdateAndDeleteEntries() async throws {
        try await testApplication().test(.router) { client in
            let created = try await Catalog.run(client, "Directory.CreateEntries",
                                                #"{"params":{"directoryName":"nature","entries":"[{\"id\":\"memo-x\",\"label\":\"Memo\",\"ordering\":3}]"}}"#)
            #expect(created.status == .ok && created.json == .array(["memo-x"]), "\(created.text)")
            let read = try await Catalog.run(client, "Directory.ReadEntries", #"{"params":{"directoryName":"nature","entries":"[\"memo-x\",\"none\"]"}}"#)
            #expect(read.json.arrayValue?.count == 1 && read.json.arrayValue?.first?.objectValue?["label"] == "Memo")
            let updated = try await Catalog.run(client, "Directory.UpdateEntries",
                                                #"{"params":{"directoryName":"nature","entries":"[{\"id\":\"memo-x\",\"label\":\"Memos\"},{\"id\":\"none\"}]"}}"#)
            #expect(updated.json == .array(["memo-x"]))
            let obsolete = try await Catalog.run(client, "Directory.DeleteEntries",
                                                 #"{"params":{"directoryName":"nature","entries":"[\"memo-x\"]","markObsolete":true}}"#)
            #expect(obsolete.json == .array(["memo-x"]))
            let entry = try await client.execute(uri: Catalog.api + "/directory/nature/memo-x", method: .get, headers: .admin())
            #expect(entry.json.objectValue?["properties"]?.objectValue?["obsolete"] == 1)
            #expect(entry.json.objectValue?["properties"]?.objectValue?["label"] == "Memos")
            let deleted = try await Catalog.run(client, "Directory.DeleteEntries", #"{"params":{"directoryName":"nature","entries":"[\"memo-x\"]"}}"#)
            #expect(deleted.json == .array(["memo-x"]))
            #expect(try await client.execute(uri: Catalog.api + "/directory/nature/memo-x", method: .get, headers: .admin()).status == .notFound)
            let bad = try await Catalog.run(client, "Directory.CreateEntries", #"{"params":{"directoryName":"nature","entries":"{"}}"#)
            #expect(bad.status == .badRequest && Catalog.message(bad).contains("'entries'"))
            let member = try await Catalog.user(client, "dir-member")
            let refused = try await Catalog.run(client, "Directory.CreateEntries",
                                                #"{"params":{"directoryName":"nature","entries":"[{\"id\":\"x\"}]"}}"#, headers: member)
            #expect(refused.status == .forbidden && Catalog.message(refused).hasSuffix("Unauthorized user"))
            let users = try await Catalog.run(client, "Directory.DeleteEntries", #"{"params":{"directoryName":"userDirectory","entries":"[]"}}"#)
            #expect(users.status == .badRequest || users.status == .notFound)
        }
    }

    @Test func vocabularyEntryIsAddedOnce() async throws {
        try await testApplication().test(.router) { client in
            let added = try await Catalog.run(client, "Directory.CreateVocabularyEntry", #"{"params":{"vocabularyName":"nature","id":"diary","ordering":7}}"#)
            #expect(added.status == .noContent)
            _ = try await Catalog.run(client, "Directory.CreateVocabularyEntry", #"{"params":{"vocabularyName":"nature","id":"diary","label":"Other"}}"#)
            let entry = try await client.execute(uri: Catalog.api + "/directory/nature/diary", method: .get, headers: .admin())
            #expect(entry.json.objectValue?["properties"]?.objectValue?["label"] == "diary")
            #expect(entry.json.objectValue?["properties"]?.objectValue?["ordering"] == 7)
            let member = try await Catalog.user(client, "voc-member")
            let refused = try await Catalog.run(client, "Directory.CreateVocabularyEntry", #"{"params":{"vocabularyName":"nature","id":"z"}}"#,
                                                headers: member)
            #expect(refused.status == .forbidden)
            let missing = try await Catalog.run(client, "Directory.CreateVocabularyEntry", #"{"params":{"id":"z"}}"#)
            #expect(missing.status == .badRequest && Catalog.message(missing).contains("'vocabularyName'"))
        }
    }

    @Test func suggestEntriesFiltersByLabel() async throws {
        try await testApplication().test(.router) { client in
            let response = try await Catalog.run(client, "Directory.SuggestEntries",
                                                 #"{"params":{"directoryName":"continent","searchTerm":"label.directories.continent.eu"}}"#)
            #expect(response.status == .ok)
            let rows = response.json.arrayValue ?? []
            #expect(rows.count == 1)
            let europe = rows.first?.objectValue
            #expect(europe?["id"] == "europe" && europe?["displayLabel"] == "label.directories.continent.europe")
            #expect(europe?["computedId"] == "europe" && europe?["entity-type"] == "directoryEntry" && europe?["directoryName"] == "continent")
            #expect(topLevelKeys(String(decoding: rows[0].jsonBytes(), as: UTF8.self))
                == ["id", "displayLabel", "label", "obsolete", "ordering", "directoryName", "properties", "entity-type", "computedId", "absoluteLabel"])
            let localized = try await Catalog.run(client, "Directory.SuggestEntries",
                                                  #"{"params":{"directoryName":"continent","searchTerm":"eur","localize":true}}"#)
            #expect(localized.json.arrayValue?.first?.objectValue?["displayLabel"] == "Europe")
            let limited = try await Catalog.run(client, "Directory.SuggestEntries", #"{"params":{"directoryName":"continent","limit":2}}"#)
            #expect(limited.json.arrayValue?.count == 2)
            let bad = try await Catalog.run(client, "Directory.SuggestEntries", #"{"params":{"directoryName":"continent","limit":"many"}}"#)
            #expect(bad.status == .badRequest && Catalog.message(bad).contains("'limit'"))
        }
    }

    @Test func loadFromCSVFollowsThePolicy() async throws {
        try await testApplication().test(.router) { client in
            func load(_ csv: String, _ policy: String) async throws -> TestResponse {
                let body = "--B\r\nContent-Type: application/json+nxrequest\r\n\r\n{\"params\":{\"directoryName\":\"nature\",\"dataLoadingPolicy\":\"\(policy)\"}}\r\n"
                    + "--B\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"n.csv\"\r\n\r\n\(csv)\r\n--B--\r\n"
                return try await client.execute(uri: Catalog.api + "/automation/Directory.LoadFromCSV", method: .post,
                                                headers: .admin([("Content-Type", "multipart/related; boundary=B; type=\"application/json+nxrequest\"")]),
                                                body: ByteBuffer(string: body))
            }
            #expect(try await load("id,label,ordering\ncsv1,\"One, first\",1\ncsv2,Two,2", "error_on_duplicate").status == .noContent)
            let one = try await client.execute(uri: Catalog.api + "/directory/nature/csv1", method: .get, headers: .admin())
            #expect(one.json.objectValue?["properties"]?.objectValue?["label"] == "One, first")
            let duplicate = try await load("id,label\ncsv1,Again", "error_on_duplicate")
            #expect(duplicate.status == .conflict)
            #expect(try await load("id,label\ncsv1,Skipped", "skip_duplicate").status == .noContent)
            #expect(try await client.execute(uri: Catalog.api + "/directory/nature/csv1", method: .get, headers: .admin())
                .json.objectValue?["properties"]?.objectValue?["label"] == "One, first")
            #expect(try await load("id,label\ncsv1,Updated", "update_duplicate").status == .noContent)
            #expect(try await client.execute(uri: Catalog.api + "/directory/nature/csv1", method: .get, headers: .admin())
                .json.objectValue?["properties"]?.objectValue?["label"] == "Updated")
            let policy = try await load("id\nx", "never_load")
            #expect(policy.status == .badRequest && Catalog.message(policy).hasSuffix("Illegal dataLoadingPolicy: never_load"))
            let column = try await load("id,colour\nx,red", "skip_duplicate")
            #expect(column.status == .badRequest && Catalog.message(column).contains("Column not found: colour"))
        }
    }
}

import NXExpression
import Testing

/// Roots resolved by the environment: host objects, the context map, chain parameters, lists.
@Suite struct HostAccessTests {
    @Test func documentAnswersMembersIndexesAndMethods() throws {
        #expect(try evaluate("Document.title") == "My Doc")
        #expect(try evaluate("Document['dc:title']") == "My Doc")
        #expect(try evaluate("Document[\"dc:title\"]") == "My Doc")
        #expect(try evaluate("Document.getPropertyValue('dc:title')") == "My Doc")
        #expect(try evaluate("This.getTitle().toUpperCase()") == "MY DOC")
        #expect(try evaluate("Document.parent.path") == "/default-domain/workspaces/ws")
        #expect(try evaluate("Document.parent.parent == null") == true)
        #expect(try evaluate("Document['dc:subjects'][1]") == "music")
        #expect(try evaluate("Document['dc:subjects'].size()") == 2)
        #expect(try evaluate("Document['dc:created'].format('yyyy-MM-dd HH:mm')") == "2023-12-25 08:00")
    }

    @Test func unknownHostMemberIsARunTimeErrorAtItsColumn() {
        let error = evaluationError("Document.exec")
        #expect(error?.message == "Member 'exec' is not allowed on a document")
        #expect(error?.column == 10)
        let call = evaluationError("'x' + Document.delete()")
        #expect(call?.message == "Method 'delete' is not allowed on a document")
        #expect(call?.column == 16)
        #expect(evaluationError("Document['dc:nope']")?.message == "Unknown property 'dc:nope'")
        #expect(evaluationError("Document['dc:nope']")?.column == 9)
    }

    @Test func contextIsAMapReadByKeyOrMember() throws {
        #expect(try evaluate("Context['x']") == "ex")
        #expect(try evaluate("Context.x") == "ex")
        #expect(try evaluate("ctx.count + 1") == 4)
        #expect(try evaluate("Context['missing']") == .null)
        #expect(try evaluate("Context.nested.k") == "v")
        #expect(try evaluate("Context['nested']['k']") == "v")
        #expect(try evaluate("Context['list'][0] + Context.list[2]") == 4)
        #expect(try evaluate("Context.containsKey('x') && !Context.containsKey('y')") == true)
        #expect(try evaluate("Context.get('count')") == 3)
        #expect(try evaluate("Context.nested.size()") == 1)
        #expect(try evaluate("Context.list.contains(2)") == true)
        #expect(try evaluate("Context.list.get(1)") == 2)
    }

    @Test func chainParametersAndUsers() throws {
        #expect(try evaluate("ChainParameters['folder'] + '/sub'") == "/ws/sub")
        #expect(try evaluate("params.limit * 2") == 20)
        #expect(try evaluate("CurrentUser.name") == "jdoe")
        #expect(try evaluate("currentUser.isAdministrator()") == false)
        #expect(try evaluate("Fn.getNextId('k')") == "42")
    }

    @Test func readingThroughNullNamesTheFragment() {
        let error = evaluationError("Context.none.title")
        #expect(error?.message == "Cannot read 'title' of null 'Context.none'")
        #expect(error?.column == 14)
        #expect(evaluationError("Context['none'][0]")?.message == "Cannot index null 'Context['none']'")
        #expect(evaluationError("Context.none.trim()")?.message == "Cannot call 'trim' on null 'Context.none'")
    }

    @Test func aKnownRootTheEnvironmentLacksFailsAtRunTime() {
        let error = evaluationError("1 + Event.name")
        #expect(error?.message == "Unknown variable 'Event'")
        #expect(error?.column == 5)
    }

    @Test func rootsAreRecorded() throws {
        let expression = try NXExpression.parse("Document.title + Context['x'] + CurrentDate.year")
        #expect(expression.roots == ["Document", "Context", "CurrentDate"])
        #expect(!expression.isTemplate)
        #expect(try NXExpression.parse("1 + 2").roots.isEmpty)
    }

    @Test func expressionsAreEqualByTheirSource() throws {
        #expect(try NXExpression.parse("1+2") == NXExpression.parse("1+2"))
        #expect(try NXExpression.parse("1+2") != NXExpression.parse("1 + 2"))
        #expect(try Set([NXExpression.parse("1"), NXExpression.parse("1")]).count == 1)
    }
}

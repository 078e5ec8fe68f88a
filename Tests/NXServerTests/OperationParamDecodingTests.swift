import NXAPIRuntime
import NXRuntime
import Testing

/// Nuxeo's `properties` text form, parsed by hand-written runtime code.
@Suite struct PropertiesTextTests {
    func parse(_ text: String) throws -> JSONObject { try OperationParamDecoding.properties(text: text) }

    @Test func keyValueLinesTrimmed() throws {
        let object = try parse("dc:title = The Title \ndc:description=a=b\n\n")
        #expect(object == ["dc:title": "The Title", "dc:description": "a=b"])
        #expect(object.keys == ["dc:title", "dc:description"], "written order is kept")
    }

    @Test func commentsAndEmptyLinesAreSkipped() throws {
        #expect(try parse("# a comment\n\n  # indented comment\nk=v\n") == ["k": "v"])
    }

    @Test func backslashContinuesOnTheNextLine() throws {
        #expect(try parse("dc:description=first\\\nsecond\\\nthird\nk=v") == ["dc:description": "first\nsecond\nthird", "k": "v"])
        #expect(try parse("k=dangling\\") == ["k": "dangling"])
    }

    @Test func escapedNewlineInAValue() throws {
        #expect(try parse("k=a\\nb") == ["k": "a\nb"])
        #expect(try parse("k=c:\\\\dir\\x") == ["k": "c:\\\\dir\\x"], "other backslashes stay")
    }

    @Test func laterKeysReplaceEarlierOnes() throws {
        #expect(try parse("k=1\nk=2") == ["k": "2"])
    }

    @Test func aLineWithoutEqualsIsInvalid() {
        #expect(throws: OperationParamDecoding.InvalidLine(line: "no equals here")) { try parse("k=v\nno equals here") }
    }
}

/// Operation parameters decode the way Nuxeo injects them.
@Suite struct OperationParamReaderTests {
    func reader(_ params: JSONObject) -> OperationParamReader { OperationParamReader(params, operation: "Test.Op") }

    @Test func scalarsMayArriveAsText() throws {
        let r = reader(["b": "TRUE", "f": "false", "i": "3", "d": "2.5", "s": 42, "n": 7.0])
        #expect(try r.bool("b") == true)
        #expect(try r.bool("f") == false)
        #expect(try r.int("i") == 3)
        #expect(try r.int("n") == 7)
        #expect(try r.double("d") == 2.5)
        #expect(try r.string("s") == "42")
    }

    @Test func absentNullAndAliases() throws {
        let r = reader(["user": "jdoe", "gone": nil, "unknown": "ignored"])
        #expect(try r.string("username", aliases: ["user"]) == "jdoe")
        #expect(try r.string("gone") == nil)
        #expect(try r.string("missing") == nil)
    }

    @Test func requiredParameterMessage() {
        #expect(throws: NXError.invalid("Failed to inject parameter 'type'. Seems it is missing from the context. Operation: Test.Op")) {
            try reader([:]).required(reader([:]).string("type"), "type")
        }
    }

    @Test func wrongTypesNameTheParameter() {
        do {
            _ = try reader(["save": "maybe"]).bool("save")
            Issue.record("expected an error")
        } catch let error as NXError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains("'save'") && error.message.contains("Test.Op"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: NXError.self) { try reader(["n": "x"]).int("n") }
        #expect(throws: NXError.self) { try reader(["s": ["a": 1]]).string("s") }
        #expect(throws: NXError.self) { try reader(["d": "not a date"]).date("d") }
        #expect(throws: NXError.self) { try reader(["p": "no equals"]).properties("p") }
    }

    @Test func lists() throws {
        #expect(try reader(["l": "a,b,,c"]).stringList("l") == ["a", "b", "c"])
        #expect(try reader(["l": ["a", 1, true]]).stringList("l") == ["a", "1", "true"])
    }

    @Test func documents() throws {
        #expect(try reader(["d": "doc:/default-domain"]).document("d") == .path("/default-domain"))
        #expect(try reader(["d": "/a/b"]).document("d") == .path("/a/b"))
        #expect(try reader(["d": "1234-abcd"]).document("d") == .id("1234-abcd"))
        #expect(try reader(["d": ["entity-type": "document", "uid": "u1", "path": "/x"]]).document("d") == .id("u1"))
        #expect(try reader(["d": "docs:a,/b"]).documents("d") == [.id("a"), .path("/b")])
        #expect(try reader(["d": ["a", "doc:/b"]]).documents("d") == [.id("a"), .path("/b")])
    }

    @Test func propertiesAsObjectOrText() throws {
        #expect(try reader(["p": ["dc:title": "T", "dc:subjects": ["a", "b"]]]).properties("p") == ["dc:title": "T", "dc:subjects": ["a", "b"]])
        #expect(try reader(["p": "dc:title=T\ndc:description=D"]).properties("p") == ["dc:title": "T", "dc:description": "D"])
    }

    @Test func datesKeepW3CText() throws {
        #expect(try reader(["d": "2014-06-06T10:23:59.76Z"]).date("d") == "2014-06-06T10:23:59.76Z")
        #expect(try reader(["d": 0]).date("d") == NXDate.format(millis: 0))
    }

    @Test func objectsAreKeptAsGiven() {
        #expect(reader(["o": ["a": [1, 2]]]).object("o") == ["a": [1, 2]])
    }

    @Test func descriptorIndexHasAliases() {
        let descriptor = OperationDescriptor(id: "A.B", aliases: ["A.C"], category: "X", label: "L", description: "",
                                             signature: [OperationSignature(input: "void", output: "void")], params: [])
        let index = OperationDescriptor.index([descriptor])
        #expect(index["A.B"]?.id == "A.B" && index["A.C"]?.id == "A.B" && index["A.D"] == nil)
    }
}

"""Smoke test of nx with Nuxeo's own Python client (PyPI `nuxeo`), unchanged client code: documents, operations,
lifecycle, locks, ACLs, audit, queries, moves, users, directories and trash; then blobs: batch uploads (normal and
chunked), attaching them (Blob.Attach on the batch, the {"upload-batch","upload-fileId"} property, Blob.AttachOnDocument
with the uploaded blob as input), downloading them back (fetch_blob, Blob.Get / Document.GetBlob, the blob's data URL)
and batch bookkeeping; then automation with the client's parameter checks (expressions, nested operations, @bo,
login); then conversions and renditions of real files (a DOCX and a PDF of Tests/Fixtures/conversions: convert by
converter, type and format, the renditions enricher, thumbnail and pdf renditions). Run with `make pyclient`; exits
non-zero on the first failed check."""
import hashlib
import os
import shutil
import tempfile
import uuid

from nuxeo.client import Nuxeo
from nuxeo.exceptions import HTTPError
from nuxeo.models import BufferBlob, Document, FileBlob, User

HOST = os.environ.get("NX_URL", "http://127.0.0.1:8080/nuxeo/")
nx = Nuxeo(host=HOST, auth=("Administrator", "Administrator"))


def check(label, condition):
    print(("ok   " if condition else "FAIL ") + label)
    if not condition:
        raise SystemExit(1)


ws = nx.documents.get(path="/default-domain/workspaces")
check("get by path", ws.type == "WorkspaceRoot")
name = "py-" + uuid.uuid4().hex[:6]
doc = nx.documents.create(Document(name=name, type="File", properties={"dc:title": "From Python"}), parent_path=ws.path)
check("create", doc.path == ws.path + "/" + name and doc.title == "From Python")
doc.properties["dc:description"] = "desc"
doc.save()
check("save", nx.documents.get(uid=doc.uid).properties["dc:description"] == "desc")
doc.follow_transition("approve")
check("lifecycle transition (operation)", doc.state == "approved")
doc.lock()
check("lock", doc.is_locked())
doc.unlock()
check("unlock", not doc.is_locked())
check("has permission", doc.has_permission("Write"))
doc.add_permission({"username": "members", "permission": "ReadWrite"})
acls = doc.fetch_acls()
check("add permission / acls enricher", acls[0]["name"] == "local" and acls[0]["aces"][0]["username"] == "members")
events = [e["eventId"] for e in doc.fetch_audit()["entries"]]
check("audit", events[-1] == "documentCreated" and "lifecycle_transition_event" in events)
check("children", any(c.uid == doc.uid for c in nx.documents.get_children(path=ws.path)))
check("query", nx.documents.query({"query": "SELECT * FROM File WHERE ecm:uuid = '%s'" % doc.uid})["resultsCount"] == 1)
folder = nx.documents.create(Document(name=name + "-dst", type="Folder", properties={}), parent_path=ws.path)
doc.move(folder.path, "moved")
check("move", doc.path == folder.path + "/moved")
uname = "py-" + uuid.uuid4().hex[:4]
user = nx.users.create(User(properties={"username": uname, "password": "pw", "groups": ["members"]}))
check("create user", user.uid == uname and user.properties["groups"] == ["members"])
other = Nuxeo(host=HOST, auth=(uname, "pw"))
check("log in as the new user", other.users.current_user().uid == uname)
check("the new user reads through the inherited ACL", other.documents.get(uid=doc.uid).uid == doc.uid)
user.delete()
check("directory entries", "europe" in [e.properties["id"] for e in nx.directories.get("continent").entries])
doc.trash()
check("trash", doc.isTrashed)
doc.untrash()
check("untrash", not doc.isTrashed)
doc.delete()
folder.delete()
check("delete", True)

# ---- Blobs -------------------------------------------------------------------------------------------------------
tmp = tempfile.mkdtemp(prefix="nx-pyclient-")
try:
    check("upload handlers", nx.uploads.handlers(force=True) == ["default"])

    # A small file, uploaded whole (FileBlob), then attached with the batch's Blob.Attach (the client's batch.attach).
    small_path = os.path.join(tmp, "small.bin")
    small = os.urandom(10 * 1024 + 7)
    with open(small_path, "wb") as f:
        f.write(small)
    target = nx.documents.create(Document(name=name + "-blob", type="File", properties={"dc:title": "Blob target"}),
                                 parent_path=ws.path)
    batch = nx.uploads.batch()
    check("batch created", batch.uid.startswith("batchId-") or bool(batch.uid))
    uploaded = batch.upload(FileBlob(small_path, mimetype="application/octet-stream"))
    check("normal upload", uploaded.fileIdx == "0" and uploaded.uploadedSize == len(small) and uploaded.batchId == batch.uid)
    info = batch.get(0)
    check("batch file info", int(info.size) == len(small) and info.name == "small.bin" and info.uploadType == "normal")
    files = nx.uploads.get(batch.uid)
    check("batch files", len(files) == 1 and int(files[0].size) == len(small))
    batch.attach(target.path)
    target = nx.documents.get(uid=target.uid)
    content = target.properties["file:content"]
    check("batch.attach (Blob.Attach)", content["name"] == "small.bin" and int(content["length"]) == len(small)
          and content["digest"] == hashlib.md5(small).hexdigest())
    check("fetch_blob (blobholder:0)", target.fetch_blob() == small)
    check("fetch_blob (file:content)", target.fetch_blob(xpath="file:content") == small)
    check("the batch is dropped after the operation", not nx.uploads.exists(batch.uid))
    got = nx.operations.execute(command="Blob.Get", input_obj=target.path, json=False)
    check("Blob.Get operation", got == small)
    got = nx.operations.execute(command="Document.GetBlob", input_obj=target.uid, params={"xpath": "file:content"}, json=False)
    check("Document.GetBlob operation", got == small)
    out_path = os.path.join(tmp, "out.bin")
    nx.operations.execute(command="Blob.Get", input_obj=target.path, params={}, file_out=out_path,
                          digest=hashlib.md5(small).hexdigest())
    with open(out_path, "rb") as f:
        check("Blob.Get saved to a file with its digest checked", f.read() == small)
    data_url = content["data"]
    host_path = data_url.split("/nuxeo/", 1)[1]
    check("the blob's data URL (nxfile)", nx.client.request("GET", host_path).content == small)

    # A ~1 MiB file uploaded in 256 KiB chunks, referenced from a new document's file:content ({"upload-batch", ...}).
    chunked_path = os.path.join(tmp, "chunked.bin")
    chunked = os.urandom(1024 * 1024 + 12345)
    with open(chunked_path, "wb") as f:
        f.write(chunked)
    batch = nx.uploads.batch()
    uploaded = batch.upload(FileBlob(chunked_path), chunked=True, chunk_size=256 * 1024)
    check("chunked upload", uploaded.uploadType == "chunked" and uploaded.chunkCount == 5
          and sorted(uploaded.uploadedChunkIds) == [0, 1, 2, 3, 4] and uploaded.batchId == batch.uid)
    info = batch.get(0)
    check("chunked batch file info", int(info.size) == len(chunked) and int(info.chunkCount) == 5
          and sorted(int(i) for i in info.uploadedChunkIds) == [0, 1, 2, 3, 4])
    ref = uploaded.to_json()
    check("blob reference", ref == {"upload-batch": batch.uid, "upload-fileId": "0"})
    doc2 = nx.documents.create(Document(name=name + "-chunked", type="File",
                                        properties={"dc:title": "Chunked", "file:content": ref}), parent_path=ws.path)
    content = doc2.properties["file:content"]
    check("document created with an uploaded blob", int(content["length"]) == len(chunked)
          and content["digest"] == hashlib.md5(chunked).hexdigest() and content["name"] == "chunked.bin")
    check("fetch_blob of the chunked upload", doc2.fetch_blob() == chunked)

    # A chunked upload interrupted after its first chunk, then resumed by a new uploader (which asks the server for
    # the chunks it already has: GET /upload/{batchId}/0 answers 202 with uploadedChunkIds).
    batch = nx.uploads.batch()
    first = batch.get_uploader(FileBlob(chunked_path), chunked=True, chunk_size=256 * 1024)
    next(first.iter_upload())
    resumed = batch.get_uploader(FileBlob(chunked_path), chunked=True, chunk_size=256 * 1024)
    check("chunked upload state for a resume", resumed.chunk_count == 5 and resumed.blob.uploadedChunkIds == [0])
    resumed.upload()
    check("resumed chunked upload", resumed.is_complete() and sorted(resumed.blob.uploadedChunkIds) == [0, 1, 2, 3, 4])
    batch.attach(doc2.path)
    check("fetch_blob of the resumed upload", nx.documents.get(uid=doc2.uid).fetch_blob() == chunked)

    # Two files in one batch: batch.attach sends Blob.Attach with xpath files:files (the File's attachments).
    batch = nx.uploads.batch()
    batch.upload(BufferBlob(data="first attachment", name="one.txt"))
    batch.upload(BufferBlob(data="second attachment", name="two.txt"))
    batch.attach(doc2.path)
    attachments = nx.documents.get(uid=doc2.uid).properties["files:files"]
    check("batch.attach of two files (files:files)", [a["file"]["name"] for a in attachments] == ["one.txt", "two.txt"]
          and doc2.fetch_blob(xpath="files:files/1/file") == b"second attachment")

    # A buffer (BufferBlob) attached with Blob.AttachOnDocument, the uploaded blob as the operation's input.
    text = "Hello from Nuxeo's Python client\n" * 100
    batch = nx.uploads.batch()
    uploaded = batch.upload(BufferBlob(data=text, name="hello.txt", mimetype="text/plain"))
    check("buffer upload", uploaded.uploadedSize == len(text))
    operation = nx.operations.new("Blob.AttachOnDocument")
    operation.params = {"document": doc2.path}
    operation.input_obj = uploaded
    operation.execute(json=False)
    doc2 = nx.documents.get(uid=doc2.uid)
    check("Blob.AttachOnDocument with the uploaded blob as input", doc2.properties["file:content"]["name"] == "hello.txt"
          and doc2.fetch_blob() == text.encode())

    # Batch bookkeeping: one file deleted, then the whole batch cancelled.
    batch = nx.uploads.batch()
    batch.upload(BufferBlob(data="first", name="a.txt"))
    batch.upload(BufferBlob(data="second", name="b.txt"))
    check("two files in a batch", [b.name for b in nx.uploads.get(batch.uid)] == ["a.txt", "b.txt"])
    batch.delete(0)
    try:
        batch.get(0)
        check("deleted batch file is gone", False)
    except HTTPError as e:
        check("deleted batch file is gone", e.status == 404)
    batch_id = batch.uid
    batch.cancel()
    check("cancelled batch is gone", not nx.uploads.exists(batch_id))

    target.delete()
    doc2.delete()
    check("blob documents deleted", True)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

# Automation: every call checks its parameters against the registry first (check_params=True), as the client can.
ops = nx.operations.operations
check("registry lists the chains and the catalog", "AttachFiles" in ops and "Context.SetVar" in ops and "Document.Mail" in ops)
auto = nx.documents.create(Document(name=name + "-auto", type="File", properties={"dc:title": "Auto"}), parent_path=ws.path)
result = nx.operations.execute(command="Document.SetProperty", input_obj=auto.uid, check_params=True,
                               params={"xpath": "dc:description", "value": "expr:By @{CurrentUser.name} on @{Document.title}"})
check("expr: template parameter", result["properties"]["dc:description"] == "By Administrator on Auto")
result = nx.operations.execute(command="RunDocumentOperation", input_obj=auto.uid, check_params=True,
                               params={"id": "Document.SetProperty", "parameters": {"xpath": "dc:source", "value": "nested"}})
check("RunDocumentOperation", result["properties"]["dc:source"] == "nested")
try:
    nx.operations.execute(command="Document.SetProperty", input_obj=auto.uid, check_params=True,
                          params={"xpath": "dc:description", "value": "expr:Document["})
    check("a bad expression is refused", False)
except HTTPError as e:
    check("a bad expression is refused", e.status == 400)
children = nx.operations.execute(command="Document.GetChildren", input_obj=ws.path, check_params=True)
check("Document.GetChildren", any(entry["uid"] == auto.uid for entry in children["entries"]))
bo = nx.client.request("GET", "api/v1/id/%s/@bo/BusinessBeanAdapter" % auto.uid).json()
check("@bo business object", bo["entity-type"] == "BusinessBeanAdapter" and bo["value"]["title"] == "Auto")
home = nx.operations.execute(command="User.GetUserWorkspace", check_params=True)
check("User.GetUserWorkspace", home["path"] == "/default-domain/UserWorkspaces/Administrator")
suggestion = nx.operations.execute(command="UserGroup.Suggestion", check_params=True, params={"searchTerm": "Administrator"})
check("UserGroup.Suggestion", any(entry.get("prefixed_id") == "user:Administrator" for entry in suggestion))
rows = nx.operations.execute(command="Repository.ResultSetQuery", check_params=True,
                             params={"query": "SELECT ecm:uuid, dc:title FROM Document WHERE ecm:uuid = ?", "queryParams": [auto.uid]})
check("Repository.ResultSetQuery", rows["entity-type"] == "recordSet" and rows["entries"] == [{"ecm:uuid": auto.uid, "dc:title": "Auto"}])
log = nx.operations.execute(command="Audit.QueryWithPageProvider", check_params=True,
                            params={"query": "from LogEntry log where log.docUUID = ?", "queryParams": [auto.uid]})
check("Audit.QueryWithPageProvider", log["entity-type"] == "logEntries" and log["entries"][0]["docUUID"] == auto.uid)
faceted = nx.operations.execute(command="Document.AddFacet", input_obj=auto.uid, check_params=True, params={"facet": "HiddenInNavigation"})
check("Document.AddFacet", "HiddenInNavigation" in faceted["facets"])
login = nx.client.request("POST", "site/automation/login").json()
check("automation login", login["entity-type"] == "login" and login["username"] == "Administrator")
auto.delete()
check("automation checks done", True)


# Conversions and renditions (issue 14): the client's convert / fetch_rendition(s) on real files.
from nuxeo.exceptions import NotRegisteredConvertor, UnavailableBogusConvertor  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "conversions")


def attached(filename, mimetype):
    document = nx.documents.create(Document(name=name + "-" + filename.replace(".", "-"), type="File", properties={"dc:title": filename}),
                                   parent_path=ws.path)
    upload = nx.uploads.batch()
    upload.upload(FileBlob(os.path.join(FIXTURES, filename), mimetype=mimetype))
    upload.attach(document.path)
    return nx.documents.get(uid=document.uid)


letter = attached("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
pdf = attached("three-pages.pdf", "application/pdf")
check("convert DOCX with converter any2pdf", letter.convert({"converter": "any2pdf"}).startswith(b"%PDF"))
check("convert DOCX by format pdf", letter.convert({"format": "pdf"}).startswith(b"%PDF"))
text = pdf.convert({"type": "text/plain"})
check("convert PDF by type text/plain", (text.decode() if isinstance(text, bytes) else text).startswith("Page one: the quick brown fox"))
try:
    pdf.convert({"converter": "noSuchConverter"})
    check("an unknown converter is refused", False)
except (NotRegisteredConvertor, UnavailableBogusConvertor):
    # Nuxeo answers 500 and hides the message of a 500 ("Converter X is not registered"), as nx does: the client then
    # raises UnavailableBogusConvertor.
    check("an unknown converter is refused (500)", True)
names = letter.fetch_renditions()
check("fetch_renditions", names[:3] == ["pdf", "xmlExport", "zipExport"] and "thumbnail" in names)
check("fetch_rendition pdf", letter.fetch_rendition("pdf").startswith(b"%PDF"))
check("fetch_rendition thumbnail", pdf.fetch_rendition("thumbnail").startswith(b"\x89PNG"))
check("fetch_rendition xmlExport", pdf.fetch_rendition("xmlExport").startswith(b'<?xml version="1.0" encoding="UTF-8"?>'))
thumbnail_url = nx.client.request("GET", "api/v1/id/" + pdf.uid, headers={"enrichers-document": "thumbnail"}).json()["contextParameters"]["thumbnail"]["url"]
check("the thumbnail enricher's URL serves a PNG", nx.client.request("GET", thumbnail_url.split("/nuxeo/", 1)[1]).content.startswith(b"\x89PNG"))
letter.delete()
pdf.delete()
check("conversion checks done", True)

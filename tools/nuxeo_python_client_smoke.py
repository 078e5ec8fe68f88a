"""Smoke test of nx with Nuxeo's own Python client (PyPI `nuxeo`), unchanged client code: documents, operations,
lifecycle, locks, ACLs, audit, queries, moves, users, directories and trash. Run with `make pyclient`; exits non-zero on
the first failed check."""
import os
import uuid

from nuxeo.client import Nuxeo
from nuxeo.models import Document, User

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

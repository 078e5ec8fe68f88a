"""schemathesis hooks for nx: value generators for the string formats Generated/openapi.yaml declares beyond
JSON Schema's own, so that schema-valid requests carry valid NXQL rather than random text.

Loaded by tools/schemathesis_run.py through SCHEMATHESIS_HOOKS. Formats:
  nxql           an NXQL query: SELECT * FROM <type> [WHERE <predicate> [AND|OR <predicate>]] [ORDER BY <sort>]
  nxql-property  a property a query can sort by (dc:title, ecm:name, …)
  nxql-order-by  sort properties, each optionally followed by ASC or DESC, comma-separated
A negative test still sends text outside these formats (other types, or values that break the schema elsewhere).
Only named functions are mapped (hypothesis parses the source of lambdas to describe them, which can fail).
"""
import sys

from hypothesis import strategies as st

import schemathesis

# hypothesis describes the lambdas schemathesis filters with by parsing their source file; under a deep stack CPython
# 3.11's parser then fails ("AST constructor recursion depth mismatch") and the operation errors out. More room avoids it.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

TYPES = ["Document", "File", "Folder", "Note", "Workspace", "Domain", "WorkspaceRoot"]
STRING_PROPERTIES = ["dc:title", "dc:description", "dc:creator", "dc:lastContributor", "ecm:name", "ecm:primaryType",
                     "ecm:currentLifeCycleState", "ecm:uuid"]
DATE_PROPERTIES = ["dc:created", "dc:modified"]
FLAGS = ["ecm:isTrashed", "ecm:isVersion", "ecm:isProxy", "ecm:isCheckedIn"]
# ecm:path takes =, <> and STARTSWITH only.
PATHS = ["/", "/default-domain", "/default-domain/workspaces"]
PROPERTIES = STRING_PROPERTIES + DATE_PROPERTIES + ["ecm:path"]


def quoted(word):
    return "'" + word + "'"


def date_literal(day):
    return "DATE '" + day.isoformat() + "'"


def spaced(parts):
    return " ".join(parts)


def in_list(parts):
    return parts[0] + " IN (" + ", ".join(parts[1]) + ")"


def is_null(prop):
    return prop + " IS NULL"


def flag(parts):
    return parts[0] + " = " + parts[1]


def path_predicate(parts):
    return "ecm:path " + parts[0] + " '" + parts[1] + "'"


def where_clause(predicate):
    return " WHERE " + predicate


def where_pair(parts):
    return " WHERE " + " ".join(parts)


def joined(parts):
    return "".join(parts)


def comma_joined(items):
    return ", ".join(items)


def order_clause(order):
    return " ORDER BY " + order


def query(parts):
    return "SELECT * FROM " + parts[0] + parts[1] + parts[2]


# Literals without quotes or backslashes, so no escaping is involved.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.%", max_size=12)
string_literal = words.map(quoted)
predicate = st.one_of(
    st.tuples(st.sampled_from(STRING_PROPERTIES), st.sampled_from(["=", "<>", "LIKE", "ILIKE", "NOT LIKE"]), string_literal)
    .map(spaced),
    st.tuples(st.sampled_from(DATE_PROPERTIES), st.sampled_from(["=", "<", ">", "<=", ">="]), st.dates().map(date_literal))
    .map(spaced),
    st.tuples(st.sampled_from(FLAGS), st.sampled_from(["0", "1"])).map(flag),
    st.tuples(st.sampled_from(STRING_PROPERTIES), st.lists(string_literal, min_size=1, max_size=3)).map(in_list),
    st.sampled_from(STRING_PROPERTIES).map(is_null),
    st.tuples(st.sampled_from(["=", "<>", "STARTSWITH"]), st.sampled_from(PATHS)).map(path_predicate),
)
where = st.one_of(st.just(""), predicate.map(where_clause),
                  st.tuples(predicate, st.sampled_from(["AND", "OR"]), predicate).map(where_pair))
order_by = st.lists(st.tuples(st.sampled_from(PROPERTIES), st.sampled_from(["", " ASC", " DESC"])).map(joined),
                    min_size=1, max_size=2).map(comma_joined)
nxql = st.tuples(st.sampled_from(TYPES), where, st.one_of(st.just(""), order_by.map(order_clause))).map(query)

schemathesis.openapi.format("nxql", nxql)
schemathesis.openapi.format("nxql-property", st.sampled_from(PROPERTIES))
schemathesis.openapi.format("nxql-order-by", order_by)

#!/usr/bin/env python3
"""Validates Generated/openapi.yaml against the official OpenAPI 3.1 JSON Schema with openapi-spec-validator, and each
of its schema objects (components and inline) against the JSON Schema 2020-12 meta-schema (the OpenAPI schema leaves
schema objects open, so a misspelt `type` would pass it).

Run by `make openapi-validate` (part of `make test`) with the pinned openapi-spec-validator of .build/openapi-spec-validator.
Exits 0 when the document is OpenAPI 3.1 and valid. So that a silently passing validator cannot go unnoticed, it then
validates two copies broken on purpose (a parameter `in: body`, which OpenAPI 3.1 does not allow; a schema of type
`strng`) and fails unless both are rejected.

Usage: openapi_validate.py [DOCUMENT]   (default Generated/openapi.yaml)
"""
import copy
import os
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def schemas(document):
    """Every schema object of `document` with where it is: the components, then each `schema` of a parameter, header
    or media type."""
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        yield f"components/schemas/{name}", schema

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "schema" and isinstance(value, dict):
                    yield f"{path}/schema", value
                else:
                    yield from walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}/{index}")
    yield from walk(document.get("paths", {}), "paths")


def errors(document):
    """The validation errors of `document` (empty when valid) as (where, message) pairs: as OpenAPI 3.1, then each
    schema object against the JSON Schema 2020-12 meta-schema."""
    found = [("/".join(map(str, e.absolute_path)), e.message) for e in OpenAPIV31SpecValidator(document).iter_errors()]
    meta = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    for where, schema in schemas(document):
        found += [(where + "".join(f"/{p}" for p in e.absolute_path), e.message) for e in meta.iter_errors(schema)]
    return found


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Generated/openapi.yaml")
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        print(f"{path}: openapi is {version!r}, not 3.1.x", file=sys.stderr)
        return 1
    found = errors(document)
    for where, message in found[:20]:
        print(f"{path}: {where}: {message}", file=sys.stderr)
    if found:
        print(f"{path}: {len(found)} error(s) against the OpenAPI {version} and JSON Schema 2020-12 schemas", file=sys.stderr)
        return 1
    operations = sum(1 for item in document["paths"].values() for method in item
                     if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"))
    print(f"{path}: valid OpenAPI {version} ({len(document['paths'])} paths, {operations} operations, "
          f"{len(document['components']['schemas'])} schemas)")

    broken = copy.deepcopy(document)
    item = next(iter(broken["paths"].values()))
    operation = next(value for key, value in item.items() if key in ("get", "post"))
    operation.setdefault("parameters", []).append({"name": "broken", "in": "body", "schema": {}})
    misspelt = copy.deepcopy(document)
    next(iter(misspelt["components"]["schemas"].values()))["type"] = "strng"
    for what, copied in (("a parameter `in: body`", broken), ("a schema of type `strng`", misspelt)):
        if not errors(copied):
            print(f"the validation accepted {what}: it does not validate", file=sys.stderr)
            return 1
    print("copies broken on purpose (a parameter `in: body`; a schema of type `strng`) are rejected, as they must be")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OpenAPIValidationError as error:
        print(error, file=sys.stderr)
        sys.exit(1)

/// Reusable pieces of the OpenAPI document: component schemas and helpers.
enum OpenAPISchemas {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func jsonResponse(_ description: String, schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static func errorResponse(_ description: String) -> JSONValue {
        jsonResponse(description, schema: ref("Error"))
    }

    static func jsonBody(_ schema: JSONValue, required: Bool = true) -> JSONValue {
        ["required": .bool(required), "content": ["application/json": ["schema": schema]]]
    }

    static func pathParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "description": .string(description),
         "schema": ["type": "string", "format": "uuid"]]
    }

    static func queryParameter(_ name: String, _ description: String, schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    static func headerParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "header", "required": false, "description": .string(description), "schema": ["type": "string"]]
    }

    static let string: JSONValue = ["type": "string"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let integer: JSONValue = ["type": "integer"]
    static func nullable(_ type: String, format: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": [.string(type), "null"]]
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        ["type": "object", "additionalProperties": false, "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    static let components: [String: JSONValue] = [
        "Error": object([
            "error": object([
                "code": ["type": "string", "description": "Stable machine-readable code"],
                "message": string,
                "request_id": string,
                "details": ["type": "object", "additionalProperties": ["type": "string"]],
            ], required: ["code", "message", "request_id"]),
        ], required: ["error"]),
        "Quota": object([
            "max_files": nullable("integer"), "max_bytes": nullable("integer"), "max_media_seconds": nullable("number"),
        ], required: []),
        "Organization": object([
            "id": uuid, "slug": string, "name": string,
            "tier": enumeration(["free", "starter", "professional", "enterprise"]),
            "plan": string, "quotas": ref("Quota"), "feature_flags": ["type": "object", "additionalProperties": ["type": "boolean"]],
            "created_at": dateTime,
        ], required: ["id", "slug", "name", "tier", "plan", "quotas", "feature_flags", "created_at"]),
        "OrganizationWithUsage": object([
            "organization": ref("Organization"),
            "usage": object(["media_count": integer, "media_bytes": integer, "media_seconds": ["type": "number"]],
                            required: ["media_count", "media_bytes", "media_seconds"]),
            "quota": ref("Quota"),
        ], required: ["organization", "usage", "quota"]),
        "CreateOrganization": object([
            "name": string, "slug": string, "tier": enumeration(["free", "starter", "professional", "enterprise"]), "quotas": ref("Quota"),
        ], required: ["name"]),
        "APIKey": object([
            "id": uuid, "name": string, "prefix": string, "role": enumeration(["owner", "admin", "member", "viewer"]),
            "created_at": dateTime, "last_used_at": nullable("string", format: "date-time"),
            "expires_at": nullable("string", format: "date-time"), "revoked_at": nullable("string", format: "date-time"),
        ], required: ["id", "name", "prefix", "role", "created_at"]),
        "CreatedAPIKey": object([
            "api_key": ref("APIKey"), "secret": ["type": "string", "description": "Shown once; store it now"],
        ], required: ["api_key", "secret"]),
        "CreatedOrganization": object([
            "organization": ref("Organization"), "owner_key": ref("CreatedAPIKey"),
        ], required: ["organization", "owner_key"]),
        "CreateUser": object([
            "email": string, "password": ["type": "string", "minLength": 8, "maxLength": 1024, "writeOnly": true],
            "display_name": string, "role": enumeration(["owner", "admin", "member", "viewer"]),
        ], required: ["email", "password"]),
        "User": object([
            "id": uuid, "email": string, "display_name": nullable("string"),
            "role": enumeration(["owner", "admin", "member", "viewer"]), "created_at": dateTime,
        ], required: ["id", "email", "role", "created_at"]),
        "CreateAPIKey": object([
            "name": string, "role": enumeration(["owner", "admin", "member", "viewer"]), "expires_at": dateTime,
        ], required: ["name"]),
        "Media": object([
            "id": uuid, "kind": enumeration(["unknown", "video", "audio", "image", "document"]),
            "status": enumeration(["uploaded", "queued", "processing", "ready", "partial", "failed"]),
            "source": enumeration(["upload", "import", "zoom", "teams"]),
            "title": string, "filename": nullable("string"), "content_type": nullable("string"),
            "size_bytes": integer, "sha256": string, "storage_tier": enumeration(["hot", "warm", "cold", "archive"]),
            "duration_seconds": nullable("number"), "language": nullable("string"),
            "tags": ["type": "array", "items": string], "metadata": ["type": "object"],
            "created_at": dateTime, "updated_at": dateTime,
        ], required: ["id", "kind", "status", "source", "title", "size_bytes", "sha256", "storage_tier", "tags", "created_at", "updated_at"]),
        "MediaStage": object([
            "stage": string, "status": enumeration(["pending", "running", "succeeded", "failed", "skipped"]),
            "attempts": integer, "started_at": nullable("string", format: "date-time"), "finished_at": nullable("string", format: "date-time"),
            "duration_ms": nullable("number"), "error_code": nullable("string"), "error_message": nullable("string"),
            "details": ["type": "object"],
        ], required: ["stage", "status", "attempts"]),
        "MediaDetail": object([
            "media": ref("Media"), "stages": ["type": "array", "items": ref("MediaStage")],
            "chunks": ["type": "object", "additionalProperties": ["type": "integer"], "description": "Chunks per stage"],
            "frames": integer, "duplicates": ["type": "array", "items": uuid],
            "transcript_segments": nullable("integer"), "transcript_language": nullable("string"),
        ], required: ["media", "stages", "chunks", "frames", "duplicates"]),
        "UploadResult": object([
            "media": ref("Media"), "duplicate": ["type": "boolean", "description": "Identical content already existed; nothing new was stored"],
        ], required: ["media", "duplicate"]),
        "MediaAccessToken": object([
            "token": ["type": "string", "description": "Read-only, for this item's content and thumbnails only; send as ?access_token="],
            "expires_at": dateTime,
            "content_url": ["type": "string", "description": "GET URL of the original file with the token (add &disposition=inline to view in a browser)"],
            "thumbnail_url": ["type": "string", "description": "GET URL of the thumbnail with the token (add &t= seconds for a video frame)"],
        ], required: ["token", "expires_at", "content_url", "thumbnail_url"]),
        "MediaPage": object([
            "items": ["type": "array", "items": ref("Media")], "next_cursor": nullable("string"),
        ], required: ["items"]),
        "SearchRequest": object([
            "query": ["type": "string", "maxLength": 4000],
            "mode": enumeration(["vector", "keyword", "hybrid"]),
            "limit": ["type": "integer", "minimum": 1, "maximum": 100],
            "cursor": string, "group_by_media": ["type": "boolean"], "rerank": ["type": "boolean"],
            "filters": object([
                "kinds": ["type": "array", "items": enumeration(["unknown", "video", "audio", "image", "document"])],
                "sources": ["type": "array", "items": enumeration(["upload", "import", "zoom", "teams"])],
                "content_kinds": ["type": "array", "items": enumeration(["transcript", "document", "ocr", "frame", "table", "description"])],
                "media_ids": ["type": "array", "items": uuid],
                "speakers": ["type": "array", "items": string], "languages": ["type": "array", "items": string],
                "tags": ["type": "array", "items": string], "from": dateTime, "to": dateTime,
            ], required: []),
        ], required: ["query"]),
        "DeepLink": object([
            "kind": enumeration(["time", "page", "frame", "media"]), "content_url": string,
            "start": nullable("number"), "end": nullable("number"), "page": nullable("integer"),
            "frame_time": nullable("number"), "thumbnail_url": nullable("string"),
            "box": ["type": ["array", "null"], "items": ["type": "number"], "minItems": 4, "maxItems": 4],
        ], required: ["kind", "content_url"]),
        "SearchHit": object([
            "chunk_id": uuid, "media_id": uuid, "title": string, "media_kind": string, "source": string, "content_kind": string,
            "text": string, "snippet": ["type": "string", "description": "Matches wrapped in <mark>…</mark>"],
            "score": ["type": "number"], "vector_rank": nullable("integer"), "keyword_rank": nullable("integer"),
            "speakers": ["type": "array", "items": string], "language": nullable("string"), "link": ref("DeepLink"),
            "related": ["type": "array", "items": ref("SearchHit")],
        ], required: ["chunk_id", "media_id", "title", "text", "snippet", "score", "link"]),
        "SearchResponse": object([
            "query": string, "mode": string, "hits": ["type": "array", "items": ref("SearchHit")],
            "next_cursor": nullable("string"), "took_ms": ["type": "number"], "models": ["type": "array", "items": string],
            "reranker": nullable("string"),
        ], required: ["query", "mode", "hits", "took_ms", "models"]),
        "Health": object(["status": string, "checks": ["type": "object", "additionalProperties": ["type": "string"]]], required: ["status"]),
    ].merging(jobComponents) { first, _ in first }
}

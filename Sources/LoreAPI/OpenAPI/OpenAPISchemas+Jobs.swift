extension OpenAPISchemas {
    static let jobStatus = enumeration(["pending", "running", "succeeded", "failed", "dead", "cancelled"])

    /// Schemas of the job endpoints.
    static let jobComponents: [String: JSONValue] = [
        "JobError": object([
            "attempt": integer, "at": dateTime,
            "code": ["type": "string", "description": "Error code, or an event: replayed, cancelled, released, lease_expired"],
            "message": string,
        ], required: ["attempt", "at", "code", "message"]),
        "Job": object([
            "id": uuid, "kind": string, "status": jobStatus,
            "priority": ["type": "integer", "minimum": 0, "maximum": 4, "description": "0 critical … 4 maintenance"],
            "priority_name": enumeration(["critical", "high", "normal", "low", "maintenance"]),
            "attempt": integer, "max_attempts": integer, "run_after": dateTime,
            "unique_key": nullable("string"), "last_error": nullable("string"),
            "errors": ["type": "array", "items": ref("JobError")],
            "payload": ["description": "The job's JSON payload"],
            "created_at": dateTime, "updated_at": dateTime,
            "started_at": nullable("string", format: "date-time"), "finished_at": nullable("string", format: "date-time"),
        ], required: ["id", "kind", "status", "priority", "priority_name", "attempt", "max_attempts", "run_after", "errors",
                      "payload", "created_at", "updated_at"]),
        "JobPage": object([
            "items": ["type": "array", "items": ref("Job")], "next_cursor": nullable("string"),
        ], required: ["items"]),
        "JobStats": object([
            "depth": ["type": "array", "items": object([
                "priority": integer, "kind": string, "status": jobStatus, "count": integer,
            ], required: ["priority", "kind", "status", "count"])],
            "kinds": ["type": "array", "items": object([
                "kind": string, "ready": integer, "running": integer,
                "completions_per_second": ["type": "number"], "average_run_seconds": nullable("number"),
            ], required: ["kind", "ready", "running", "completions_per_second"])],
            "dead_count": integer,
            "oldest_ready_seconds": nullable("number"),
            "autoscaling": ["oneOf": [ref("AutoscalingAdvice"), ["type": "null"]]],
            "generated_at": dateTime,
        ], required: ["depth", "kinds", "dead_count", "generated_at"]),
        "AutoscalingAdvice": object([
            "recommended_workers": integer, "required_concurrency": integer,
            "steady_load": ["type": "number"], "backlog_work_seconds": ["type": "number"],
            "policy": ["type": "object"],
        ], required: ["recommended_workers", "required_concurrency", "steady_load", "backlog_work_seconds", "policy"]),
    ]
}

import Foundation
import LoreJobs

// Response bodies of the job endpoints. Worker names stay internal.

struct JobErrorBody: Encodable {
    let attempt: Int
    let at: Date
    let code: String
    let message: String
}

struct JobBody: Encodable {
    let id: String
    let kind: String
    let status: String
    let priority: Int
    let priorityName: String
    let attempt: Int
    let maxAttempts: Int
    let runAfter: Date
    let uniqueKey: String?
    let lastError: String?
    let errors: [JobErrorBody]
    let payload: JSONObjectText
    let createdAt: Date
    let updatedAt: Date
    let startedAt: Date?
    let finishedAt: Date?

    init(_ job: JobRecord) {
        id = job.id.description
        kind = job.kind.rawValue
        status = job.status.rawValue
        priority = job.priority.rawValue
        priorityName = job.priority.name
        attempt = job.attempt
        maxAttempts = job.maxAttempts
        runAfter = job.runAfter
        uniqueKey = job.uniqueKey
        lastError = job.lastError
        errors = job.errors.map { JobErrorBody(attempt: $0.attempt, at: $0.at, code: $0.code, message: $0.message) }
        payload = JSONObjectText(text: job.payloadJSON)
        createdAt = job.createdAt
        updatedAt = job.updatedAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, priority, attempt, errors, payload
        case priorityName = "priority_name"
        case maxAttempts = "max_attempts"
        case runAfter = "run_after"
        case uniqueKey = "unique_key"
        case lastError = "last_error"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }
}

struct JobPageBody: Encodable {
    let items: [JobBody]
    let nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}

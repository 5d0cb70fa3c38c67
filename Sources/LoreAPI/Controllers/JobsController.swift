import Foundation
import Hummingbird
import LoreApp
import LoreCore
import LoreJobs

/// The organisation's jobs: list, inspect, retry or replay, cancel, statistics; and the
/// operator's system-wide statistics with the autoscaling advice.
struct JobsController {
    let runtime: LoreRuntime

    func register(_ routes: RouteRegistry) {
        let jobs = runtime.jobs
        let idParameter = OpenAPISchemas.pathParameter("id", "Job id")
        let jobResponse = OpenAPISchemas.jsonResponse("The job", schema: OpenAPISchemas.ref("Job"))
        let missing = OpenAPISchemas.errorResponse("No such job in this organisation")

        routes.add(APIOperation(
            method: .get, path: "/v1/jobs", operationID: "listJobs", summary: "List the organisation's jobs, newest first", tag: "jobs",
            auth: .apiKey(.viewer),
            parameters: [
                OpenAPISchemas.queryParameter("status", "Only jobs in this state", schema: OpenAPISchemas.jobStatus),
                OpenAPISchemas.queryParameter("kind", "Only jobs of this kind", schema: OpenAPISchemas.string),
                OpenAPISchemas.queryParameter("priority", "Only jobs of this priority (0–4)", schema: ["type": "integer", "minimum": 0, "maximum": 4]),
                OpenAPISchemas.queryParameter("limit", "Page size (1–200, default 50)", schema: ["type": "integer", "minimum": 1, "maximum": 200]),
                OpenAPISchemas.queryParameter("cursor", "next_cursor of the previous page", schema: OpenAPISchemas.string),
            ],
            responses: [200: OpenAPISchemas.jsonResponse("A page", schema: OpenAPISchemas.ref("JobPage"))]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery(["status", "kind", "priority", "limit", "cursor"])
            let query = request.uri.queryParameters
            var filter = JobsService.Filter(limit: try request.integerQuery("limit", default: 50, range: 1...200))
            filter.status = try query.get("status").map { try JobStatus(parsing: String($0)) }
            filter.kind = try query.get("kind").map { try JobKind(validating: String($0)).rawValue }
            filter.priority = try query.get("priority").map { try JobPriority(parsing: String($0)) }
            if let cursor = query.get("cursor") {
                guard let after = JobID(String(cursor)) else { throw LoreError(.invalidArgument, "cursor is not valid") }
                filter.after = after
            }
            let page = try await jobs.list(org: caller.org, filter: filter)
            let next = page.count == filter.limit ? page.last?.id.description : nil
            return APIJSON.response(JobPageBody(items: page.map(JobBody.init), nextCursor: next))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/jobs/stats", operationID: "jobStats",
            summary: "The organisation's queue: depth by priority, kind and status, throughput and run times, dead jobs", tag: "jobs",
            auth: .apiKey(.viewer),
            responses: [200: OpenAPISchemas.jsonResponse("Statistics", schema: OpenAPISchemas.ref("JobStats"))]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery([])
            return APIJSON.response(try await jobs.stats(org: caller.org))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/jobs/{id}", operationID: "getJob", summary: "One job with its error history", tag: "jobs",
            auth: .apiKey(.viewer), parameters: [idParameter], responses: [200: jobResponse, 404: missing]
        )) { _, context in
            let caller = try context.requireCaller()
            return APIJSON.response(JobBody(try await jobs.get(org: caller.org, id: try Self.jobID(context))))
        }

        routes.add(APIOperation(
            method: .post, path: "/v1/jobs/{id}/retry", operationID: "retryJob",
            summary: "Replay a dead or cancelled job (attempts start over), or run a job waiting for its retry now", tag: "jobs",
            auth: .apiKey(.admin), parameters: [idParameter],
            responses: [200: jobResponse, 404: missing, 409: OpenAPISchemas.errorResponse("The job is pending, running or succeeded")]
        )) { _, context in
            let caller = try context.requireCaller()
            return APIJSON.response(JobBody(try await jobs.retry(org: caller.org, id: try Self.jobID(context), actor: caller.actor)))
        }

        routes.add(APIOperation(
            method: .post, path: "/v1/jobs/{id}/cancel", operationID: "cancelJob",
            summary: "Cancel a job that has not finished; a running attempt is interrupted", tag: "jobs",
            auth: .apiKey(.admin), parameters: [idParameter],
            responses: [200: jobResponse, 404: missing, 409: OpenAPISchemas.errorResponse("The job already finished")]
        )) { _, context in
            let caller = try context.requireCaller()
            return APIJSON.response(JobBody(try await jobs.cancel(org: caller.org, id: try Self.jobID(context), actor: caller.actor)))
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/system/jobs/stats", operationID: "systemJobStats",
            summary: "The whole queue across organisations, with the recommended number of workers", tag: "system",
            auth: .adminToken,
            responses: [200: OpenAPISchemas.jsonResponse("Statistics", schema: OpenAPISchemas.ref("JobStats"))]
        )) { request, _ in
            try request.allowOnlyQuery([])
            return APIJSON.response(try await jobs.stats(org: nil))
        }
    }

    /// A malformed id is as unknown as another organisation's id.
    static func jobID(_ context: LoreRequestContext) throws -> JobID {
        guard let id = context.parameters.get("id").flatMap(JobID.init) else { throw LoreError(.jobNotFound, "no such job") }
        return id
    }
}

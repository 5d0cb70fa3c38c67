import Foundation
import Hummingbird
import LoreApp
import LoreCore
import LoreDatabase

/// `POST /v1/orgs` (system administrator) and `GET /v1/org` (the caller's own).
struct OrganizationController {
    let runtime: LoreRuntime

    func register(_ routes: RouteRegistry) {
        let organizations = runtime.organizations
        let database = runtime.database
        routes.add(APIOperation(
            method: .post, path: "/v1/orgs", operationID: "createOrganization",
            summary: "Create an organisation and its first owner API key (shown once)", tag: "organizations",
            auth: .adminToken, requestBody: OpenAPISchemas.jsonBody(OpenAPISchemas.ref("CreateOrganization")),
            responses: [201: OpenAPISchemas.jsonResponse("Created", schema: OpenAPISchemas.ref("CreatedOrganization")),
                        409: OpenAPISchemas.errorResponse("Slug taken")]
        )) { request, context in
            let body = try await APIJSON.decode(CreateOrganizationRequest.self, from: request, context: context)
            let created = try await organizations.create(name: body.name, slug: body.slug, tier: body.tier ?? .free,
                                                         quota: body.quotas ?? Quota(), actor: "admin", requestID: context.requestID)
            return APIJSON.response(CreatedOrganizationBody(
                organization: OrganizationBody(created.organization),
                ownerKey: CreatedAPIKeyBody(apiKey: APIKeyBody(created.ownerKey), secret: created.ownerKeySecret)), status: .created)
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/org", operationID: "getOrganization",
            summary: "The caller's organisation with its usage and quota", tag: "organizations",
            auth: .apiKey(.viewer),
            responses: [200: OpenAPISchemas.jsonResponse("The organisation", schema: OpenAPISchemas.ref("OrganizationWithUsage"))]
        )) { _, context in
            let caller = try context.requireCaller()
            let (org, usage) = try await database.withOrg(caller.org) { tx in (try await tx.organization(), try await tx.usage()) }
            guard let org else { throw LoreError(.notFound, "no such organisation") }
            return APIJSON.response(OrganizationWithUsageBody(
                organization: OrganizationBody(org),
                usage: UsageBody(mediaCount: usage.mediaCount, mediaBytes: usage.mediaBytes, mediaSeconds: usage.mediaSeconds),
                quota: organizations.effectiveQuota(org)))
        }
    }
}

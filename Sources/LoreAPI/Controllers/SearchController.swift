import Foundation
import Hummingbird
import LoreApp
import LoreCore
import LoreSearch

/// `POST /v1/search`.
struct SearchController {
    let search: SearchService

    func register(_ routes: RouteRegistry) {
        let search = self.search
        routes.add(APIOperation(
            method: .post, path: "/v1/search", operationID: "search",
            summary: "Search the organisation's recordings, documents and images (vector, keyword or hybrid)", tag: "search",
            auth: .apiKey(.viewer), requestBody: OpenAPISchemas.jsonBody(OpenAPISchemas.ref("SearchRequest")),
            responses: [200: OpenAPISchemas.jsonResponse("Results with deep links", schema: OpenAPISchemas.ref("SearchResponse"))]
        )) { request, context in
            let caller = try context.requireCaller()
            let body = try await APIJSON.decode(SearchRequestBody.self, from: request, context: context)
            let response = try await search.search(org: caller.org, body.request)
            return APIJSON.response(response)
        }
    }
}

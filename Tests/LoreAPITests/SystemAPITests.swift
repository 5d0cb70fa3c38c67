import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import LoreAPI
import LoreCore
import NIOCore

@Suite struct SystemAPITests {
    @Test func healthAndReadiness() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            let checks = try APIHarness.object(ready)["checks"] as? [String: String]
            #expect(checks == ["database": "ok", "migrations": "ok"])
        }
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let harness = try await APIHarness.make()
        let router = try LoreAPI.buildRouter(runtime: harness.runtime)
        let allRoutes = Set(router.routes.map { "\($0.method.rawValue.uppercased()) \($0.path.description)" })
        // The web UI's static files are not API operations and are deliberately left out of the
        // OpenAPI document; they must still be registered.
        #expect(allRoutes.isSuperset(of: LoreAPI.webUIRoutes), "\(allRoutes)")
        let routes = allRoutes.subtracting(LoreAPI.webUIRoutes)
        try await harness.test { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try APIHarness.object(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            var operationIDs = Set<String>()
            for (path, methods) in paths {
                for (method, operation) in methods {
                    documented.insert("\(method.uppercased()) \(path)")
                    let id = (operation as? [String: Any])?["operationId"] as? String
                    #expect(id != nil)
                    #expect(operationIDs.insert(id ?? "").inserted, "duplicate operationId \(id ?? "")")
                }
            }
            #expect(routes == documented, "undocumented: \(routes.subtracting(documented)); missing: \(documented.subtracting(routes))")
            #expect(routes.contains("POST /v1/media"))
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            for uri in ["/healthz", "/v1/media", "/no/such/route"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Request-Id")!] = "client-abc-123"
            let echoed = try await client.execute(uri: "/v1/media", method: .get, headers: headers)
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "client-abc-123")
            let errorBody = try APIHarness.object(echoed)["error"] as? [String: Any]
            #expect(errorBody?["request_id"] as? String == "client-abc-123")
            headers[HTTPField.Name("X-Request-Id")!] = "bad id with spaces\u{7}"
            let replaced = try await client.execute(uri: "/healthz", method: .get, headers: headers)
            #expect(replaced.headers[HTTPField.Name("X-Request-Id")!] != "bad id with spaces\u{7}")
        }
    }

    @Test func metricsAreExposedInPrometheusFormat() async throws {
        let harness = try await APIHarness.make()
        try await harness.test { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(response.text.contains("hb_requests") || response.text.contains("http"))
        }
    }
}

import HTTPTypes
import LoreCore

/// Who may call an operation.
enum AuthRequirement: Sendable {
    case none
    /// An organisation API key with at least this role.
    case apiKey(Role)
    /// The system administrator token.
    case adminToken
    /// An API key with at least this role, or — for read-only routes on one media item whose
    /// path has `{id}` — a media access token in `?access_token=` (see `MediaAccessTokens`).
    /// Only for routes a browser must load without headers (`<video src>`, `<img src>`).
    case apiKeyOrMediaToken(Role)
}

/// One documented HTTP operation. Routes are registered from these, so the OpenAPI document
/// and the router cannot drift apart.
struct APIOperation: Sendable {
    var method: HTTPRequest.Method
    /// OpenAPI-style path, e.g. `/v1/media/{id}` (Hummingbird accepts the same syntax).
    var path: String
    var operationID: String
    var summary: String
    var tag: String
    var auth: AuthRequirement
    var parameters: [JSONValue] = []
    var requestBody: JSONValue?
    /// Status code → response object.
    var responses: [Int: JSONValue]

    /// Errors every authenticated operation can return.
    var standardErrors: [Int: JSONValue] {
        var errors: [Int: JSONValue] = [400: OpenAPISchemas.errorResponse("Invalid request")]
        switch auth {
        case .none: break
        case .apiKey: errors[401] = OpenAPISchemas.errorResponse("Missing, unknown or revoked API key"); errors[403] = OpenAPISchemas.errorResponse("Role too low")
        case .apiKeyOrMediaToken:
            errors[401] = OpenAPISchemas.errorResponse("Missing, unknown or revoked API key; or an invalid, expired or other item's access token")
            errors[403] = OpenAPISchemas.errorResponse("Role too low")
        case .adminToken: errors[401] = OpenAPISchemas.errorResponse("Missing or wrong administrator token")
        }
        return errors
    }
}

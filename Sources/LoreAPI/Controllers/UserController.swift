import Foundation
import Hummingbird
import LoreApp
import LoreCore

/// `POST/GET /v1/users` (admins and owners): people who will sign in to the web UI.
struct UserController {
    let users: UserService

    func register(_ routes: RouteRegistry) {
        let users = self.users
        routes.add(APIOperation(
            method: .post, path: "/v1/users", operationID: "createUser",
            summary: "Add a user with email and password (stored as an Argon2id hash); the role cannot exceed the caller's", tag: "users",
            auth: .apiKey(.admin), requestBody: OpenAPISchemas.jsonBody(OpenAPISchemas.ref("CreateUser")),
            responses: [201: OpenAPISchemas.jsonResponse("Created", schema: OpenAPISchemas.ref("User")),
                        409: OpenAPISchemas.errorResponse("A user with that email exists (user_exists)")]
        )) { request, context in
            let caller = try context.requireCaller()
            let body = try await APIJSON.decode(CreateUserRequest.self, from: request, context: context)
            let user = try await users.create(caller: caller, email: body.email, password: body.password, displayName: body.displayName,
                                              role: body.role ?? .member, requestID: context.requestID)
            return APIJSON.response(UserBody(user), status: .created)
        }

        routes.add(APIOperation(
            method: .get, path: "/v1/users", operationID: "listUsers", summary: "List the organisation's users", tag: "users",
            auth: .apiKey(.admin),
            responses: [200: OpenAPISchemas.jsonResponse("Users", schema: ["type": "object", "properties": ["items": ["type": "array", "items": OpenAPISchemas.ref("User")]]])]
        )) { request, context in
            let caller = try context.requireCaller()
            try request.allowOnlyQuery([])
            return APIJSON.response(ListBody(items: try await users.list(caller: caller).map { UserBody($0) }))
        }
    }
}

import Foundation
import LoreCore
import PostgresNIO

/// How to reach Lore's PostgreSQL and with which login for each of its roles.
public struct DatabaseEndpoint: Sendable {
    public enum Address: Sendable, Equatable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int, requireTLS: Bool)
    }

    /// A login: user name and password, plus a role to switch to at connection start when the
    /// login itself is not the role (one external account acting as all three roles).
    public struct Login: Sendable, Equatable {
        public var username: String
        public var password: String?
        public var role: String?
        public init(username: String, password: String? = nil, role: String? = nil) {
            self.username = username
            self.password = password
            self.role = role
        }
    }

    public var address: Address
    public var database: String
    public var owner: Login
    public var app: Login
    public var service: Login
    /// Creates roles, the database and extensions; nil when the server is managed elsewhere
    /// and an external login must do that.
    public var superuser: Login?

    public init(address: Address, database: String, owner: Login, app: Login, service: Login, superuser: Login?) {
        self.address = address
        self.database = database
        self.owner = owner
        self.app = app
        self.service = service
        self.superuser = superuser
    }

    /// The embedded server: trust authentication on a private unix socket, one login per role.
    public static func embedded(socketDirectory: String, database: String = "lore") -> DatabaseEndpoint {
        DatabaseEndpoint(
            address: .unixSocket(path: socketDirectory + "/.s.PGSQL.\(EmbeddedPostgres.port)"),
            database: database,
            owner: Login(username: DatabaseRoles.owner),
            app: Login(username: DatabaseRoles.app),
            service: Login(username: DatabaseRoles.service),
            superuser: Login(username: EmbeddedPostgres.superuser))
    }

    /// An external server from `postgres://user:password@host:port/database?sslmode=require`.
    /// The URL's account runs migrations (as `lore_owner`) and bootstraps roles if it may; the
    /// application connects with `appURL` when given, otherwise with the same account switched
    /// to `lore_app` at connection start.
    public static func external(url: String, appURL: String? = nil) throws -> DatabaseEndpoint {
        let main = try ParsedURL(url)
        var app = Login(username: main.username, password: main.password, role: DatabaseRoles.app)
        if let appURL {
            let parsed = try ParsedURL(appURL)
            app = Login(username: parsed.username, password: parsed.password)
        }
        return DatabaseEndpoint(
            address: .tcp(host: main.host, port: main.port, requireTLS: main.requireTLS),
            database: main.database,
            owner: Login(username: main.username, password: main.password, role: DatabaseRoles.owner),
            app: app,
            service: Login(username: main.username, password: main.password, role: DatabaseRoles.service),
            superuser: Login(username: main.username, password: main.password))
    }

    /// PostgresNIO configuration for one login, connected to `database` (default: Lore's).
    public func clientConfiguration(_ login: Login, database: String? = nil) -> PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        switch address {
        case .unixSocket(let path):
            config = .init(unixSocketPath: path, username: login.username, password: login.password, database: database ?? self.database)
        case .tcp(let host, let port, let requireTLS):
            let tls: PostgresClient.Configuration.TLS = requireTLS ? .require(.makeClientConfiguration()) : .prefer(.makeClientConfiguration())
            config = .init(host: host, port: port, username: login.username, password: login.password, database: database ?? self.database, tls: tls)
        }
        config.options.additionalStartupParameters = startupParameters(login)
        return config
    }

    /// Single-connection configuration (bootstrap, migrations, LISTEN).
    public func connectionConfiguration(_ login: Login, database: String? = nil) throws -> PostgresConnection.Configuration {
        var config: PostgresConnection.Configuration
        switch address {
        case .unixSocket(let path):
            config = .init(unixSocketPath: path, username: login.username, password: login.password, database: database ?? self.database)
        case .tcp(let host, let port, let requireTLS):
            let tls: PostgresConnection.Configuration.TLS = requireTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable
            config = .init(host: host, port: port, username: login.username, password: login.password, database: database ?? self.database, tls: tls)
        }
        config.options.additionalStartupParameters = startupParameters(login)
        return config
    }

    /// Session settings every connection starts with. `constraint_exclusion` off: Lore's
    /// partitioned tables are pruned by their partition bounds, and the default (`partition`)
    /// only re-proves every surviving partition's CHECK constraints against the query, parsing
    /// them from text at each planning: a quarter of the planner's time on the 1M-chunk
    /// benchmark, where a tiny organisation's vector search planned in 0.52–0.75 ms with it and
    /// 0.40–0.52 ms without.
    func startupParameters(_ login: Login) -> [(String, String)] {
        var parameters = [("search_path", "\(DatabaseRoles.schema), public"), ("application_name", "lore"), ("constraint_exclusion", "off")]
        if let role = login.role { parameters.append(("role", role)) }
        return parameters
    }
}

/// The parts of a `postgres://` URL Lore uses.
struct ParsedURL {
    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var requireTLS: Bool

    init(_ text: String) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme),
              let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty else {
            throw LoreError(.configuration, "database URL must look like postgres://user:password@host:5432/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw LoreError(.configuration, "database URL must name a database")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        self.requireTLS = ["require", "verify-ca", "verify-full"].contains(sslmode)
    }
}

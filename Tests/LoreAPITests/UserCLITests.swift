import Foundation
import Testing
import LoreCore
import LoreSystem

/// `lore user create` and `lore user list` as an operator runs them: the real binary on the
/// embedded database of a fresh data directory, the password on standard input.
@Suite(.serialized) struct UserCLITests {
    static func lore(_ arguments: [String], input: String? = nil, data: URL) async throws -> RemoteCLITests.Run {
        let output = try await ProcessRunner.run(
            try RemoteCLITests.binary(), arguments, input: input.map { Array($0.utf8) },
            environment: ["LORE_DATA_DIR": data.path, "LORE_DB_SHARED_BUFFERS_MB": "128", "LORE_URL": "", "LORE_API_KEY": ""],
            limits: ProcessLimits(wallClock: .seconds(300)))
        return RemoteCLITests.Run(status: output.exitCode, stdout: output.standardOutputText, stderr: output.standardError)
    }

    @Test func operatorsAddAndListUsers() async throws {
        let dir = try RemoteCLITests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o755)
        let data = dir.appendingPathComponent("data")
        #expect(try await Self.lore(["org", "create", "People", "--slug", "people"], data: data).status == 0)

        let created = try await Self.lore(["user", "create", "--org", "people", "--email", "ada@example.com", "--role", "admin", "--json"],
                                          input: "correct horse battery\n", data: data)
        #expect(created.status == 0, "\(created.stderr)")
        let user = created.json as? [String: Any]
        #expect(user?["email"] as? String == "ada@example.com" && user?["role"] as? String == "admin")
        #expect(!created.stdout.contains("correct horse") && !created.stdout.contains("argon2"))

        // Refusals: no password, a short one, a taken address, a bad role — each a message and a non-zero exit.
        let noPassword = try await Self.lore(["user", "create", "--org", "people", "--email", "bob@example.com"], data: data)
        #expect(noPassword.status != 0 && noPassword.stderr.contains("standard input"), "\(noPassword.stderr)")
        let short = try await Self.lore(["user", "create", "--org", "people", "--email", "bob@example.com"], input: "short\n", data: data)
        #expect(short.status != 0 && short.stderr.contains("invalid_password"), "\(short.stderr)")
        let taken = try await Self.lore(["user", "create", "--org", "people", "--email", "ADA@example.com"], input: "another password\n", data: data)
        #expect(taken.status != 0 && taken.stderr.contains("user_exists"), "\(taken.stderr)")
        let role = try await Self.lore(["user", "create", "--org", "people", "--email", "c@example.com", "--role", "god"], data: data)
        #expect(role.status != 0 && role.stderr.contains("--role"), "\(role.stderr)")

        let listed = try await Self.lore(["user", "list", "--org", "people", "--json"], data: data)
        #expect((listed.json as? [[String: Any]])?.map { $0["email"] as? String } == ["ada@example.com"], "\(listed.stdout) \(listed.stderr)")
        _ = try await Self.lore(["db", "stop"], data: data)
    }
}

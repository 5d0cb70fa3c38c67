import Testing
@testable import LoreDatabase

@Suite struct SQLScriptTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE t (a text DEFAULT 'x;y', "we;ird" int);
            /* block; comment */
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            DO $body$ BEGIN PERFORM 'it''s; fine'; END $body$;
            SELECT $1::text
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix(#""we;ird" int)"#))
        #expect(statements[1].contains("$$ SELECT 1; $$"))
        #expect(statements[2].contains("'it''s; fine'"))
        #expect(statements[3] == "SELECT $1::text")
    }

    @Test func ignoresEmptyAndCommentOnlyStatements() {
        #expect(SQLScript.statements(";;\n-- nothing\n;").isEmpty)
    }
}

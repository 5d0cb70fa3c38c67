import NIOCore
import PostgresNIO

/// Bytes bound and read as `bytea` (PostgresNIO maps `[UInt8]` to `"char"[]`).
struct Bytea: PostgresEncodable, PostgresDecodable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static var psqlType: PostgresDataType { .bytea }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeBytes(bytes)
    }

    init<JSONDecoder: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                           context: PostgresDecodingContext<JSONDecoder>) throws {
        bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}

extension Bytea: PostgresArrayEncodable, PostgresArrayDecodable {
    static var psqlArrayType: PostgresDataType { .byteaArray }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import XCTest
@testable import CQLServer

final class MD5Tests: XCTestCase {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// RFC 1321 appendix A.5 test suite.
    func testRFC1321Vectors() {
        let vectors = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
            (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
        ]
        for (message, digest) in vectors {
            XCTAssertEqual(hex(MD5.digest(Array(message.utf8))), digest, message)
        }
    }

    /// `TableId.forSystemTable("system", "local")` as Cassandra reports it.
    func testNameUUIDMatchesJava() {
        XCTAssertEqual(MD5.nameUUID(from: Array("systemlocal".utf8)), UUID(uuidString: "7ad54392-bcdd-35a6-8417-4e047860b377"))
        XCTAssertEqual(MD5.nameUUID(from: Array("system_schematables".utf8)), UUID(uuidString: "afddfb9d-bc1e-3068-8056-eed6c302ba09"))
    }
}

@testable import CassandraVectorSearch
import XCTest

final class ServerVersionTests: XCTestCase {
    func testNativeVectorsNeedCassandraFive() {
        XCTAssertTrue(ServerVersion("5.0.2").supportsNativeVectors)
        XCTAssertTrue(ServerVersion("5.1-SNAPSHOT").supportsNativeVectors)
        XCTAssertTrue(ServerVersion("10.0").supportsNativeVectors)
        XCTAssertFalse(ServerVersion("4.1.3").supportsNativeVectors)
        XCTAssertFalse(ServerVersion("3.0.8").supportsNativeVectors)
        XCTAssertFalse(ServerVersion("").supportsNativeVectors)
        XCTAssertEqual(ServerVersion("4.0.11").major, 4)
        XCTAssertNil(ServerVersion("unknown").major)
    }
}

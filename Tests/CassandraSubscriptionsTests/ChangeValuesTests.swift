import CassandraORM
@testable import CassandraSubscriptions
import Foundation
import XCTest

final class ChangeValuesTests: XCTestCase {
    func testEveryDynamicValueRoundTripsWithItsKind() throws {
        let values: [String: ORMValue] = [
            "n": .null, "b": true, "i": 1, "d": 1.0, "s": "1", "u": .uuid(UUID()), "t": .date(Date(timeIntervalSince1970: 1_700_000_000.123)),
            "x": .bytes([0, 255, 7]), "l": [1, "a", [2.5]], "m": ["k": ["$incr": 1]],
        ]
        let json = try ChangeValues.encode(values)
        XCTAssertEqual(try ChangeValues.decode(json), values)
        XCTAssertTrue(json.contains(#""i":{"i":1}"#))
    }

    func testCorruptJSONIsADecodingError() {
        for json in ["{", #"{"a":{"q":1}}"#, #"{"a":{"u":"nope"}}"#, #"{"a":{"i":1,"s":"x"}}"#] {
            XCTAssertThrowsError(try ChangeValues.decode(json), json) { error in
                XCTAssertEqual((error as? SubscriptionError)?.code, .decodingFailed)
            }
        }
    }
}

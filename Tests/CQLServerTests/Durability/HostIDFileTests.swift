#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import XCTest
@testable import CQLServer

/// `HostIDFile`: a data directory keeps one host id across starts.
final class HostIDFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cql-hostid-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheFirstLoadCreatesTheDirectoryAndLaterLoadsReturnTheSameID() throws {
        let first = try HostIDFile.load(directory: directory)
        XCTAssertEqual(try HostIDFile.load(directory: directory), first)
        let stored = FileManager.default.contents(atPath: directory + "/host_id").map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(stored, first.uuidString)
    }

    func testAnUnreadableFileIsReplacedByANewID() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/host_id", contents: Data("garbage".utf8)))
        let id = try HostIDFile.load(directory: directory)
        XCTAssertEqual(try HostIDFile.load(directory: directory), id)
    }
}

import ECommerceApp
import Foundation
import Logging

// The e-commerce example: `swift run ecommerce --seed` (see docs/example.md).
let configuration: AppConfiguration
do {
    configuration = try AppConfiguration.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("\(error.message)\n\(AppConfiguration.usage)\n".utf8))
    exit(64)
}
var logger = Logger(label: "ecommerce")
logger.logLevel = .info
do {
    try await ECommerceServer.run(configuration, logger: logger)
} catch {
    logger.critical("ecommerce failed", metadata: ["error": "\(String(reflecting: error))"])
    exit(1)
}

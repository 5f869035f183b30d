#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Cassandra's native scalar functions usable in terms: time and uuid generators and the
/// time conversions (`toTimestamp`, `toDate`, `toUnixTimestamp`, `minTimeuuid`, `maxTimeuuid`).
struct FunctionEvaluator {
    /// Evaluates arguments.
    let evaluator: TermEvaluator

    /// Calls `name` (already lowercased unless quoted) with `arguments`.
    func call(_ name: String, _ arguments: [Term], receiver: Receiver) throws(ExecutionError) -> CQLValue? {
        let time = evaluator.time
        func requireArguments(_ count: Int) throws(ExecutionError) {
            guard arguments.count == count else {
                throw .invalid("Invalid number of arguments in call to function system.\(name): \(count) required but \(arguments.count) provided")
            }
        }
        switch name {
        case "now", "currenttimeuuid":
            try requireArguments(0)
            return .timeuuid(TimeUUIDSource.next(millis: time.millis))
        case "uuid":
            try requireArguments(0)
            return .uuid(UUID())
        case "currenttimestamp":
            try requireArguments(0)
            return .timestamp(time.millis)
        case "currentdate":
            try requireArguments(0)
            return .date(Int32(time.millis / 86_400_000))
        case "currenttime":
            try requireArguments(0)
            return .time((time.millis % 86_400_000) * 1_000_000)
        case "totimestamp", "todate", "tounixtimestamp", "dateof", "unixtimestampof":
            try requireArguments(1)
            guard let millis = try temporalMillis(arguments[0], receiver: receiver) else { return nil }
            switch name {
            case "todate": return .date(Int32(floorDivide(millis, 86_400_000)))
            case "tounixtimestamp", "unixtimestampof": return .bigint(millis)
            default: return .timestamp(millis)
            }
        case "mintimeuuid", "maxtimeuuid":
            try requireArguments(1)
            guard case .timestamp(let millis)? = try evaluator.value(arguments[0], for: receiver.derived(name: "\(name)(arg0)", type: .timestamp)) else {
                return nil
            }
            return .timeuuid(TimeUUIDSource.bound(millis: millis, lowest: name == "mintimeuuid"))
        default:
            throw .invalid("Unknown function \(name) called")
        }
    }

    /// The instant of a timeuuid, timestamp or date argument, in milliseconds.
    private func temporalMillis(_ argument: Term, receiver: Receiver) throws(ExecutionError) -> Int64? {
        let candidates: [CQLType] = [.timeuuid, .timestamp, .date]
        var lastError: ExecutionError?
        for type in candidates {
            do {
                switch try evaluator.value(argument, for: receiver.derived(name: receiver.name, type: type)) {
                case .timeuuid(let uuid)?: return TimeUUIDSource.millis(of: uuid)
                case .timestamp(let millis)?: return millis
                case .date(let days)?: return Int64(days) * 86_400_000
                case nil: return nil
                default: continue
                }
            } catch {
                lastError = error
            }
        }
        throw lastError ?? .invalid("Invalid argument for time conversion function")
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

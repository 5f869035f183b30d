import CQLProtocol

/// Turns a table's `WITH` options, kept as CQL literal text, into the values Cassandra 5.0
/// writes to `system_schema.tables` (`SchemaKeyspace.addTableParamsToRowBuilder`):
/// defaults from `TableParams.Builder`, class names expanded to Java class names, and the
/// columns Cassandra only writes when they differ from the default left null.
enum TableParameters {
    /// The parameter columns of a `system_schema.tables` row for a table with `options`.
    static func row(options: [String: String]) -> VirtualRow {
        let literals = options.compactMapValues(OptionLiteral.init(parsing:))
        let compaction = compactionMap(literals["compaction"]?.map)
        var row: VirtualRow = [
            "bloom_filter_fp_chance": .double(literals["bloom_filter_fp_chance"]?.double
                ?? (compaction["class"] == compactionPackage + "LeveledCompactionStrategy" ? 0.1 : 0.01)),
            "caching": .textMap(cachingMap(literals["caching"]?.map)),
            "comment": .text(literals["comment"]?.scalar ?? ""),
            "compaction": .textMap(compaction),
            "compression": .textMap(compressionMap(literals["compression"]?.map)),
            "crc_check_chance": .double(literals["crc_check_chance"]?.double ?? 1.0),
            "dclocal_read_repair_chance": .double(0),
            "default_time_to_live": .int(literals["default_time_to_live"]?.int ?? 0),
            "extensions": .map([]),
            "gc_grace_seconds": .int(literals["gc_grace_seconds"]?.int ?? 864_000),
            "max_index_interval": .int(literals["max_index_interval"]?.int ?? 2048),
            "memtable_flush_period_in_ms": .int(literals["memtable_flush_period_in_ms"]?.int ?? 0),
            "min_index_interval": .int(literals["min_index_interval"]?.int ?? 128),
            "read_repair_chance": .double(0),
            "speculative_retry": .text(retryPolicy(literals["speculative_retry"]?.scalar)),
            "additional_write_policy": .text(retryPolicy(literals["additional_write_policy"]?.scalar)),
            "read_repair": .text(literals["read_repair"]?.scalar?.uppercased() ?? "BLOCKING"),
        ]
        // Cassandra writes these only when they differ from the default (or, for cdc, when
        // CDC is enabled on the node, which it is not by default).
        if let cdc = literals["cdc"]?.bool, cdc { row["cdc"] = .boolean(true) }
        if let memtable = literals["memtable"]?.scalar, memtable != "default" { row["memtable"] = .text(memtable) }
        if literals["allow_auto_snapshot"]?.bool == false { row["allow_auto_snapshot"] = .boolean(false) }
        if literals["incremental_backups"]?.bool == false { row["incremental_backups"] = .boolean(false) }
        return row
    }

    private static let compactionPackage = "org.apache.cassandra.db.compaction."
    private static let compressionPackage = "org.apache.cassandra.io.compress."

    /// `CachingParams.asMap`: both keys always present, keywords upper-cased.
    private static func cachingMap(_ given: [String: String]?) -> [String: String] {
        var map = ["keys": "ALL", "rows_per_partition": "NONE"]
        for (key, value) in given ?? [:] {
            map[key] = Int(value) == nil ? value.uppercased() : value
        }
        return map
    }

    /// `CompactionParams.asMap`: the full strategy class name plus the threshold defaults.
    private static func compactionMap(_ given: [String: String]?) -> [String: String] {
        var map = given ?? [:]
        let strategy = map["class"] ?? "SizeTieredCompactionStrategy"
        map["class"] = strategy.contains(".") ? strategy : compactionPackage + strategy
        if map["max_threshold"] == nil { map["max_threshold"] = "32" }
        if map["min_threshold"] == nil { map["min_threshold"] = "4" }
        return map
    }

    /// `CompressionParams.asMap`: `{'enabled': 'false'}` when disabled, otherwise the full
    /// compressor class name and the chunk length (16 KiB by default since 4.0).
    private static func compressionMap(_ given: [String: String]?) -> [String: String] {
        var map = given ?? [:]
        if map["enabled"]?.lowercased() == "false" { return ["enabled": "false"] }
        map["enabled"] = nil
        let compressor = map["class"] ?? map.removeValue(forKey: "sstable_compression") ?? "LZ4Compressor"
        map["class"] = compressor.contains(".") ? compressor : compressionPackage + compressor
        if let legacy = map.removeValue(forKey: "chunk_length_kb") { map["chunk_length_in_kb"] = legacy }
        if map["chunk_length_in_kb"] == nil { map["chunk_length_in_kb"] = "16" }
        return map
    }

    /// `SpeculativeRetryPolicy.toString`: `99p`, `10ms`, `ALWAYS`, `NEVER` (default `99p`).
    static func retryPolicy(_ given: String?) -> String {
        guard let given else { return "99p" }
        let upper = given.uppercased()
        for suffix in ["PERCENTILE", "P"] where upper.hasSuffix(suffix) {
            if let number = Double(upper.dropLast(suffix.count)) { return decimalText(number) + "p" }
        }
        if upper.hasSuffix("MS"), let number = Double(upper.dropLast(2)) { return decimalText(number) + "ms" }
        return upper
    }

    /// Java's `DecimalFormat("#.####")`: no trailing zeros, no decimal point for integers.
    private static func decimalText(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// A table option's value as written after `WITH name =`: a string, number, boolean or
/// identifier, or a map of such values (`{'class': 'LZ4Compressor', 'chunk_length_in_kb': 64}`).
struct OptionLiteral: Sendable, Hashable {
    /// The text of a scalar value (string contents without quotes).
    var scalar: String?
    /// The entries of a map value, each value as text.
    var map: [String: String]?

    /// Parses option text; `nil` when it is not a literal this understands.
    init?(parsing text: String) {
        var scanner = LiteralScanner(characters: Array(text))
        scanner.skipSpace()
        if scanner.peek == "{" {
            scanner.index += 1
            var entries: [String: String] = [:]
            while true {
                scanner.skipSpace()
                if scanner.peek == "}" { scanner.index += 1; break }
                guard let key = scanner.scalar() else { return nil }
                scanner.skipSpace()
                guard scanner.peek == ":" else { return nil }
                scanner.index += 1
                scanner.skipSpace()
                guard let value = scanner.scalar() else { return nil }
                entries[key] = value
                scanner.skipSpace()
                if scanner.peek == "," { scanner.index += 1 }
            }
            map = entries
        } else {
            guard let value = scanner.scalar() else { return nil }
            scalar = value
        }
        scanner.skipSpace()
        guard scanner.peek == nil else { return nil }
    }

    /// The scalar as an `int`.
    var int: Int32? { scalar.flatMap { Int32($0) } }
    /// The scalar as a `double`.
    var double: Double? { scalar.flatMap { Double($0) } }
    /// The scalar as a `boolean`.
    var bool: Bool? { scalar.flatMap { ["true": true, "false": false][$0.lowercased()] } }
}

/// Character-level scanning for ``OptionLiteral``.
private struct LiteralScanner {
    let characters: [Character]
    var index = 0

    /// The current character, or `nil` at the end.
    var peek: Character? { index < characters.count ? characters[index] : nil }

    /// Skips whitespace.
    mutating func skipSpace() {
        while let character = peek, character.isWhitespace { index += 1 }
    }

    /// A quoted string (`''` escapes a quote), a `$$…$$` string, or a bare token.
    mutating func scalar() -> String? {
        if peek == "'" {
            index += 1
            var text = ""
            while let character = peek {
                index += 1
                if character == "'" {
                    guard peek == "'" else { return text }
                    index += 1
                }
                text.append(character)
            }
            return nil
        }
        if peek == "$", index + 1 < characters.count, characters[index + 1] == "$" {
            index += 2
            var text = ""
            while index + 1 < characters.count {
                if characters[index] == "$" && characters[index + 1] == "$" { index += 2; return text }
                text.append(characters[index])
                index += 1
            }
            return nil
        }
        let start = index
        while let character = peek, !character.isWhitespace, !",:{}".contains(character) { index += 1 }
        return index > start ? String(characters[start..<index]) : nil
    }
}

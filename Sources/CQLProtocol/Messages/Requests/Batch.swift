extension RequestMessage {
    /// BATCH: several prepared or unprepared statements executed as one batch
    /// (native_protocol_v4.spec §4.1.7):
    /// `<type><n><query_1>...<query_n><consistency><flags>[<serial_consistency>][<timestamp>]`.
    ///
    /// Flag 0x40 (names for values) is batch-wide: it is set when any statement binds
    /// ``BoundValues/named(_:)`` values, and then every statement must. The spec warns that
    /// servers do not implement it (CASSANDRA-10246); it is encoded for completeness.
    public struct Batch: Sendable, Hashable {
        /// The batch `<type>` byte.
        public enum BatchType: UInt8, Sendable, Hashable, CaseIterable {
            /// 0: a logged batch (the CQL `BEGIN BATCH`).
            case logged = 0
            /// 1: an unlogged batch.
            case unlogged = 1
            /// 2: a counter batch.
            case counter = 2
        }

        /// The `<flags>` byte of a batch: only bits 0x10, 0x20 and 0x40 are defined.
        public struct Flags: OptionSet, Sendable, Hashable {
            /// The raw bits.
            public var rawValue: UInt8
            /// Creates flags from raw bits.
            public init(rawValue: UInt8) { self.rawValue = rawValue }

            /// 0x10: a serial `[consistency]` follows.
            public static let withSerialConsistency = Flags(rawValue: 0x10)
            /// 0x20: a `[long]` default timestamp follows.
            public static let withDefaultTimestamp = Flags(rawValue: 0x20)
            /// 0x40: every value of every statement is preceded by a `[string]` name.
            public static let withNamesForValues = Flags(rawValue: 0x40)
            /// Every bit a batch may carry.
            public static let all: Flags = [.withSerialConsistency, .withDefaultTimestamp, .withNamesForValues]
        }

        /// One `<query_i>`: `<kind><string_or_id><n>[<name_1>]<value_1>...`.
        public struct Statement: Sendable, Hashable {
            /// Query text (`<kind>` 0) or prepared id (`<kind>` 1).
            public enum Kind: Sendable, Hashable {
                /// An unprepared statement: a `[long string]`.
                case query(String)
                /// A prepared statement: its `[short bytes]` id.
                case prepared(id: [UInt8])
            }

            /// The statement.
            public var kind: Kind
            /// Its bound values; a statement without markers uses `.positional([])`.
            public var values: BoundValues

            /// Creates a statement.
            public init(_ kind: Kind, values: BoundValues = .positional([])) {
                self.kind = kind
                self.values = values
            }
        }

        /// Logged, unlogged or counter.
        public var type: BatchType
        /// The statements, in order.
        public var statements: [Statement]
        /// The consistency level.
        public var consistency: Consistency
        /// The serial consistency for conditional updates.
        public var serialConsistency: Consistency?
        /// The default timestamp in microseconds.
        public var defaultTimestamp: Int64?

        /// Creates a BATCH.
        public init(type: BatchType, statements: [Statement], consistency: Consistency,
                    serialConsistency: Consistency? = nil, defaultTimestamp: Int64? = nil) {
            self.type = type
            self.statements = statements
            self.consistency = consistency
            self.serialConsistency = serialConsistency
            self.defaultTimestamp = defaultTimestamp
        }

        /// The flags this value encodes with.
        public var flags: Flags {
            var flags: Flags = []
            if serialConsistency != nil { flags.insert(.withSerialConsistency) }
            if defaultTimestamp != nil { flags.insert(.withDefaultTimestamp) }
            if statements.contains(where: { $0.values.isNamed }) {
                flags.insert(.withNamesForValues)
            }
            return flags
        }

        /// Writes the body (native_protocol_v4.spec §4.1.7).
        /// - Precondition: at most 65535 statements; when any statement binds named values, no
        ///   statement binds non-empty positional values (our own invariants, never peer input).
        public func encode(into buffer: inout CQLBuffer) {
            let flags = flags
            precondition(statements.count <= Int(UInt16.max), "more than 65535 statements in a batch")
            buffer.writeByte(type.rawValue)
            buffer.writeShort(UInt16(statements.count))
            for statement in statements {
                switch statement.kind {
                case .query(let text):
                    buffer.writeByte(0)
                    buffer.writeLongString(text)
                case .prepared(let id):
                    buffer.writeByte(1)
                    buffer.writeShortBytes(id)
                }
                if flags.contains(.withNamesForValues), !statement.values.isNamed {
                    precondition(statement.values.count == 0, "a batch with named values cannot mix in positional values")
                    BoundValues.named([]).encode(into: &buffer)
                } else {
                    statement.values.encode(into: &buffer)
                }
            }
            buffer.writeConsistency(consistency)
            buffer.writeByte(flags.rawValue)
            if let serialConsistency { buffer.writeConsistency(serialConsistency) }
            if let defaultTimestamp { buffer.writeLong(defaultTimestamp) }
        }

        /// Reads the body (native_protocol_v4.spec §4.1.7).
        ///
        /// The names flag (0x40) comes after the statements whose layout it decides, and a
        /// `[string]` name cannot be told from a `[value]` in advance (CASSANDRA-10246). The body
        /// is therefore read positionally first, as Cassandra does, and that reading is kept only
        /// if its flags lack 0x40; otherwise it is read again with names and kept only if its
        /// flags carry 0x40.
        /// - Throws: ``CQLProtocolError`` when truncated, when `<type>` or `<kind>` is out of
        ///   range, when one of the four low flag bits (which must be 0) is set, or when neither
        ///   reading agrees with its own flags.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Batch {
            let start = buffer.readerIndex
            var firstError: CQLProtocolError
            do {
                let (batch, flags) = try decode(namedValues: false, from: &buffer)
                if !flags.contains(.withNamesForValues) { return batch }
                firstError = CQLProtocolError(.invalidValue, "batch flags announce named values but the statements do not parse with names", offset: start)
            } catch {
                firstError = error
            }
            buffer.readerIndex = start
            do {
                let (batch, flags) = try decode(namedValues: true, from: &buffer)
                if flags.contains(.withNamesForValues) { return batch }
            } catch {
                if firstError.code == .invalidValue && error.code == .truncated { firstError = error }
            }
            buffer.readerIndex = start
            throw firstError
        }

        private static func decode(namedValues: Bool, from buffer: inout CQLBuffer) throws(CQLProtocolError) -> (Batch, Flags) {
            let typeOffset = buffer.readerIndex
            let typeByte = try buffer.readByte()
            guard let type = BatchType(rawValue: typeByte) else {
                throw CQLProtocolError(.invalidValue, "batch type \(typeByte) is not 0 (logged), 1 (unlogged) or 2 (counter)", offset: typeOffset)
            }
            let count = Int(try buffer.readShort())
            var statements: [Statement] = []
            // Each statement is at least a kind byte, a 2-byte id length and a 2-byte value count.
            statements.reserveCapacity(buffer.boundedCapacity(count, minimumElementSize: 5))
            for _ in 0..<count {
                let kind = try readKind(from: &buffer)
                statements.append(Statement(kind, values: try BoundValues.decode(named: namedValues, from: &buffer)))
            }
            let consistency = try buffer.readConsistency()
            let flags = Flags(rawValue: try buffer.readFlagsByte(allowed: Flags.all.rawValue, "batch flags"))
            let serialConsistency = flags.contains(.withSerialConsistency) ? try buffer.readConsistency() : nil
            let defaultTimestamp = flags.contains(.withDefaultTimestamp) ? try buffer.readLong() : nil
            let batch = Batch(type: type, statements: statements, consistency: consistency,
                              serialConsistency: serialConsistency, defaultTimestamp: defaultTimestamp)
            return (batch, flags)
        }

        private static func readKind(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Statement.Kind {
            let offset = buffer.readerIndex
            switch try buffer.readByte() {
            case 0: return .query(try buffer.readLongString())
            case 1: return .prepared(id: try buffer.readShortBytes())
            case let kind:
                throw CQLProtocolError(.invalidValue, "batch statement kind \(kind) is not 0 (query) or 1 (prepared)", offset: offset)
            }
        }
    }
}
